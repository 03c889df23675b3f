// The policy pack's source: the goal the engine hands an analyzer (AnalyzeStack) plus the
// stack's prior state, as the one normalised ChangeSet, with the prior-state checks every reader
// shares (src/readers/prior.ts: one stack, unrecorded goal fields from the prior state). The engine
// never tells an analyzer about deletions or replacements, so they are found by difference:
// - a prior URN missing from the goal is a delete (its prior state says what is lost);
// - a URN in both keeps its prior state as `before` (so protect removed now shows before/after);
// - a URN only in the goal is a create.
// What this cannot see: a replacement keeps its URN, so it looks like an update here (see the
// README: `blastguard check` on the preview output sees it); retainOnDelete is not in the
// analyzer protocol, so the goal's value is taken from the prior state (unknown for creates).
// A create reads as the preview digest shows it: no id, no unknown identity outputs.
import { createHash } from "node:crypto";
import { InputError } from "../errors.js";
import type { ChangeSet, Resource, ResourceState, Step, Value } from "../model/changeset.js";
import { PULUMI_UNKNOWN, isUnknown } from "../model/values.js";
import { matchPriorUrns } from "./aliases.js";
import { checkSameStack, withUnrecorded } from "./prior.js";
import { pickProperties } from "./properties.js";
import { parseUrn, propertyRefs, resourceKind } from "./resource.js";
import type { AnalyzedResource } from "./wire.js";

const LABEL = "policy pack input";

/** JSON with sorted keys: two property sets compare equal whatever order they were read in. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj).sort().map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`).join(",")}}`;
}

/** Identity outputs a provider assigns when it creates the resource. */
const IDENTITY_OUTPUTS = ["id", "arn"];

/**
 * A resource about to be created has no id yet, and its identity outputs are unknown by nature;
 * the preview digest lists only its inputs, so neither appears there. They are left out here too,
 * so that the pack and `blastguard check` read a create alike.
 */
function withoutPendingIdentity(props: Record<string, Value>): Record<string, Value> {
  return Object.fromEntries(Object.entries(props).filter(([k, v]) => !(IDENTITY_OUTPUTS.includes(k) && isUnknown(v))));
}

function goalState(g: AnalyzedResource, kind: Resource["kind"], prior: Resource | undefined): ResourceState {
  const before = prior?.before ?? null;
  const props = pickProperties([g.props], LABEL);
  const goal: ResourceState = {
    id: before ? before.id : null,
    protect: g.protect,
    retain_on_delete: false,
    external: false,
    deleted_with: null,
    props: before ? props : withoutPendingIdentity(props),
    ...propertyRefs(g.propertyDependencies),
  };
  return withUnrecorded(goal, before, kind === "cloud");
}

function sameState(a: ResourceState, b: ResourceState): boolean {
  return a.protect === b.protect && canonical(a.props) === canonical(b.props);
}

export interface PackChange {
  goal: readonly AnalyzedResource[];
  /** The stack before the change (a state ChangeSet from readChangeSet). */
  prior: ChangeSet;
  stackConfig: Record<string, Value>;
}

export function changeSetFromAnalyzer({ goal, prior, stackConfig }: PackChange): ChangeSet {
  if (prior.source.format !== "state" && prior.source.format !== "checkpoint") {
    throw new InputError(`${LABEL}: the prior state must be a stack export or checkpoint`);
  }
  const priorByUrn = new Map(prior.resources.map((r) => [r.urn, r]));
  checkSameStack(goal, prior.resources, LABEL);
  const was = matchPriorUrns(
    goal.map((g) => ({ urn: g.urn, type: g.type, parent: g.parent, aliases: g.aliases })),
    new Set(priorByUrn.keys()),
  );
  const seen = new Set<string>();
  const resources: Resource[] = [];
  const steps: Step[] = [];
  for (const g of goal) {
    if (seen.has(g.urn)) throw new InputError(`${LABEL}: the engine listed the same URN twice`);
    seen.add(g.urn);
    const parts = parseUrn(g.urn, LABEL);
    const priorUrn = was.get(g.urn);
    const p = priorUrn ? priorByUrn.get(priorUrn) : undefined;
    if (priorUrn) seen.add(priorUrn);
    // Only custom resources have a provider; a resource already in state says so itself.
    const kind = resourceKind(g.type, g.provider !== null || p?.kind === "cloud");
    const after = goalState(g, kind, p);
    const op = !p ? "create" : p.before && sameState(p.before, after) ? "same" : "update";
    resources.push({
      urn: g.urn,
      type: g.type || parts.type,
      name: parts.name,
      kind,
      parent: g.parent,
      provider: g.provider,
      op,
      before: p?.before ?? null,
      after,
      source_position: p?.source_position ?? null,
      // A renamed resource keeps its new URN and names the one it had.
      ...(priorUrn && priorUrn !== g.urn ? { aliases: [priorUrn] } : {}),
    });
    if (op !== "same") steps.push({ urn: g.urn, op });
  }
  for (const p of prior.resources) {
    if (seen.has(p.urn)) continue;
    resources.push({ ...p, op: "delete", after: null });
    steps.push({ urn: p.urn, op: "delete" });
  }
  const digest = "sha256:" + createHash("sha256").update(canonical(goal)).digest("hex");
  return {
    source: { format: "preview", stack_config: { ...prior.source.stack_config, ...stackConfig }, failed: false, digest },
    inventory: { complete: true, max_prior_resources: prior.resources.length },
    steps,
    resources,
    diagnostics: [],
  };
}

/**
 * `pulumi policy analyze` (--file or --stack) shows a pack a stack's existing state, with no
 * change: that state is its own prior state, so every resource is `same` and only the posture
 * policies speak. Its id is its `id` output; retainOnDelete is not in the protocol (unknown).
 */
export function existingStateFromAnalyzer(goal: readonly AnalyzedResource[]): ChangeSet {
  const resources: Resource[] = goal.map((g) => {
    const parts = parseUrn(g.urn, LABEL);
    const kind = resourceKind(g.type, g.provider !== null);
    const props = pickProperties([g.props], LABEL);
    const raw = g.props !== null && typeof g.props === "object" ? (g.props as Record<string, unknown>)["id"] : undefined;
    const id = typeof raw === "string" && raw !== "" && raw !== PULUMI_UNKNOWN ? raw : null;
    const state = withUnrecorded({ id, protect: g.protect, retain_on_delete: false, external: false, deleted_with: null, props, ...propertyRefs(g.propertyDependencies) }, null, kind === "cloud");
    return { urn: g.urn, type: g.type || parts.type, name: parts.name, kind, parent: g.parent, provider: g.provider, op: "same", before: state, after: state, source_position: null };
  });
  const digest = "sha256:" + createHash("sha256").update(canonical(goal)).digest("hex");
  return {
    source: { format: "state", stack_config: {}, failed: false, digest },
    inventory: { complete: true, max_prior_resources: resources.length },
    steps: [],
    resources,
    diagnostics: [],
  };
}
