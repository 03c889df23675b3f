// Plain-value helpers for property maps as the engine sends them (Struct -> JavaScript).
import { createHash } from "node:crypto";

export type Value = null | boolean | number | string | Value[] | { [key: string]: Value };
export type Props = Record<string, Value>;

/** The engine's marker for a value not known until the resource exists (previews). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Every resource this stand-in "creates" lives in this one account. */
export const ACCOUNT_ID = "123456789012";

/** Keys the engine and bridged providers add that are bookkeeping, not resource inputs. */
export const BOOKKEEPING_KEYS = new Set(["__defaults", "__meta"]);

export function isObject(value: Value | undefined): value is { [key: string]: Value } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function containsUnknown(value: Value | undefined): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (isObject(value)) return Object.values(value).some(containsUnknown);
  return false;
}

/** Structural equality that ignores key order and the bookkeeping keys. */
export function sameValue(a: Value | undefined, b: Value | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      if (BOOKKEEPING_KEYS.has(key)) continue;
      if (!sameValue(a[key], b[key])) return false;
    }
    return true;
  }
  return false;
}

/** A short, stable hex digest: the stand-in derives ids from URNs so recordings are repeatable. */
export function digest(text: string, length = 8): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}

/** A UUID-shaped id, stable for one URN (AWS Backup plan and selection ids look like this). */
export function stableUuid(seed: string): string {
  const h = digest(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export function asString(value: Value | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export function asStringMap(value: Value | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObject(value)) return out;
  for (const [key, v] of Object.entries(value)) if (typeof v === "string") out[key] = v;
  return out;
}
