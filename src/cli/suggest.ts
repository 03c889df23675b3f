// "Did you mean ...?" for mistyped commands and options: the known name closest by edit
// distance, when it is close enough to be a likely typo.

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The nearest known name, or undefined when none is within a third of the word's length. */
export function nearest(word: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = name.startsWith(word) && word.length >= 3 ? 0.5 : editDistance(word, name);
    if (!best || distance < best.distance) best = { name, distance };
  }
  if (!best || best.distance > Math.max(2, Math.ceil(word.length / 3))) return undefined;
  return best.name;
}

/** A command-line word made safe to quote in a one-line error: printable ASCII, at most 40 characters. */
export function quoteArg(word: string): string {
  const clean = word.replace(/[^\x20-\x7e]/g, "?");
  return `"${clean.length > 40 ? `${clean.slice(0, 40)}...` : clean}"`;
}
