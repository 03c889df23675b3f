// The library entry point: read a change (and optionally the prior state), evaluate every
// policy, build the report. The CLI and the tests call this; the policy pack calls
// evaluateChangeSet with the ChangeSet it builds itself.
import { assertDisjoint, contextResources, contextTeardowns, nameContextResources, type ContextStack } from "./audit/context.js";
import { InputError } from "./errors.js";
import type { ChangeSet, InputFormat } from "./model/changeset.js";
import { defaultConfig, type Config } from "./model/config.js";
import type { OverrideContext, OverrideEntry } from "./model/override.js";
import type { PolicyIntent } from "./model/intent.js";
import type { FailOn, Report } from "./model/report.js";
import { loadCatalog } from "./engine/bundle.js";
import { PolicyEvaluator } from "./engine/evaluate.js";
import { buildPolicyInput, type PolicyInput } from "./engine/input.js";
import { decidingTags, mergePriorState, readChangeSet, readFileLimited, readStreamLimited, type ReadLimits } from "./readers/index.js";
import { buildReport } from "./report/build.js";
import { blastRadius } from "./scope/blast-radius.js";
import { buildRunbook } from "./runbook/build.js";
import { SHARED, UNKNOWN_SCOPE } from "./scope/scope.js";

export interface CheckOptions {
  config?: Config;
  /** A `pulumi stack export` or checkpoint of the stack before the change. */
  statePath?: string | undefined;
  inputFormat?: InputFormat | undefined;
  /** Reuse one evaluator across many checks; otherwise one is started and closed. */
  evaluator?: PolicyEvaluator;
  /** --override entries: each applies only to the findings it exactly covers on this input. */
  overrides?: readonly OverrideEntry[] | undefined;
  /** Who requested the change (default: the intent's requester); without one no override applies. */
  requester?: string | null | undefined;
  /** The clock overrides expire against (tests pin it). */
  now?: Date | undefined;
  /** The declared intent (`--intent`, loaded with src/intent/load.ts), or null. */
  intent?: PolicyIntent | null | undefined;
  /** "warning" makes open warnings block too (--fail-on); the verdict says so in every format. */
  failOn?: FailOn | undefined;
  /** The change's bytes when they come from a command (`pulumi preview`); `path` is then its label. */
  changeBytes?: Uint8Array | undefined;
  /** The prior state when it comes from a command (`pulumi stack export`) instead of --state. */
  priorState?: { bytes: Uint8Array; label: string } | undefined;
  /** --context: other stacks' resources as read-only copy facts (src/audit/context.ts). */
  context?: readonly ContextStack[] | undefined;
}

export interface Timings {
  readMs: number;
  evalMs: number;
  totalMs: number;
}

function limitsOf(config: Config): ReadLimits {
  return { maxBytes: config.limits.maxInputBytes, maxDepth: config.limits.maxDepth };
}

/** Reads a file, or standard input when the path is "-". */
export async function readSource(path: string, limits: ReadLimits): Promise<Uint8Array> {
  if (path === "-") return readStreamLimited(process.stdin, "standard input", limits);
  return readFileLimited(path, limits);
}

export async function readInputs(path: string, options: CheckOptions, config: Config): Promise<ChangeSet> {
  const limits = limitsOf(config);
  const label = path === "-" ? "standard input" : path;
  let change = readChangeSet(options.changeBytes ?? (await readSource(path, limits)), label, { limits, format: options.inputFormat });
  // --state, or what `pulumi stack export` printed (check --stack, preview)
  const source = options.statePath ? { bytes: await readSource(options.statePath, limits), label: options.statePath } : options.priorState;
  if (source) {
    const prior = readChangeSet(source.bytes, source.label, { limits });
    change = mergePriorState(change, prior, source.label, { tagKeys: decidingTags(config) });
  }
  return change;
}

export async function evaluateChangeSet(
  change: ChangeSet,
  label: string,
  options: {
    config?: Config;
    evaluator?: PolicyEvaluator;
    withPriorState?: boolean;
    intent?: PolicyIntent | null | undefined;
    overrides?: OverrideContext | undefined;
    failOn?: FailOn | undefined;
    /** --context: other stacks, read-only facts for copy resolution (src/audit/context.ts). */
    context?: readonly ContextStack[] | undefined;
  },
): Promise<{ report: Report; evalMs: number; posture: PostureFacts | null }> {
  const config = options.config ?? defaultConfig();
  const evaluator = options.evaluator ?? new PolicyEvaluator();
  const context = options.context ?? [];
  try {
    // a large change starts the second engine worker while its input is built (buildPolicyInput refuses a non-change)
    if (Array.isArray(change.resources)) evaluator.expect(change.resources.length);
    if (context.length > 0) assertDisjoint([{ label, resources: change.resources }, ...context.map((c) => ({ label: c.label, resources: c.change.resources }))]);
    const input = buildPolicyInput(change, config, options.intent ?? null, { context: contextResources(context) });
    const evaluation = await evaluator.evaluate(input, config.limits.evalTimeoutSeconds * 1000);
    const { blastRadius: reach, customerStores, evalMs } = evaluation;
    const destroyed = new Set(reach?.destroyed);
    const customerData = new Set(reach?.customerData);
    const findings = [...evaluation.findings, ...(await contextTeardowns(change, context, config, evaluator))];
    const built = buildReport(findings, {
      label,
      change,
      withPriorState: options.withPriorState ?? false,
      config,
      catalog: loadCatalog(),
      overrides: options.overrides,
      failOn: options.failOn,
      blastRadius: reach ? blastRadius(input.resources, config.scopes.levels[0]!.name, destroyed, customerData, new Set(reach.orphaned), config.scopes.levels.map((l) => l.name)) : undefined,
      runbook: reach
        ? buildRunbook({ label, digest: change.source.digest, inventoryComplete: change.inventory.complete, levels: config.scopes.levels.map((l) => l.name), resources: input.resources, destroyed, customerData, copies: input.copies })
        : undefined,
    });
    const report = context.length > 0 ? nameContextResources(built, context) : built;
    return { report, evalMs, posture: customerStores && postureFacts(input.resources, customerStores, config) };
  } finally {
    if (!options.evaluator) evaluator.close();
  }
}

/** A customer-data store the posture policies judged, with its tenant (or "shared"). */
export interface CustomerStore {
  urn: string;
  tenant: string;
}

/** What a fleet audit counts: the judged stores, and the tenant of any resource of the stack. */
export interface PostureFacts {
  stores: CustomerStore[];
  tenantOf(urn: string): string;
}

function postureFacts(resources: PolicyInput["resources"], storeUrns: readonly string[], config: Config): PostureFacts {
  const root = config.scopes.levels[0]!.name;
  let tenants: Map<string, string> | undefined; // built on first use: a plain check never asks
  const tenantOf = (urn: string) => {
    tenants ??= new Map(resources.map((r) => [r.urn, r.scope[root] ?? (r.scope.level === UNKNOWN_SCOPE ? UNKNOWN_SCOPE : SHARED)]));
    return tenants.get(urn) ?? UNKNOWN_SCOPE;
  };
  return {
    get stores() {
      return [...new Set(storeUrns)].map((urn) => ({ urn, tenant: tenantOf(urn) }));
    },
    tenantOf,
  };
}

function overrideContext(options: CheckOptions): OverrideContext | undefined {
  if (!options.overrides || options.overrides.length === 0) return undefined;
  const requester = options.requester ?? options.intent?.requester ?? null;
  return { entries: options.overrides, requester, now: options.now ?? new Date() };
}

export async function check(path: string, options: CheckOptions = {}): Promise<{ report: Report; timings: Timings }> {
  const started = performance.now();
  const config = options.config ?? defaultConfig();
  if (options.statePath === path) throw new InputError(`${path}: given both as the change and as --state`);
  const change = await readInputs(path, options, config);
  const readMs = performance.now() - started;
  const label = path === "-" ? "standard input" : path;
  const { report, evalMs } = await evaluateChangeSet(change, label, {
    config,
    evaluator: options.evaluator,
    withPriorState: options.statePath !== undefined || options.priorState !== undefined,
    overrides: overrideContext(options),
    intent: options.intent ?? null,
    failOn: options.failOn,
    context: options.context,
  });
  return { report, timings: { readMs, evalMs, totalMs: performance.now() - started } };
}
