// Each resource's place in the scope hierarchy (tenant > site > app by default), computed once
// here so the policies never walk parent chains. Per level, a resource's unit ID comes from its
// own tag, else from its own component type (a component of a level's type is that level's unit;
// its ID is its resource name, or the part of it the level's componentIdPattern extracts), else
// from its parent's scope. Children inherit their ancestors' IDs. A resource with no ID at any
// level is `shared`; a deleted one the input shows neither state nor parent of (a plan without
// --state) is `unknown`, and the policies cannot decide.
//
// A unit is known by its full path (tenant/site/app), never by a bare ID: IDs are unique only
// inside their parent in many platforms. Two sources that disagree are not resolved by a choice
// but reported (ScopeProblem): a tag naming another unit than the component the resource sits
// in, or an ID that does not have its level's format.
import { InputError } from "../errors.js";
import type { Resource, Value } from "../model/changeset.js";
import type { ScopeLevel } from "../model/config.js";

/** Unit IDs per level name (null when none), plus the deepest level that has one, or "shared" (or "unknown"). */
export type Scope = Record<string, string | null> & { level: string };

export const SHARED = "shared";
/** A removed resource whose prior state the input lacks (a plan without --state): no tags, no parent. */
export const UNKNOWN_SCOPE = "unknown";

type Ids = (string | null)[];

/** Something about a resource's scope that two sources disagree on, or an ID of the wrong format. */
export interface ScopeProblem {
  urn: string;
  /** The resource's name, as the finding names it. */
  name: string;
  level: string;
  /**
   * - conflict: its tag names `id`, the unit around it (its parent chain) is `other`
   * - format: `id` (from its tag, or extracted from its component name) does not match the level's idPattern
   */
  kind: "conflict" | "format";
  id: string;
  other: string | null;
  /** Where `id` came from. */
  source: "tag" | "component";
}

export interface ScopeAnalysis {
  scopes: Scope[];
  /** Per resource, its unit's key at each level (null where it has no ID there). */
  keys: Record<string, string | null>[];
  /** Per resource, the index of the level it is a component of, or -1. */
  componentLevel: number[];
  problems: ScopeProblem[];
}

function isObject(v: Value | undefined): v is { [key: string]: Value } {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The state whose tags describe the resource: the removed copy for deletions, else the goal. */
function labelledState(r: Resource) {
  if (r.op === "delete" || r.op === "replace" || r.op === "gone") return r.before ?? r.after;
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

/** The unit ID a component of the level names: its resource name, or what componentIdPattern extracts from it. */
export function componentId(name: string, level: ScopeLevel): string {
  if (!level.componentIdPattern) return name;
  const m = new RegExp(level.componentIdPattern).exec(name);
  if (!m) return name;
  return m[1] ?? m[0];
}

/** The unit key of a level: the level name and the IDs of the path down to it. */
export const unitKey = (levels: readonly ScopeLevel[], l: number, ids: Ids): string =>
  JSON.stringify([levels[l]!.name, ...ids.slice(0, l + 1)]);

/** The types of a resource's ancestors, from its URN's type chain (`A$B$type`). */
export function ancestorTypes(urn: string): string[] {
  if (!urn.includes("$")) return []; // no type chain: most resources sit directly under the stack
  const parts = urn.split("::");
  if (parts.length < 4) return [];
  const chain = parts[2]!.split("$");
  return chain.slice(0, -1);
}

interface Own {
  tags: Ids;
  component: Ids;
  componentLevel: number;
}

function ownIds(r: Resource, levels: readonly ScopeLevel[]): Own {
  const componentLevel = r.kind === "component" ? levels.findIndex((l) => l.componentTypes.includes(r.type)) : -1;
  return {
    tags: levels.map((l) => tagValue(r, l.tagKey)),
    component: levels.map((l, i) => (i === componentLevel ? componentId(r.name, l) : null)),
    componentLevel,
  };
}

/** Per-resource IDs by level, in input order, and where a resource's own tag contradicts its ancestors. */
function resolveIds(resources: readonly Resource[], levels: readonly ScopeLevel[], own: readonly Own[], problems: ScopeProblem[]): Ids[] {
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
      const { tags, component } = own[at]!;
      const ids = levels.map((l, n) => {
        const above = inherited?.[n] ?? null;
        const tag = tags[n] ?? null;
        const mine = component[n] ?? null;
        if (tag !== null && above !== null && tag !== above) {
          problems.push({ urn: resources[at]!.urn, name: resources[at]!.name, level: l.name, kind: "conflict", id: tag, other: above, source: "tag" });
        } else if (tag !== null && mine !== null && tag !== mine) {
          problems.push({ urn: resources[at]!.urn, name: resources[at]!.name, level: l.name, kind: "conflict", id: tag, other: mine, source: "tag" });
        }
        return tag ?? mine ?? above;
      });
      resolved[at] = ids;
      inherited = ids;
    }
  }
  return resolved as Ids[];
}

const compatible = (a: Ids, b: Ids) => a.every((x, k) => x === null || b[k] === null || x === b[k]);

/**
 * Fills a missing outer ID from what other resources say about the same unit: a default preview
 * lists a deleted app component without its (unchanged) site, while the app's tagged bucket names
 * both. Only a path every candidate agrees on is filled: an app ID that other resources place in
 * two different sites (or tenants) stays without its outer units. The result does not depend on
 * the order of the resources.
 */
function completeOuterIds(all: Ids[], levels: readonly ScopeLevel[]): void {
  const gap = (ids: Ids) => {
    let l = ids.length - 1;
    while (l > 0 && ids[l] === null) l--;
    return l > 0 && ids.slice(0, l).includes(null);
  };
  for (let round = 0; round < levels.length; round++) {
    // Only the IDs some resource lacks the outer units of need their candidates.
    const wanted = new Set<string>();
    for (const ids of all) {
      if (!gap(ids)) continue;
      for (let l = 1; l < ids.length; l++) if (ids[l] !== null) wanted.add(JSON.stringify([l, ids[l]]));
    }
    if (wanted.size === 0) return;
    const prefixes = new Map<string, Map<string, Ids>>();
    for (const ids of all) {
      for (let l = 1; l < ids.length; l++) {
        if (ids[l] === null) continue;
        const key = JSON.stringify([l, ids[l]]);
        if (!wanted.has(key)) continue;
        const prefix = ids.slice(0, l);
        let seen = prefixes.get(key);
        if (!seen) prefixes.set(key, (seen = new Map()));
        seen.set(JSON.stringify(prefix), prefix);
      }
    }
    const fills: [Ids, Ids][] = [];
    for (const ids of all) {
      for (let l = ids.length - 1; l > 0; l--) {
        if (ids[l] === null || !ids.slice(0, l).includes(null)) continue;
        const mine = ids.slice(0, l);
        const candidates = [...prefixes.get(JSON.stringify([l, ids[l]]))!.values()].filter((p) => compatible(p, mine));
        if (!candidates.every((a) => candidates.every((b) => compatible(a, b)))) break;
        const merged = mine.map((x, k) => x ?? candidates.find((p) => p[k] !== null)?.[k] ?? null);
        if (merged.some((x, k) => x !== mine[k])) fills.push([ids, merged]);
        break;
      }
    }
    if (fills.length === 0) return;
    for (const [ids, merged] of fills) merged.forEach((x, k) => (ids[k] = x));
  }
}

function toScope(ids: Ids, levels: readonly ScopeLevel[], unknown: boolean): Scope {
  const scope: Record<string, string | null> = {};
  let level = unknown ? UNKNOWN_SCOPE : SHARED;
  levels.forEach((l, i) => {
    scope[l.name] = unknown ? null : (ids[i] ?? null);
    if (!unknown && ids[i] !== null && ids[i] !== undefined) level = l.name;
  });
  return { ...scope, level } as Scope;
}

/** IDs a resource states itself (tag or component name) that do not have their level's format. */
function formatProblems(resources: readonly Resource[], levels: readonly ScopeLevel[], own: readonly Own[]): ScopeProblem[] {
  const patterns = levels.map((l) => new RegExp(l.idPattern));
  const valid = levels.map(() => new Map<string, boolean>());
  const fits = (n: number, id: string) => {
    let ok = valid[n]!.get(id);
    if (ok === undefined) valid[n]!.set(id, (ok = patterns[n]!.test(id)));
    return ok;
  };
  const problems: ScopeProblem[] = [];
  own.forEach((o, i) => {
    for (let n = 0; n < levels.length; n++) {
      const tag = o.tags[n];
      if (tag !== null && tag !== undefined && !fits(n, tag)) problems.push({ urn: resources[i]!.urn, name: resources[i]!.name, level: levels[n]!.name, kind: "format", id: tag, other: null, source: "tag" });
      const named = o.component[n];
      if (named !== null && named !== undefined && !fits(n, named)) problems.push({ urn: resources[i]!.urn, name: resources[i]!.name, level: levels[n]!.name, kind: "format", id: named, other: null, source: "component" });
    }
  });
  return problems;
}

interface KeyNode {
  key: string | null;
  next: Map<string | null, KeyNode>;
}

/** Each resource's unit key per level; resources of one unit share one key string (a path trie). */
function unitKeys(ids: readonly Ids[], scopes: readonly Scope[], levels: readonly ScopeLevel[]): Record<string, string | null>[] {
  const root: KeyNode = { key: null, next: new Map() };
  return ids.map((x, i) => {
    const keys: Record<string, string | null> = {};
    const unknown = scopes[i]!.level === UNKNOWN_SCOPE;
    let node = root;
    for (let n = 0; n < levels.length; n++) {
      let child = node.next.get(x[n] ?? null);
      if (!child) node.next.set(x[n] ?? null, (child = { key: null, next: new Map() }));
      node = child;
      if (unknown || x[n] === null) {
        keys[levels[n]!.name] = null;
        continue;
      }
      node.key ??= unitKey(levels, n, x);
      keys[levels[n]!.name] = node.key;
    }
    return keys;
  });
}

/** Every resource's scope, unit keys and component level (in input order), and the problems found. */
export function computeScopes(resources: readonly Resource[], levels: readonly ScopeLevel[]): ScopeAnalysis {
  const own = resources.map((r) => ownIds(r, levels));
  const problems: ScopeProblem[] = formatProblems(resources, levels, own);
  const ids = resolveIds(resources, levels, own, problems);
  completeOuterIds(ids, levels);
  const scopedTypes = new Set(levels.flatMap((l) => l.componentTypes));
  const scopes = ids.map((x, i) => {
    const r = resources[i]!;
    const noState = r.before === null && r.after === null && r.parent === null;
    // Its URN says it sits inside a scoped component the input does not list (a failed preview
    // drops component steps): which unit it belongs to is unknown, not shared.
    const lostUnit = x.every((id) => id === null) && ancestorTypes(r.urn).some((t) => scopedTypes.has(t));
    return toScope(x, levels, noState || lostUnit);
  });
  const keys = unitKeys(ids, scopes, levels);
  problems.sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : a.level < b.level ? -1 : a.level > b.level ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  return { scopes, keys, componentLevel: own.map((o) => o.componentLevel), problems };
}
