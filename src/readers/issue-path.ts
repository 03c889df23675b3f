// A zod issue's path as an error message may show it: field names the schema itself defines are
// printed, array indexes too, but a key that came from the input (a record key such as a URN in
// a plan, a config key, a key no schema names) is shown as <key>. Input bytes never reach a
// message this way, not even a key's.
import type { z } from "zod";

type Def = { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; in?: z.ZodType; element?: z.ZodType; valueType?: z.ZodType; getter?: () => z.ZodType; options?: z.ZodType[] };

const defOf = (schema: z.ZodType | undefined): Def | undefined => (schema as unknown as { _zod?: { def: Def } } | undefined)?._zod?.def;

/** Unwraps optional, nullable, default, pipe (transform) and lazy wrappers. */
function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  for (let i = 0; i < 20 && schema; i++) {
    const def = defOf(schema)!;
    if (def.innerType) schema = def.innerType;
    else if (def.type === "pipe") schema = def.in;
    else if (def.type === "lazy" && def.getter) schema = def.getter();
    else return schema;
  }
  return schema;
}

/** The schemas one path step leads to (a union may lead to several). */
function step(schema: z.ZodType | undefined, key: PropertyKey): { named: boolean; next: (z.ZodType | undefined)[] } {
  const s = unwrap(schema);
  const def = defOf(s);
  if (!def) return { named: false, next: [] };
  if (def.type === "union") {
    const results = (def.options ?? []).map((o) => step(o, key));
    return { named: results.some((r) => r.named), next: results.flatMap((r) => r.next) };
  }
  if (def.type === "object" && typeof key === "string" && def.shape && Object.hasOwn(def.shape, key)) return { named: true, next: [def.shape[key]] };
  if (def.type === "array") return { named: typeof key === "number", next: [def.element] };
  if (def.type === "record") return { named: false, next: [def.valueType] };
  return { named: false, next: [] };
}

export function safeIssuePath(schema: z.ZodType, path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(top level)";
  let current: (z.ZodType | undefined)[] = [schema];
  const parts: string[] = [];
  for (const key of path) {
    const results = current.map((s) => step(s, key));
    parts.push(results.some((r) => r.named) ? String(key) : "<key>");
    current = results.flatMap((r) => r.next);
  }
  return parts.join(".");
}

/** The keys the schema allows for the object at `path` (for "unknown key" messages: the schema's words, never the input's). */
export function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current: (z.ZodType | undefined)[] = [schema];
  for (const key of path) current = current.flatMap((s) => step(s, key).next);
  const keys = new Set<string>();
  for (const s of current) {
    const def = defOf(unwrap(s));
    if (def?.type === "object" && def.shape) for (const k of Object.keys(def.shape)) keys.add(k);
  }
  return [...keys];
}
