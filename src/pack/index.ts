// The Pulumi policy pack: a thin adapter over the evaluation the CLI uses (evaluateChangeSet, the
// same Wasm bundle in the same worker). One stack policy per blastguard policy id, named by it,
// described and enforced by its METADATA; the goal is evaluated once per preview, when the engine
// sends it, and each policy reports its own findings. A pack that cannot decide (no prior state,
// a bad config, an engine failure) fails the preview: it never passes silently.
import { createRequire } from "node:module";
import { evaluateChangeSet } from "../check.js";
import { loadCatalog, type PolicyMeta } from "../engine/bundle.js";
import { PolicyEvaluator } from "../engine/evaluate.js";
import { buildPolicyInput } from "../engine/input.js";
import { InputError, describeUnexpected } from "../errors.js";
import { loadIntent } from "../intent/load.js";
import { resolve as resolvePath } from "node:path";
import { defaultConfig } from "../model/config.js";
import type { ChangeSet } from "../model/changeset.js";
import type { Finding } from "../model/report.js";
import { stackConfig } from "../readers/common.js";
import { changeSetFromAnalyzer, existingStateFromAnalyzer } from "../readers/analyzer.js";
import { PACK_POLICY, packConfigSchemas, toPackConfig, type PackConfig } from "./config.js";
import { deferUnusedPulumiModules } from "./defer-modules.js";
import { interceptAnalyzer, type StackInfo } from "./hooks.js";
import { NO_PREVIEW_PHASE, markPreviewPassed, takePreviewMark } from "./preview-phase.js";
import { exportPriorState, readPriorStateFile, stackReference } from "./prior-state.js";
import type { AnalyzedResource } from "../readers/wire.js";

export { changeSetFromAnalyzer } from "../readers/analyzer.js";
export { packConfigSchemas, toPackConfig, PACK_POLICY } from "./config.js";
export { stateForm, type AnalyzedResource } from "../readers/wire.js";

type Policy = import("@pulumi/policy").StackValidationPolicy;
type Report = (violation: { message: string; urn?: string; enforcementLevel: "advisory" | "mandatory" }) => void;

const EMPTY_CHANGE: ChangeSet = {
  source: { format: "state", stack_config: {}, failed: false, digest: "" },
  inventory: { complete: true, max_prior_resources: 0 },
  steps: [],
  resources: [],
  diagnostics: [],
};

/** The error the engine shows: our typed messages as they are, anything else without its text. */
function packError(err: unknown): Error {
  return Object.assign(new Error(`blastguard: ${describeUnexpected(err)}`), { stack: `blastguard: ${describeUnexpected(err)}` }); // one line, no JS stack trace
}

class PackState {
  private readonly evaluator = new PolicyEvaluator();
  /** The Wasm is loaded once, at start-up, while the engine runs the program. */
  private readonly warm: Promise<void>;
  private packConfig: PackConfig;
  private stack: StackInfo | null = null;
  private prior: { key: string; state: Promise<ChangeSet> } | null = null;
  private current: Promise<Map<string, Finding[]>> | null = null;

  constructor(private readonly policyIds: ReadonlySet<string>) {
    this.packConfig = toPackConfig({}, policyIds);
    const config = defaultConfig();
    this.warm = this.evaluator.evaluate(buildPolicyInput(EMPTY_CHANGE, config), config.limits.evalTimeoutSeconds * 1000).then(
      () => undefined,
      () => undefined, // the real evaluation reports the failure
    );
  }

  /**
   * The engine configures the pack after ConfigureStack: the prior state already being read is
   * kept (it is replaced only when the config names another source). In an update, the answer
   * waits until the prior state is read, so that no step runs before it.
   */
  configure(map: Parameters<typeof toPackConfig>[0]): void | Promise<void> {
    this.packConfig = toPackConfig(map, this.policyIds);
    if (this.stack && !this.stack.dryRun) return this.priorState().then(() => undefined);
  }

  /**
   * The first call, before the program runs. A preview starts the export and answers at once (it
   * runs while the engine runs the program). An update runs its deletions before the pack is shown
   * the change: it goes on only after a preview phase of the same `pulumi up` found nothing
   * blocking, and only once the prior state is read, before any step has changed it.
   */
  configureStack(info: StackInfo): void | Promise<void> {
    this.stack = info;
    const prior = this.priorState();
    if (info.dryRun) {
      void prior.catch(() => undefined);
      return;
    }
    if (!takePreviewMark(this.stackKey(info))) throw packError(new InputError(NO_PREVIEW_PHASE));
    return prior.then(() => undefined);
  }

  private stackKey(info: StackInfo): string {
    return stackReference(info.organization, info.project, info.stack);
  }

  private priorState(): Promise<ChangeSet> {
    const { config, priorStatePath, stackReference: configured } = this.packConfig;
    const limits = { maxBytes: config.limits.maxInputBytes, maxDepth: config.limits.maxDepth };
    let key: string;
    if (priorStatePath) key = `file:${priorStatePath}`;
    else if (configured) key = `stack:${configured}`;
    else if (this.stack) key = `stack:${this.stackKey(this.stack)}`;
    else return Promise.reject(packError(new Error("no stack")));
    if (this.prior?.key !== key) {
      const state = key.startsWith("file:") ? readPriorStateFile(key.slice(5), limits) : exportPriorState(key.slice(6), limits);
      this.prior = { key, state };
    }
    return this.prior.state;
  }

  /**
   * `pulumi policy analyze` never calls ConfigureStack (preview and update always do, before
   * anything else): what it shows is a stack's existing state, not a change. A prior state the
   * config names explicitly is still compared with it.
   */
  private analyzingExistingState(): boolean {
    return this.stack === null && !this.packConfig.priorStatePath && !this.packConfig.stackReference;
  }

  analyzeStack(goal: AnalyzedResource[]): void {
    this.current = this.evaluate(goal);
    this.current.catch(() => undefined); // awaited (and reported) by every stack policy
  }

  private async evaluate(goal: AnalyzedResource[]): Promise<Map<string, Finding[]>> {
    try {
      await this.warm;
      const { config, intentPath } = this.packConfig;
      const intent = intentPath ? loadIntent(resolvePath(process.env["BLASTGUARD_PROGRAM_DIR"] ?? process.cwd(), intentPath), config) : null; // relative to the program, not the pack
      const change = this.analyzingExistingState()
        ? existingStateFromAnalyzer(goal)
        : changeSetFromAnalyzer({ goal, prior: await this.priorState(), stackConfig: stackConfig(this.stack?.config) });
      const { report } = await evaluateChangeSet(change, "pulumi preview (policy pack)", { config, evaluator: this.evaluator, withPriorState: true, intent });
      const byPolicy = new Map<string, Finding[]>();
      for (const f of report.findings) {
        if (f.status !== "open") continue;
        byPolicy.set(f.policy, [...(byPolicy.get(f.policy) ?? []), f]);
      }
      const blocking = report.findings.some((f) => f.status === "open" && f.level !== "warning");
      if (this.stack?.dryRun && !blocking) markPreviewPassed(this.stackKey(this.stack));
      return byPolicy;
    } catch (err) {
      throw packError(err);
    }
  }

  async findings(policy: string): Promise<Finding[]> {
    if (!this.current) throw packError(new Error("no goal"));
    return (await this.current).get(policy) ?? [];
  }
}

function reportFinding(f: Finding, report: Report): void {
  const undecided = f.level === "undecided" ? " (undecided: an input the decision needs is missing; blocked)" : "";
  report({
    message: `${f.message}${undecided}`,
    ...(f.urn ? { urn: f.urn } : {}),
    enforcementLevel: f.level === "warning" ? "advisory" : "mandatory",
  });
}

function policyFor(meta: PolicyMeta, state: PackState, schema: Policy["configSchema"]): Policy {
  return {
    name: meta.id,
    displayName: meta.title,
    description: `${meta.title}. ${meta.description}`,
    enforcementLevel: meta.enforcement,
    severity: meta.severity,
    remediationSteps: meta.remediation,
    ...(schema && Object.keys(schema.properties).length ? { configSchema: schema } : {}),
    validateStack: async (_args, reportViolation) => {
      for (const f of await state.findings(meta.id)) reportFinding(f, reportViolation as unknown as Report);
    },
  };
}

/** Whether a peer dependency resolves from here (the pack needs @pulumi/policy beside blastguard). */
function peerInstalled(name: string): boolean {
  try {
    createRequire(import.meta.url).resolve(name);
    return true;
  } catch {
    return false;
  }
}

/** Starts the policy pack's analyzer server (what `pulumi preview --policy-pack` talks to). */
export function startPolicyPack(): void {
  if (!peerInstalled("@pulumi/policy")) {
    // one line for the engine's diagnostics, not a module-resolution stack trace
    process.stderr.write("blastguard/pack: the peer dependency @pulumi/policy is not installed; run npm install @pulumi/policy@^1.21.0 beside blastguard\n");
    process.exitCode = 1;
    return;
  }
  const catalog = loadCatalog();
  const ids = new Set(catalog.policies.map((p) => p.id));
  if (ids.has(PACK_POLICY)) throw packError(new Error("a policy uses the pack's reserved name"));
  const state = new PackState(ids);
  const schemas = packConfigSchemas();
  const policies: Policy[] = [
    {
      name: PACK_POLICY,
      description: "blastguard itself: reads the goal and the prior state and evaluates every policy once; fails the preview when it cannot decide.",
      enforcementLevel: "mandatory",
      ...(schemas[PACK_POLICY] ? { configSchema: schemas[PACK_POLICY] } : {}),
      validateStack: async () => {
        await state.findings(PACK_POLICY);
      },
    },
    ...catalog.policies.map((meta) => policyFor(meta, state, schemas[meta.id])),
  ];
  const require = createRequire(import.meta.url);
  deferUnusedPulumiModules();
  const { PolicyPack } = require("@pulumi/policy") as typeof import("@pulumi/policy");
  const restore = interceptAnalyzer({
    onConfigure: (map) => state.configure(map),
    onConfigureStack: (info) => state.configureStack(info),
    onAnalyzeStack: (goal) => state.analyzeStack(goal),
  }, { stackPoliciesOnly: policies.every((p) => "validateStack" in p) });
  try {
    new PolicyPack("blastguard", { policies, enforcementLevel: "mandatory" });
  } finally {
    restore();
  }
}
