// Wildcard patterns, compiled once. AWS Backup resource selections: "Resources" and
// "NotResources" entries may carry wildcards, and StringLike / StringNotLike conditions compare
// tag values the same way (AWS Backup Developer Guide, "Assigning resources programmatically"
// and the BackupSelection API reference). `*` matches any run of characters, none included, and
// that run may hold dots, slashes and colons (the matching is not path-style: a dot is not a
// delimiter, which is why `arn:aws:s3:::*` covers `arn:aws:s3:::a.b`); `?` matches exactly one
// character. The same rules apply to config type patterns (`dataClass.storeTypes`).

export interface Pattern {
  source: string;
  /** The text before the first wildcard: every match starts with it. */
  prefix: string;
  wild: boolean;
  test(value: string): boolean;
}

export function compilePattern(source: string): Pattern {
  const first = source.search(/[*?]/);
  if (first < 0) return { source, prefix: source, wild: false, test: (v) => v === source };
  return { source, prefix: source.slice(0, first), wild: true, test: (v) => wildcardMatch(source, v) };
}

/**
 * `*` any run (none included), `?` one character, everything else literal. Iterative, with one
 * backtrack point (the last `*`): linear in practice, and no regular expression to compile per
 * pattern (a stack can have thousands of selections).
 */
export function wildcardMatch(pattern: string, value: string): boolean {
  let p = 0;
  let v = 0;
  let star = -1;
  let mark = 0;
  while (v < value.length) {
    const c = pattern.charCodeAt(p);
    if (p < pattern.length && (c === 63 /* ? */ || c === value.charCodeAt(v))) {
      p++;
      v++;
    } else if (p < pattern.length && c === 42 /* * */) {
      star = p++;
      mark = v;
    } else if (star >= 0) {
      p = star + 1;
      v = ++mark;
    } else return false;
  }
  while (p < pattern.length && pattern.charCodeAt(p) === 42) p++;
  return p === pattern.length;
}

/** Sorted keys with their values and the keys as first given (a reversed index sorts reversed keys); the range of keys that start with a literal. */
class SortedKeys<T> {
  readonly keys: string[];
  readonly given: string[];
  readonly values: T[];
  constructor(entries: readonly [string, T][], sortKey: (key: string) => string = (k) => k) {
    const sorted = entries.map(([k, v]) => ({ key: sortKey(k), given: k, value: v }));
    sorted.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    this.keys = sorted.map((e) => e.key);
    this.given = sorted.map((e) => e.given);
    this.values = sorted.map((e) => e.value);
  }
  private lowerBound(key: string): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keys[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  /** [from, to): the keys that start with `literal`. */
  range(literal: string): [number, number] {
    // U+FFFF sorts after every character an ARN holds.
    return [this.lowerBound(literal), this.lowerBound(`${literal}\uffff`)];
  }
}

const reverse = (s: string) => [...s].reverse().join("");

/**
 * Values (ARNs) sorted once forwards and once reversed, so the candidates of a pattern are the
 * smaller of two ranges: the keys that start with its literal prefix (a pattern per tenant,
 * `...:table/tenant-7-*`, reads only that tenant's tables) or those that end with its literal
 * suffix (`arn:aws:dynamodb:*:*:table/*-s7` reads only shard 7's). Only those are tested.
 */
export class PrefixIndex<T> {
  private readonly forward: SortedKeys<T>;
  private backward: SortedKeys<T> | null = null;
  private readonly exact = new Map<string, T[]>();

  constructor(private readonly entries: readonly [string, T][]) {
    this.forward = new SortedKeys(entries);
    for (const [k, v] of entries) {
      const list = this.exact.get(k);
      if (list) list.push(v);
      else this.exact.set(k, [v]);
    }
  }

  get(key: string): readonly T[] {
    return this.exact.get(key) ?? [];
  }

  /** Every value whose key the pattern matches. */
  *matches(p: Pattern): Generator<T> {
    if (!p.wild) {
      yield* this.get(p.source);
      return;
    }
    let [from, to] = this.forward.range(p.prefix);
    let index = this.forward;
    const suffix = p.source.slice(Math.max(p.source.lastIndexOf("*"), p.source.lastIndexOf("?")) + 1);
    if (suffix !== "" && to - from > 64) {
      this.backward ??= new SortedKeys(this.entries, reverse);
      const [bFrom, bTo] = this.backward.range(reverse(suffix));
      if (bTo - bFrom < to - from) [from, to, index] = [bFrom, bTo, this.backward];
    }
    for (let i = from; i < to; i++) if (p.test(index.given[i]!)) yield index.values[i]!;
  }
}
