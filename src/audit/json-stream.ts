// Writes `JSON.stringify(doc, null, 2)` of a document with one long array whose items are made
// (as their own indented JSON text) and written one at a time, so the whole document is never
// held in memory. The bytes are exactly what JSON.stringify of the whole document would give.

/** Stands in the document for the streamed array (a string no JSON.stringify of data can hold unescaped). */
export const STREAMED = "\u0000streamed-array\u0000";

export function writeJsonStreamingArray(doc: object, items: Iterable<string>, write: (chunk: string) => void): void {
  const text = JSON.stringify(doc, null, 2);
  const marker = JSON.stringify(STREAMED);
  const at = text.indexOf(marker);
  if (at < 0 || text.indexOf(marker, at + 1) >= 0) throw new Error("the document must hold the streamed array exactly once");
  const lineStart = text.lastIndexOf("\n", at) + 1;
  const indent = " ".repeat(/^ */.exec(text.slice(lineStart))![0].length + 2);
  write(text.slice(0, at));
  let first = true;
  for (const item of items) {
    write(`${first ? "[\n" : ",\n"}${indent}${item.replaceAll("\n", `\n${indent}`)}`);
    first = false;
  }
  write(first ? "[]" : `\n${indent.slice(2)}]`);
  write(text.slice(at + marker.length) + "\n");
}
