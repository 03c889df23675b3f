// One entry per scope unit (a tenant, a site, an app) with the counts the policies need, built in
// one pass over the resources so no policy groups resources by unit itself (that would be
// quadratic in Rego). A unit is keyed by its full path (tenant/site/app): the app `a-1` of one
// tenant and the app `a-1` of another are two units, whatever order the input lists them in.
// Counts are of cloud resources; `existing` is a true total only when the input's inventory is
// complete (a state, --state, or a --show-sames preview).
import type { Resource } from "../model/changeset.js";
import type { ScopeLevel } from "../model/config.js";
import { ancestorTypes, type ScopeAnalysis } from "./scope.js";

/**
 * What the input says about the unit's own component:
 * - deleted: listed, and the change deletes it (the program no longer declares the unit)
 * - kept: listed, and it stays
 * - unlisted: a member's URN shows such a component above it, but the input does not list it,
 *   so the change leaves it alone (a deleted component is always listed)
 * - null: the unit has no component (its members are scoped by tags only)
 */
export type ComponentStatus = "deleted" | "kept" | "unlisted" | null;

export interface Unit {
  /** The unit's full path as a key (see unitKey in scope.ts); the only way policies join units. */
  key: string;
  level: string;
  id: string;
  /** The unit's outer IDs, by level name (e.g. a site's tenant); null where the input does not say. */
  parents: Record<string, string | null>;
  /** Keys of its known outer units, outermost first. */
  outer_keys: string[];
  /** Cloud resources of the unit that existed before the change, as far as the input lists them. */
  existing: number;
  /** Cloud resources of the unit the change deletes (replacements stay in the unit). */
  deleted: number;
  /** Cloud resources of the unit the change deletes or replaces. */
  removed: number;
  removed_urns: string[];
  component: ComponentStatus;
  component_urn: string | null;
}

const removes = (r: Resource) => r.op === "delete" || r.op === "replace";

export function buildUnits(resources: readonly Resource[], analysis: ScopeAnalysis, levels: readonly ScopeLevel[]): Unit[] {
  const units = new Map<string, Unit>();
  const chainTypes = new Map<string, boolean>();
  resources.forEach((r, i) => {
    const scope = analysis.scopes[i]!;
    const keys = analysis.keys[i]!;
    let ancestors: Set<string> | null = null;
    levels.forEach((level, l) => {
      const id = scope[level.name];
      const key = keys[level.name];
      if (id === null || id === undefined || key === null || key === undefined) return;
      let unit = units.get(key);
      if (!unit) {
        const outer = levels.slice(0, l);
        unit = {
          key,
          level: level.name,
          id,
          parents: Object.fromEntries(outer.map((o) => [o.name, scope[o.name] ?? null])),
          outer_keys: outer.map((o) => keys[o.name]).filter((k): k is string => k !== null && k !== undefined),
          existing: 0,
          deleted: 0,
          removed: 0,
          removed_urns: [],
          component: null,
          component_urn: null,
        };
        units.set(key, unit);
      }
      if (analysis.componentLevel[i] === l) {
        unit.component = r.op === "delete" ? "deleted" : "kept";
        unit.component_urn = r.urn;
      } else if (!chainTypes.get(key) && level.componentTypes.length > 0) {
        ancestors ??= new Set(ancestorTypes(r.urn));
        if (level.componentTypes.some((t) => ancestors!.has(t))) chainTypes.set(key, true);
      }
      if (r.kind !== "cloud") return;
      if (r.before !== null) unit.existing++;
      if (r.op === "delete") unit.deleted++;
      if (removes(r)) {
        unit.removed++;
        unit.removed_urns.push(r.urn);
      }
    });
  });
  for (const [key, unit] of units) {
    if (unit.component === null && chainTypes.get(key)) unit.component = "unlisted";
  }
  // Input order decides nothing: units, and the URNs they list, in key order.
  for (const unit of units.values()) unit.removed_urns.sort();
  return [...units.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
