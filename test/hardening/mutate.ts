// Mutations of real fixtures for the fuzz run. Each takes the document and a seeded random
// source (from fast-check), so a failing case replays from its seed.
import type { Json } from "./support.js";

export type Random = () => number;

/** A small seeded generator (mulberry32): fast-check gives the seed, this gives the stream. */
export function random(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(xs: readonly T[], rnd: Random): T => xs[Math.floor(rnd() * xs.length)]!;

export function shuffle<T>(xs: readonly T[], rnd: Random): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The same value with every object's keys in a random order. */
export function shuffleKeys(value: Json, rnd: Random): Json {
  if (Array.isArray(value)) return value.map((v) => shuffleKeys(v, rnd));
  if (value === null || typeof value !== "object") return value;
  const out: Json = {};
  for (const k of shuffle(Object.keys(value), rnd)) Object.defineProperty(out, k, { value: shuffleKeys(value[k], rnd), enumerable: true, writable: true, configurable: true });
  return out;
}

/** Every object in the value, depth first (the document itself first). */
export function objects(value: Json, out: Json[] = []): Json[] {
  if (Array.isArray(value)) value.forEach((v) => objects(v, out));
  else if (value !== null && typeof value === "object") {
    out.push(value);
    Object.values(value).forEach((v) => objects(v, out));
  }
  return out;
}

/** JSON text of the value in which one non-empty object (by depth-first index) repeats its first key. */
export function withDuplicateKey(value: Json, target: number): string {
  let index = 0;
  const write = (v: Json): string => {
    if (Array.isArray(v)) return `[${v.map(write).join(",")}]`;
    if (v === null || typeof v !== "object") return JSON.stringify(v);
    const isTarget = Object.keys(v).length > 0 && index++ === target;
    const members = Object.keys(v).map((k) => `${JSON.stringify(k)}:${write(v[k])}`);
    if (isTarget) members.push(members[0]!);
    return `{${members.join(",")}}`;
  };
  return write(value);
}

/** The value with `[[…]]` nested `depth` levels deep added to one object. */
export function withDeepMember(value: Json, rnd: Random, depth: number): string {
  const targets = objects(value);
  const target = pick(targets, rnd);
  target.__deep = "@DEEP@";
  return JSON.stringify(value).replace('"@DEEP@"', "[".repeat(depth) + "]".repeat(depth));
}

/** Removes one field every document of its kind must have; returns false when none is left. */
export function removeRequired(value: Json, rnd: Random): boolean {
  const candidates: (() => void)[] = [];
  const steps: Json[] = value.steps ?? [];
  const resources: Json[] = value.deployment?.resources ?? value.checkpoint?.latest?.resources ?? [];
  if (value.steps) candidates.push(() => delete value.steps);
  for (const s of steps) candidates.push(() => delete s.op, () => delete s.urn);
  if (value.deployment || value.checkpoint) candidates.push(() => delete value.version);
  for (const r of resources) candidates.push(() => delete r.urn);
  if (value.resourcePlans) {
    candidates.push(() => delete value.resourcePlans, () => delete value.manifest);
    for (const rp of Object.values(value.resourcePlans) as Json[]) candidates.push(() => delete rp.steps);
  }
  if (candidates.length === 0) return false;
  pick(candidates, rnd)();
  return true;
}

/** Other encodings of the same text; none is UTF-8 without a BOM. */
export function reencode(text: string, which: number): Uint8Array {
  const utf16le = Buffer.from(text, "utf16le");
  switch (which % 5) {
    case 0:
      return new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(text, "utf8")]);
    case 1:
      return new Uint8Array([0xff, 0xfe, ...utf16le]);
    case 2:
      return new Uint8Array(utf16le);
    case 3:
      return new Uint8Array(Buffer.from(utf16le).swap16()); // UTF-16BE
    default: {
      const out = new Uint8Array(text.length * 4); // UTF-32LE (all fixtures are BMP)
      for (let i = 0; i < text.length; i++) {
        out[i * 4] = text.charCodeAt(i) & 0xff;
        out[i * 4 + 1] = text.charCodeAt(i) >> 8;
      }
      return out;
    }
  }
}
