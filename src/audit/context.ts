// `--context`: other stacks' resources as read-only facts for copy resolution (src/copies/). A
// tenant stack is covered by the platform stack's backup selection given as context; and when the
// checked change destroys something, each context stack is judged once more against it, so a
// change to the platform stack that removes the selection is caught as a backup teardown of the
// tenant stacks' stores. Context stacks are never judged for their own posture.
import { existsSync, realpathSync } from "node:fs";
import { buildPolicyInput } from "../engine/input.js";
import type { PolicyEvaluator, RawFinding } from "../engine/evaluate.js";
import { InputError } from "../errors.js";
import type { ChangeSet, Resource } from "../model/changeset.js";
import type { Config } from "../model/config.js";
import type { Report } from "../model/report.js";
import { readChangeSet, readFileLimited, type ReadLimits } from "../readers/index.js";
import { exportStack } from "./pulumi.js";

export interface ContextStack {
  /** The file as given, or `pulumi stack export --stack <name>`. */
  label: string;
  /** The resolved file path, or the stack name: what a fleet target is compared with. */
  identity: string;
  change: ChangeSet;
}

/** Each spec is a state file (or a preview) when it names an existing file, else a stack name. */
export async function loadContext(specs: readonly string[], limits: ReadLimits): Promise<ContextStack[]> {
  const stacks: ContextStack[] = [];
  for (const spec of specs) {
    const isFile = existsSync(spec);
    const label = isFile ? spec : `pulumi stack export --stack ${spec}`;
    const bytes = isFile ? await readFileLimited(spec, limits) : await exportStack(spec, limits.maxBytes);
    stacks.push({ label, identity: isFile ? realpathSync(spec) : spec, change: readChangeSet(bytes, label, { limits }) });
  }
  assertDisjoint(stacks.map((s) => ({ label: s.label, resources: s.change.resources })));
  return stacks;
}

/** Two inputs sharing a URN are the same stack twice: its copies would be counted from two sources. */
export function assertDisjoint(inputs: readonly { label: string; resources: readonly Resource[] }[]): void {
  const owner = new Map<string, number>();
  inputs.forEach(({ label, resources }, i) => {
    for (const r of resources) {
      const other = owner.get(r.urn);
      if (other !== undefined && other !== i) throw new InputError(`${label}: shares resources with ${inputs[other]!.label}; a stack cannot be its own context`);
      owner.set(r.urn, i);
    }
  });
}

export function contextResources(context: readonly ContextStack[]): Resource[] {
  return context.flatMap((c) => c.change.resources);
}

const destroysSomething = (change: ChangeSet) => change.resources.some((r) => r.kind === "cloud" && (r.op === "delete" || r.op === "replace"));

/**
 * The backup teardowns the change causes in the context stacks: each context stack judged with the
 * change as its context, keeping only backup-teardown findings (a context stack's own posture is
 * not this change's business).
 */
export async function contextTeardowns(
  change: ChangeSet,
  context: readonly ContextStack[],
  config: Config,
  evaluator: PolicyEvaluator,
): Promise<RawFinding[]> {
  if (context.length === 0 || !destroysSomething(change)) return [];
  const found: RawFinding[] = [];
  for (const c of context) {
    const others = [change.resources, ...context.filter((x) => x !== c).map((x) => x.change.resources)].flat();
    const input = buildPolicyInput(c.change, config, null, { context: others });
    const { findings } = await evaluator.evaluate(input, config.limits.evalTimeoutSeconds * 1000);
    found.push(...findings.filter((f) => f.policy === "backup-teardown"));
  }
  return found;
}

/** Findings about a context stack's resources (its teardowns) name them as findings about the checked stack do. */
export function nameContextResources(report: Report, context: readonly ContextStack[]): Report {
  const byUrn = new Map(context.flatMap((c) => c.change.resources.map((r) => [r.urn, r] as const)));
  const findings = report.findings.map((f) => {
    const r = f.resourceName === null ? byUrn.get(f.urn) : undefined;
    return r ? { ...f, resourceName: r.name, resourceType: r.type, sourcePosition: r.source_position } : f;
  });
  return { ...report, findings };
}
