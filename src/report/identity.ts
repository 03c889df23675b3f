// Who approved an override and who asked for the change are compared as people, not as bytes:
// a zero-width space, a fullwidth letter or a different case must not make the requester look
// like a second person. Names that mix writing systems (a Cyrillic "а" among Latin letters) are
// refused outright: they cannot be told apart from a look-alike by eye.

/** NFKC (fullwidth and compatibility forms), format characters removed, case folded, trimmed. */
export function identityKey(name: string): string {
  const folded = name.normalize("NFKC").replace(/\p{Cf}/gu, "").toUpperCase().toLowerCase();
  return folded.normalize("NFKC").trim();
}

// Scripts a letter may belong to; the CJK scripts are written together and count as one.
const scripts: [string, RegExp][] = [
  ["Latin", /\p{Script=Latin}/u],
  ["Cyrillic", /\p{Script=Cyrillic}/u],
  ["Greek", /\p{Script=Greek}/u],
  ["Armenian", /\p{Script=Armenian}/u],
  ["Georgian", /\p{Script=Georgian}/u],
  ["Hebrew", /\p{Script=Hebrew}/u],
  ["Arabic", /\p{Script=Arabic}/u],
  ["Cherokee", /\p{Script=Cherokee}/u],
  ["Devanagari", /\p{Script=Devanagari}/u],
  ["Thai", /\p{Script=Thai}/u],
  ["CJK", /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}]/u],
];

/** The writing systems of a name's letters (digits and punctuation are common to all). */
export function scriptsOf(name: string): Set<string> {
  const found = new Set<string>();
  for (const ch of name.normalize("NFKC")) {
    if (!/\p{L}/u.test(ch)) continue;
    found.add(scripts.find(([, re]) => re.test(ch))?.[0] ?? "other");
  }
  return found;
}

export const mixesScripts = (name: string): boolean => scriptsOf(name).size > 1;

export const samePerson = (a: string, b: string): boolean => identityKey(a) === identityKey(b);
