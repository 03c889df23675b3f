// `blastguard init --state/--stack`: the scope levels guessed from a stack's tags. A tag key is a
// level when it sits on a good share of the cloud resources; levels nest when every resource
// tagged with the inner key also carries the outer one and each inner ID belongs to one outer ID.
// Components named like a level's IDs give its component types. A guess, written for review.
import type { ChangeSet, Resource } from "../model/changeset.js";
import type { ScopeLevel } from "../model/config.js";

/** Keys that describe a resource but never a tenant scope. */
const NOT_SCOPES = /^(name|environment|env|stage|owner|team|costcenter|cost-center|managedby|managed-by|project|stack|created-by|createdby)$/i;

interface KeyFacts {
  key: string;
  /** Resource index -> tag value. */
  values: Map<number, string>;
}

function tagsOf(r: Resource): Record<string, string> {
  const tags = (r.before ?? r.after)?.props.tags;
  if (typeof tags !== "object" || tags === null || Array.isArray(tags) || "$unknown" in tags) return {};
  return Object.fromEntries(Object.entries(tags).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== "[secret]"));
}

/** ^prefix-[a-z0-9]+$ when every ID shares a prefix ending in - or _, else the IDs' character set. */
export function idPatternOf(ids: readonly string[]): string {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  let prefix = ids[0] ?? "";
  for (const id of ids) while (!id.startsWith(prefix)) prefix = prefix.slice(0, -1);
  const cut = Math.max(prefix.lastIndexOf("-"), prefix.lastIndexOf("_"));
  prefix = cut >= 0 ? prefix.slice(0, cut + 1) : "";
  const rests = ids.map((id) => id.slice(prefix.length));
  const body = rests.every((r) => /^[0-9]+$/.test(r)) ? "[0-9]+" : rests.every((r) => /^[a-z0-9]+$/.test(r)) ? "[a-z0-9]+" : rests.every((r) => /^[a-z0-9-]+$/.test(r)) ? "[a-z0-9-]+" : "[A-Za-z0-9._:-]+";
  return `^${escape(prefix)}${body}$`;
}

function levelName(key: string, taken: Set<string>): string {
  let name = key.split(/[:/]/).pop()!.toLowerCase().replace(/[^a-z0-9_]/g, "_").replace(/^[^a-z]+/, "").slice(0, 32) || "level";
  if (["level", "shared", "kind", "id"].includes(name)) name = `${name}_unit`;
  while (taken.has(name)) name = `${name}_${taken.size}`;
  taken.add(name);
  return name;
}

/** `outer` contains `inner`: every resource tagged inner is tagged outer, each inner ID in one outer ID. */
function nests(outer: KeyFacts, inner: KeyFacts): boolean {
  const parentOf = new Map<string, string>();
  for (const [i, value] of inner.values) {
    const up = outer.values.get(i);
    if (up === undefined) return false;
    if ((parentOf.get(value) ?? up) !== up) return false;
    parentOf.set(value, up);
  }
  return true;
}

export function guessScopeLevels(change: ChangeSet, dataClassKey: string): ScopeLevel[] {
  const cloud = change.resources.filter((r) => r.kind === "cloud");
  const facts = new Map<string, KeyFacts>();
  cloud.forEach((r, i) => {
    for (const [key, value] of Object.entries(tagsOf(r))) {
      if (key === dataClassKey || NOT_SCOPES.test(key.split(/[:/]/).pop()!)) continue;
      if (!facts.has(key)) facts.set(key, { key, values: new Map() });
      facts.get(key)!.values.set(i, value);
    }
  });
  const distinct = (f: KeyFacts) => new Set(f.values.values()).size;
  // present on at least a fifth of the cloud resources; the widest keys first
  const candidates = [...facts.values()]
    .filter((f) => f.values.size * 5 >= cloud.length && f.values.size >= 2)
    .sort((a, b) => b.values.size - a.values.size || distinct(a) - distinct(b) || (a.key < b.key ? -1 : 1));
  const chain: KeyFacts[] = [];
  for (const f of candidates) {
    const last = chain.at(-1);
    if (!last || (distinct(f) > distinct(last) && nests(last, f))) chain.push(f);
    if (chain.length === 8) break;
  }
  const taken = new Set<string>();
  const components = change.resources.filter((r) => r.kind === "component");
  return chain.map((f) => {
    const ids = [...new Set(f.values.values())].sort();
    const idSet = new Set(ids);
    const componentTypes = [...new Set(components.filter((c) => idSet.has(c.name)).map((c) => c.type))].sort();
    return { name: levelName(f.key, taken), tagKey: f.key, idPattern: idPatternOf(ids), componentTypes };
  });
}
