// Reads Pulumi property values. Every special value is checked (a malformed secret or an
// unknown signature fails the read), and only the keys in POLICY_PROPERTY_KEYS are copied into
// the normalised document, sanitised: a secret never survives reading.
import { InputError } from "../errors.js";
import { POLICY_PROPERTY_KEYS } from "../model/fields.js";
import type { Value } from "../model/changeset.js";
import { PULUMI_UNKNOWN, SECRET, SIG, SIG_KEY, UNKNOWN } from "../model/values.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const known = new Set<string>(Object.values(SIG));

function isObject(v: unknown): v is Record<string, Json> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Checks a signature object's shape; returns its kind. */
function signatureKind(obj: Record<string, Json>, where: string): string {
  const sig = obj[SIG_KEY];
  if (typeof sig !== "string" || !known.has(sig)) throw new InputError(`${where}: a property value has an unknown Pulumi signature`);
  if (sig === SIG.secret) {
    const hasCipher = typeof obj.ciphertext === "string";
    const hasPlain = typeof obj.plaintext === "string";
    if (hasCipher === hasPlain) throw new InputError(`${where}: a secret value must carry exactly one of ciphertext and plaintext`);
  }
  return sig;
}

/** Validates every special value inside a property bag without copying it. */
export function validateProperties(value: unknown, where: string): void {
  if (Array.isArray(value)) {
    for (const v of value) validateProperties(v, where);
  } else if (isObject(value)) {
    if (Object.hasOwn(value, SIG_KEY)) {
      const sig = signatureKind(value, where);
      if (sig === SIG.secret) return; // its content is never looked at
      if (sig === SIG.outputValue) validateProperties(value.value, where);
      return;
    }
    for (const key in value) validateProperties(value[key], where);
  }
}

/** A sanitised copy of one property value. */
export function sanitize(value: unknown, where: string): Value {
  if (value === PULUMI_UNKNOWN) return { ...UNKNOWN };
  // JSON.parse reads 1e400 as Infinity, which JSON.stringify would hand to Wasm as null.
  if (typeof value === "number" && !Number.isFinite(value)) throw new InputError(`${where}: a number is out of range`);
  if (value === null || typeof value !== "object") return value as Value;
  if (Array.isArray(value)) return value.map((v) => sanitize(v, where));
  const obj = value as Record<string, Json>;
  if (Object.hasOwn(obj, SIG_KEY)) {
    switch (signatureKind(obj, where)) {
      case SIG.secret:
        return SECRET;
      case SIG.asset:
        return "[asset]";
      case SIG.archive:
        return "[archive]";
      case SIG.resourceReference:
        return typeof obj.urn === "string" ? obj.urn : "[resource]";
      case SIG.byteString:
        return "[bytes]";
      case SIG.specialNumber:
        return "[number]";
      case SIG.outputValue:
        if (obj.secret === true) return SECRET;
        return Object.hasOwn(obj, "value") ? sanitize(obj.value, where) : { ...UNKNOWN };
    }
  }
  const copy: Record<string, Value> = {};
  for (const k of Object.keys(obj)) {
    // Assigning "__proto__" would set the copy's prototype; Object.fromEntries keeps it a plain key.
    if (k === "__proto__") return Object.fromEntries(Object.keys(obj).map((key) => [key, sanitize(obj[key], where)]));
    copy[k] = sanitize(obj[k], where);
  }
  return copy;
}

/**
 * The policy-relevant properties of a resource: for each key, the first bag that has it wins
 * (callers order the bags: outputs first for prior state, inputs first for the goal). Only keys
 * of POLICY_PROPERTY_KEYS are set, never "__proto__", so plain assignment is safe here.
 */
export function pickProperties(bags: readonly unknown[], where: string): Record<string, Value> {
  const props: Record<string, Value> = {};
  for (const bag of bags) {
    if (bag === undefined || bag === null) continue;
    if (!isObject(bag)) throw new InputError(`${where}: a property bag is not an object`);
    validateProperties(bag, where);
    for (const key of Object.keys(bag)) {
      if (POLICY_PROPERTY_KEYS.has(key) && !Object.hasOwn(props, key)) props[key] = sanitize(bag[key], where);
    }
  }
  return mergeTags(props);
}

const isPlainMap = (v: Value | undefined): v is { [key: string]: Value } =>
  typeof v === "object" && v !== null && !Array.isArray(v) && !("$unknown" in v);

/** The same keys in the same order with the same plain values (the usual tagsAll without default tags). */
function sameTags(a: { [key: string]: Value }, b: { [key: string]: Value }): boolean {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const v = a[ka[i]!];
    if (ka[i] !== kb[i] || typeof v === "object" || v !== b[kb[i]!]) return false;
  }
  return true;
}

/**
 * `tagsAll` is usually `tags` plus the provider's default tags: when both are known, keep one
 * merged `tags` (declared tags win), so the policy input does not carry every tag twice.
 */
function mergeTags(props: Record<string, Value>): Record<string, Value> {
  const { tags, tagsAll } = props;
  if (!isPlainMap(tags) || !isPlainMap(tagsAll)) return props;
  // Object.fromEntries defines own properties: a "__proto__" tag stays a plain key.
  const merged = sameTags(tags, tagsAll) ? tags : Object.fromEntries([...Object.entries(tagsAll), ...Object.entries(tags)]);
  const out: Record<string, Value> = {};
  for (const key of Object.keys(props)) if (key !== "tagsAll") out[key] = key === "tags" ? merged : props[key]!;
  return out;
}

/** Reads a flag that may be absent (false), a boolean, unknown or secret. */
export function readFlag(value: unknown, where: string): boolean | typeof UNKNOWN | typeof SECRET {
  if (value === undefined || value === null) return false;
  if (typeof value === "boolean") return value;
  const v = sanitize(value, where);
  if (v === SECRET) return SECRET;
  return { ...UNKNOWN };
}
