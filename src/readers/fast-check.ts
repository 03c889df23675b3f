// A reader's zod schema turned into a check that only answers yes or no, without copying. zod
// copies every object and record it validates: on a 10k-step preview that is ~2 copies of every
// property bag, the largest cost of reading after JSON.parse. The check accepts only what the
// schema accepts and yields the same value (schemas with transforms, defaults, lazy parts or
// stripping objects are not compiled), so callers use the input itself when it says yes and ask
// zod (for its result, or its error message) when it says no. zod stays the one definition.
import type { z } from "zod";

type Check = (value: unknown) => boolean;
type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  innerType?: z.ZodType;
  element?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  checks?: unknown[];
};

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Leaves zod checks by value alone (no copy, no transform): asked one value at a time. */
const LEAVES = new Set(["string", "number", "boolean", "null", "literal", "enum"]);

/** Accepts anything (z.unknown): a record of these only needs to be an object. */
const ANYTHING: Check = () => true;

/** The check for a schema, or null when the schema is not one this can mirror exactly. */
export function compileCheck(schema: z.ZodType): Check | null {
  const def = defOf(schema);
  const inner = (s: z.ZodType | undefined) => (s ? compileCheck(s) : null);
  switch (def.type) {
    case "unknown":
    case "any":
      return ANYTHING;
    case "string":
      return def.checks?.length ? leaf(schema) : (v) => typeof v === "string";
    case "boolean":
      return (v) => typeof v === "boolean";
    case "optional": {
      const c = inner(def.innerType);
      return c && ((v) => v === undefined || c(v));
    }
    case "nullable": {
      const c = inner(def.innerType);
      return c && ((v) => v === null || c(v));
    }
    case "array": {
      const c = inner(def.element);
      return c && ((v) => Array.isArray(v) && allOf(v, c));
    }
    case "record":
      return recordCheck(def);
    case "object":
      return objectCheck(def);
    case "union": {
      const options = (def.options ?? []).map((o) => compileCheck(o));
      if (options.some((o) => o === null)) return null;
      return (v) => options.some((o) => o!(v));
    }
    default:
      return LEAVES.has(def.type) ? leaf(schema) : null;
  }
}

function allOf(values: unknown[], check: Check): boolean {
  for (let i = 0; i < values.length; i++) if (!check(values[i])) return false;
  return true;
}

function leaf(schema: z.ZodType): Check {
  return (v) => schema.safeParse(v).success;
}

function recordCheck(def: Def): Check | null {
  // Only string keys: every key JSON.parse makes is one.
  if (!def.keyType || defOf(def.keyType).type !== "string" || defOf(def.keyType).checks?.length) return null;
  const value = def.valueType && compileCheck(def.valueType);
  if (!value) return null;
  if (value === ANYTHING) return isObject;
  return (v) => {
    if (!isObject(v)) return false;
    for (const key of Object.keys(v)) if (!value(v[key])) return false;
    return true;
  };
}

function objectCheck(def: Def): Check | null {
  // A plain z.object strips unknown keys and a strict one refuses them: only loose ones are mirrored.
  if (!def.catchall || defOf(def.catchall).type !== "unknown" || !def.shape) return null;
  const keys = Object.keys(def.shape);
  const checks: Check[] = [];
  for (const key of keys) {
    const c = compileCheck(def.shape[key]!);
    if (!c) return null;
    checks.push(c);
  }
  return (v) => {
    if (!isObject(v)) return false;
    for (let i = 0; i < keys.length; i++) if (!checks[i]!(v[keys[i]!])) return false;
    return true;
  };
}
