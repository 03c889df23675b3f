// Each resource's place in the scope hierarchy (tenant > site > app by default), computed once
// here so the policies never walk parent chains. Per level, a resource's unit ID comes from its
// own tag, else from its own component type (a component of a level's type is that level's unit,
// named by its resource name), else from its parent's scope. Children inherit their ancestors'
// IDs. A resource with no ID at any level is `shared`; a deleted one the input shows neither
// state nor parent of (a plan without --state) is `unknown`, and the policies cannot decide.
import { InputError } from "../errors.js";
import type { Resource, Value } from "../model/changeset.js";
import type { ScopeLevel } from "../model/config.js";

/** Unit IDs per level name (null when none), plus the deepest level that has one, or "shared" (or "unknown"). */
export type Scope = Record<string, string | null> & { level: string };

export const SHARED = "shared";
/** A removed resource whose prior state the input lacks (a plan without --state): no tags, no parent. */
export const UNKNOWN_SCOPE = "unknown";

type Ids = (string | null)[];

function isObject(v: Value | undefined): v is { [key: string]: Value } {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The state whose tags describe the resource: the removed copy for deletions, else the goal. */
function labelledState(r: Resource) {
  if (r.op === "delete" || r.op === "replace") return r.before ?? r.after;
  return r.after ?? r.before;
}

/** A known, non-empty string tag (tagsAll overlaid by tags, as the policies read them). */
function tagValue(r: Resource, key: string): string | null {
  const props = labelledState(r)?.props;
  if (!props) return null;
  for (const bag of [props["tags"], props["tagsAll"]]) {
    if (!isObject(bag)) continue;
    const v = Object.hasOwn(bag, key) ? bag[key] : undefined;
    if (typeof v === "string" && v !== "" && v !== "[secret]") return v;
  }
  return null;
}

/** IDs a resource states itself, before inheritance. */
function ownIds(r: Resource, levels: readonly ScopeLevel[]): Ids {
  return levels.map((l) => {
    const tagged = tagValue(r, l.tagKey);
    if (tagged !== null) return tagged;
    if (r.kind === "component" && l.componentTypes.includes(r.type)) return r.name;
    return null;
  });
}

/** The types of a resource's ancestors, from its URN's type chain (`A$B$type`). */
export function ancestorTypes(urn: string): string[] {
  const parts = urn.split("::");
  if (parts.length < 4) return [];
  const chain = parts[2]!.split("$");
  return chain.slice(0, -1);
}

/** Per-resource IDs by level, in input order. Parents missing from the input inherit nothing. */
export function resolveIds(resources: readonly Resource[], levels: readonly ScopeLevel[]): Ids[] {
  const index = new Map<string, number>();
  resources.forEach((r, i) => index.set(r.urn, i));
  const resolved: (Ids | undefined)[] = new Array(resources.length);
  for (let start = 0; start < resources.length; start++) {
    // Walk up to the first resolved ancestor (or the root), then resolve back down: no recursion,
    // so a deep parent chain cannot overflow the stack; a cycle is an input error.
    const chain: number[] = [];
    const onChain = new Set<number>();
    let i: number | undefined = start;
    while (i !== undefined && resolved[i] === undefined) {
      if (onChain.has(i)) throw new InputError("the resources' parent links form a cycle");
      onChain.add(i);
      chain.push(i);
      const parent: string | null = resources[i]!.parent;
      i = parent === null ? undefined : index.get(parent);
    }
    let inherited: Ids | undefined = i === undefined ? undefined : resolved[i];
    for (let k = chain.length - 1; k >= 0; k--) {
      const at = chain[k]!;
      const own = ownIds(resources[at]!, levels);
      const ids = own.map((id, l) => id ?? inherited?.[l] ?? null);
      resolved[at] = ids;
      inherited = ids;
    }
  }
  return resolved as Ids[];
}

/**
 * Fills a missing outer ID from what other resources say about the same unit: a default preview
 * lists a deleted app component without its (unchanged) site, while the app's tagged bucket names
 * both. Outer IDs of a unit are merged from every resource that names them.
 */
export function completeFromUnits(all: Ids[], levels: readonly ScopeLevel[]): void {
  const outer = new Map<string, Ids>();
  for (const ids of all) {
    for (let l = 1; l < ids.length; l++) {
      const id = ids[l];
      if (id === null || id === undefined) continue;
      const key = `${levels[l]!.name}:${id}`;
      const known = outer.get(key);
      if (!known) outer.set(key, ids.slice(0, l));
      else known.forEach((x, k) => (known[k] = x ?? ids[k] ?? null));
    }
  }
  for (const ids of all) {
    for (let l = ids.length - 1; l > 0; l--) {
      const id = ids[l];
      if (id === null || id === undefined) continue;
      outer.get(`${levels[l]!.name}:${id}`)?.forEach((x, k) => (ids[k] = ids[k] ?? x));
    }
  }
}

export function toScope(ids: Ids, levels: readonly ScopeLevel[], unknown = false): Scope {
  const scope: Record<string, string | null> = {};
  let level = unknown ? UNKNOWN_SCOPE : SHARED;
  levels.forEach((l, i) => {
    scope[l.name] = unknown ? null : (ids[i] ?? null);
    if (!unknown && ids[i] !== null && ids[i] !== undefined) level = l.name;
  });
  return { ...scope, level } as Scope;
}

/** Every resource's scope, in input order. */
export function computeScopes(resources: readonly Resource[], levels: readonly ScopeLevel[]): Scope[] {
  const ids = resolveIds(resources, levels);
  completeFromUnits(ids, levels);
  const scopedTypes = new Set(levels.flatMap((l) => l.componentTypes));
  return ids.map((x, i) => {
    const r = resources[i]!;
    const noState = r.before === null && r.after === null && r.parent === null;
    // Its URN says it sits inside a scoped component the input does not list (a failed preview
    // drops component steps): which unit it belongs to is unknown, not shared.
    const lostUnit = x.every((id) => id === null) && ancestorTypes(r.urn).some((t) => scopedTypes.has(t));
    return toScope(x, levels, noState || lostUnit);
  });
}
