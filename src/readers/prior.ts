// The stack's prior state beside a change: one merge and one set of checks for every source that
// has a goal but not all of the stack before it (a preview or plan with --state, the policy pack's
// goal with its stack export).
// - Both must be of one stack: a state of another project or stack is refused, naming both.
// - What the change's format does not record is taken from the prior state: a plan's goal has no
//   retainOnDelete, deletedWith or external flag (Pulumi's GoalV1), nor does the analyzer protocol.
// - Where both give the state before the change (a preview's oldState and the export), they must
//   agree on protect, retainOnDelete and the scope and data-class tags: a disagreement is kept on
//   the resource as a conflict, which the prior-state-conflict policy blocks, naming both values.
import { InputError } from "../errors.js";
import type { Config } from "../model/config.js";
import type { ChangeSet, PriorConflict, Resource, ResourceState, Value } from "../model/changeset.js";
import { UNKNOWN } from "../model/values.js";
import { matchPriorUrns } from "./aliases.js";
import { parseUrn } from "./resource.js";

/** Goal fields a format does not carry: read from the prior state, unknown without one. */
export const UNRECORDED_GOAL_FIELDS = ["retain_on_delete", "deleted_with", "external"] as const;

/** Pulumi stack and project names; others are not repeated in a message. */
const SAFE_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

function stacksOf(resources: readonly { urn: string }[], label: string): Set<string> {
  const out = new Set<string>();
  for (const r of resources) {
    const { stack, project } = parseUrn(r.urn, label);
    out.add(`${stack}\u0000${project}`);
  }
  return out;
}

function describeStack(key: string | undefined): string {
  const [stack, project] = (key ?? "").split("\u0000");
  if (!stack || !project || !SAFE_NAME.test(stack) || !SAFE_NAME.test(project)) return "another stack";
  return `stack ${stack} of project ${project}`;
}

/** Refuses a prior state of another project or stack than the change (the URNs name both). */
export function checkSameStack(change: readonly { urn: string }[], prior: readonly { urn: string }[], label: string): void {
  const ours = stacksOf(change, label);
  const theirs = stacksOf(prior, label);
  if (ours.size > 1) throw new InputError(`${label}: the change lists resources of more than one stack`);
  if (theirs.size > 1) throw new InputError(`${label}: the prior state lists resources of more than one stack`);
  const [a] = ours;
  const [b] = theirs;
  if (a !== undefined && b !== undefined && a !== b) {
    throw new InputError(`${label}: the prior state is of ${describeStack(b)}, but the change is of ${describeStack(a)}; pass the state of the stack being changed`);
  }
}

/** The goal with the fields its format does not record taken from the prior state. */
export function withUnrecorded(after: ResourceState, prior: ResourceState | null, cloud: boolean): ResourceState {
  return {
    ...after,
    retain_on_delete: prior ? prior.retain_on_delete : cloud ? { ...UNKNOWN } : false,
    deleted_with: prior?.deleted_with ?? null,
    external: prior?.external ?? false,
  };
}

function isObject(v: unknown): v is Record<string, Value> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A tag's value as the policies read it: tags over tagsAll; null when absent. */
function tagOf(state: ResourceState, key: string): Value {
  for (const bag of [state.props["tags"], state.props["tagsAll"]]) {
    if (isObject(bag) && Object.hasOwn(bag, key)) return bag[key] ?? null;
  }
  return null;
}

/** Where the change's own prior state and the --state export disagree on what decides. */
export function priorConflicts(fromChange: ResourceState, fromState: ResourceState, tagKeys: readonly string[]): PriorConflict[] {
  const out: PriorConflict[] = [];
  const same = (a: Value, b: Value) => JSON.stringify(a) === JSON.stringify(b);
  if (!same(fromChange.protect, fromState.protect)) out.push({ field: "protect", change: fromChange.protect, state: fromState.protect });
  if (!same(fromChange.retain_on_delete, fromState.retain_on_delete)) {
    out.push({ field: "retainOnDelete", change: fromChange.retain_on_delete, state: fromState.retain_on_delete });
  }
  for (const key of tagKeys) {
    const a = tagOf(fromChange, key);
    const b = tagOf(fromState, key);
    if (!same(a, b)) out.push({ field: `tag ${key}`, change: a, state: b });
  }
  return out;
}

/** The tags a decision depends on: each scope level's and the data-class tag. */
export function decidingTags(config: Config): string[] {
  return [...config.scopes.levels.map((l) => l.tagKey), config.dataClass.tagKey];
}

export interface MergeOptions {
  /** The tags whose disagreement blocks: each scope level's tag and the data-class tag. */
  tagKeys: readonly string[];
}

/**
 * Completes a preview or plan with the stack's prior state: resources the change does not list
 * join as `same`, and prior state fills what the change lacks (a plan has none of its own).
 */
export function mergePriorState(change: ChangeSet, prior: ChangeSet, label: string, options: MergeOptions = { tagKeys: [] }): ChangeSet {
  if (prior.source.format !== "state" && prior.source.format !== "checkpoint") {
    throw new InputError(`${label}: --state expects a stack export or checkpoint, got a ${prior.source.format}`);
  }
  if (change.source.format === "state" || change.source.format === "checkpoint") {
    throw new InputError(`${label}: --state goes with a preview, event stream or plan, not with another state`);
  }
  checkSameStack(change.resources, prior.resources, label);
  const plan = change.source.format === "plan";
  const priorByUrn = new Map(prior.resources.map((r) => [r.urn, r]));
  const was = matchPriorUrns(change.resources, new Set(priorByUrn.keys()));
  const listed = new Set<string>();
  const resources: Resource[] = change.resources.map((change) => {
    const priorUrn = was.get(change.urn);
    const { aliases: _candidates, ...rest } = change;
    // A renamed resource keeps its new URN and names the one it had.
    const r: Resource = priorUrn && priorUrn !== change.urn ? { ...rest, aliases: [priorUrn] } : rest;
    listed.add(r.urn);
    if (priorUrn) listed.add(priorUrn);
    const p = priorUrn ? priorByUrn.get(priorUrn) : undefined;
    if (!p || r.op === "create") return r;
    const before = r.before ?? p.before;
    let after = r.after;
    if (after && plan && p.before) {
      // A plan's goal lists only changed inputs, and no retainOnDelete: the rest is the prior state's.
      after = withUnrecorded({ ...after, props: { ...p.before.props, ...after.props } }, p.before, p.kind === "cloud");
    }
    const conflicts = r.before && p.before ? priorConflicts(r.before, p.before, options.tagKeys) : [];
    return {
      ...r,
      kind: r.before ? r.kind : p.kind,
      parent: r.parent ?? p.parent,
      provider: r.provider ?? p.provider,
      source_position: r.source_position ?? p.source_position,
      before,
      after,
      ...(conflicts.length ? { conflicts } : {}),
    };
  });
  for (const p of prior.resources) if (!listed.has(p.urn)) resources.push(p);
  return {
    ...change,
    source: { ...change.source, stack_config: { ...prior.source.stack_config, ...change.source.stack_config } },
    inventory: { complete: true, max_prior_resources: prior.resources.length },
    resources,
  };
}
