// Change-wide counts and lists, computed once by the host so that no policy walks every resource
// to count them (input.change). They only aggregate the per-resource classification the policies
// themselves use (policies/lib/resources.rego: destroys, existed; policies/lib/scope.rego:
// removed_cloud); the decisions (limits, shares, which tenant is declared) stay in Rego.
import { SHARED, UNKNOWN_SCOPE, type Scope } from "../scope/scope.js";
import type { CopyFacts } from "../copies/facts.js";
import type { ChangeSet } from "../model/changeset.js";
import { versioningIndex, type VersioningIndex } from "./versioning-index.js";

/** A removed cloud resource with what an intent's coverage is judged by. */
export interface Removed {
  urn: string;
  name: string;
  scope: Scope;
  unit_keys: Record<string, string | null>;
}

export interface ChangeFacts {
  /** URNs of the cloud resources the change destroys: deleted or replaced and not kept by a known-true retainOnDelete. */
  destroyed: string[];
  /** How many cloud resources the input lists with a prior state (existed before the change). */
  listed_prior: number;
  /** The cloud resources the change deletes or replaces, in input order. */
  removed: Removed[];
  /** Per root-level unit ID (tenant), the URNs of its cloud resources the change deletes or replaces. */
  removed_by_root: Record<string, string[]>;
  /** URNs of the cloud resources the change deletes or replaces whose scope the input does not show. */
  removed_unknown_scope: string[];
  /** Cloud resources inside a unit (neither shared nor of unknown scope) the change does not remove. */
  scoped_staying: number;
  /** Whether any resource of the input lies inside a unit. */
  scoped: boolean;
  /** The S3 versioning resources by the bucket they configure. */
  versioning: VersioningIndex;
  /** By URN, the names of this stack's resources that copy paths go via or need (how a message names a lost copy). */
  path_names: Record<string, string>;
}

type Judged = Pick<ChangeSet["resources"][number], "urn" | "type" | "name" | "kind" | "op" | "before" | "after"> & {
  scope: Scope;
  unit_keys: Record<string, string | null>;
};

const removes = (r: Judged) => r.op === "delete" || r.op === "replace";

export function changeFacts(resources: readonly Judged[], rootLevel: string, copies: Pick<CopyFacts, "stores">): ChangeFacts {
  const facts: ChangeFacts = {
    destroyed: [],
    listed_prior: 0,
    removed: [],
    removed_by_root: {},
    removed_unknown_scope: [],
    scoped_staying: 0,
    scoped: false,
    versioning: versioningIndex(resources),
    path_names: pathNames(resources, copies),
  };
  for (const r of resources) {
    const inUnit = r.scope.level !== SHARED && r.scope.level !== UNKNOWN_SCOPE;
    if (inUnit) facts.scoped = true;
    if (r.kind !== "cloud") continue;
    if (r.before !== null) facts.listed_prior++;
    if (!removes(r)) {
      if (inUnit) facts.scoped_staying++;
      continue;
    }
    facts.removed.push({ urn: r.urn, name: r.name, scope: r.scope, unit_keys: r.unit_keys });
    if (r.before?.retain_on_delete !== true) facts.destroyed.push(r.urn);
    if (r.scope.level === UNKNOWN_SCOPE) facts.removed_unknown_scope.push(r.urn);
    const root = r.scope[rootLevel];
    if (typeof root === "string") (facts.removed_by_root[root] ??= []).push(r.urn);
  }
  return facts;
}

/** The names of the resources a copy path goes via (its first) or needs, by URN. */
function pathNames(resources: readonly Judged[], copies: Pick<CopyFacts, "stores">): Record<string, string> {
  const named = new Set<string>();
  for (const store of Object.values(copies.stores)) {
    for (const p of store.paths) {
      for (const urn of p.needs) named.add(urn);
      if (p.via.length > 0) named.add(p.via[0]!);
    }
  }
  const names: Record<string, string> = {};
  if (named.size === 0) return names;
  for (const r of resources) if (named.has(r.urn)) names[r.urn] = r.name;
  return names;
}
