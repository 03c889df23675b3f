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

/**
 * Values (ARNs) sorted once, so the candidates of a pattern are the range that starts with its
 * literal prefix: a pattern per tenant (`...:table/tenant-7-*`) reads only that tenant's tables.
 */
export class PrefixIndex<T> {
  private readonly keys: string[];
  private readonly values: T[];
  private readonly exact = new Map<string, T[]>();

  constructor(entries: readonly [string, T][]) {
    const sorted = [...entries].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    this.keys = sorted.map((e) => e[0]);
    this.values = sorted.map((e) => e[1]);
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
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keys[mid]! < p.prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.keys.length && this.keys[i]!.startsWith(p.prefix); i++) {
      if (p.test(this.keys[i]!)) yield this.values[i]!;
    }
  }
}
