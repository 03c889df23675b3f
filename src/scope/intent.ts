// Resolves the intent's targets against the units of this change, by full path: a target names
// the units of its kind whose ID it gives and whose outer units agree with the ones it names
// (a unit whose outer unit the input does not show agrees with any). A target that names exactly
// one unit declares it; one whose ID matches units in several parents, without the outer units
// that would tell them apart, declares nothing and is reported. The policies read only these
// resolved keys, so which tenant's `a-1` an intent meant never depends on input order.
import type { ScopeLevel } from "../model/config.js";
import { SHARED_KIND, type PolicyIntent } from "../model/intent.js";
import type { Unit } from "./units.js";

export interface TargetResolution {
  /** The unit key the target declares: its one match of its own kind, else none. */
  declared: string[];
  /** Per level name, the keys of the units with the target's ID that agree with its outer units. */
  matches: Record<string, string[]>;
  /** The outermost unit (tenant) the target lies in, when the target or its one match says. */
  root: string | null;
  /**
   * When no unit of the target's kind agrees with its outer units: the units of that kind with its
   * ID, each with the outermost level whose unit the target names wrongly (site site-10 of tenant
   * tenant-acme has no app app-124; app-124 is in site site-9).
   */
  misqualified: { key: string; level: string }[];
}

export type ResolvedIntent = Omit<PolicyIntent, "actions"> & {
  actions: (PolicyIntent["actions"][number] & { resolution: TargetResolution })[];
  /** Every unit key some action declares: the policies look a resource's unit up here, one step each. */
  declared_units: Record<string, true>;
  /** Every shared resource name some action names. */
  declared_shared: Record<string, true>;
  /** "kind id" of every target, sorted here once (sorting in the Wasm engine is quadratic), for messages. */
  target_labels: string[];
};

export function resolveIntent(intent: PolicyIntent | null, units: readonly Unit[], levels: readonly ScopeLevel[]): ResolvedIntent | null {
  if (intent === null) return null;
  const root = levels[0]!.name;
  const byLevelAndId = new Map<string, Unit[]>();
  for (const u of units) {
    const k = JSON.stringify([u.level, u.id]);
    const same = byLevelAndId.get(k);
    if (same) same.push(u);
    else byLevelAndId.set(k, [u]);
  }
  const actions = intent.actions.map((action) => {
    const t = action.target;
    if (t.kind === SHARED_KIND) return { ...action, resolution: { declared: [], matches: {}, root: null, misqualified: [] } };
    const wrongLevel = (u: Unit) => Object.entries(u.parents).find(([outer, id]) => t[outer] !== undefined && id !== null && id !== t[outer])?.[0];
    const matching = (level: string) => (byLevelAndId.get(JSON.stringify([level, t.id])) ?? []).filter((u) => wrongLevel(u) === undefined);
    const own = matching(t.kind);
    const roots = new Set(own.map((u) => u.parents[root]).filter((x): x is string => typeof x === "string"));
    const rootId = t.kind === root ? t.id : (t[root] ?? (own.length === 1 && roots.size === 1 ? [...roots][0]! : null));
    return {
      ...action,
      resolution: {
        declared: own.length === 1 ? [own[0]!.key] : [],
        matches: Object.fromEntries(levels.map((l) => [l.name, matching(l.name).map((u) => u.key)])),
        root: rootId,
        misqualified:
          own.length > 0
            ? []
            : (byLevelAndId.get(JSON.stringify([t.kind, t.id])) ?? []).map((u) => ({ key: u.key, level: wrongLevel(u)! })),
      },
    };
  });
  // fromEntries defines own keys, so even a name like "__proto__" is looked up as itself
  const index = (keys: string[]): Record<string, true> => Object.fromEntries(keys.map((k) => [k, true] as const));
  return {
    ...intent,
    actions,
    declared_units: index(actions.flatMap((a) => a.resolution.declared)),
    declared_shared: index(actions.filter((a) => a.target.kind === SHARED_KIND).map((a) => a.target.id)),
    // by UTF-8 bytes, as Rego orders strings
    target_labels: actions
      .map((a) => `${a.target.kind} ${a.target.id}`)
      .map((label) => [label, Buffer.from(label)] as const)
      .sort(([, x], [, y]) => Buffer.compare(x, y))
      .map(([label]) => label),
  };
}
