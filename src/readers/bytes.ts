// Turns bytes into JSON values, refusing anything we could misread: files over the size limit
// (before reading them whole), invalid UTF-8, a byte-order mark, nesting deeper than the limit,
// a key repeated in one object, trailing or concatenated documents. Messages name the file and the problem, never its bytes.
import { open } from "node:fs/promises";
import { InputError, LimitError, whyNotOpened } from "../errors.js";
import { scanText, type TextScan } from "./scan.js";
import { newInputBuffer } from "./scan-thread.js";

export interface ReadLimits {
  maxBytes: number;
  maxDepth: number;
}

export const DEFAULT_LIMITS: ReadLimits = { maxBytes: 400 * 1024 * 1024, maxDepth: 1000 };

const MiB = 1024 * 1024;

/** Reads a whole file, refusing it before reading when it is over the size limit. */
export async function readFileLimited(path: string, limits: ReadLimits): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(path, "r");
  } catch (e) {
    throw new InputError(`${path}: ${whyNotOpened(e)}`);
  }
  try {
    const { size, isFile, isDirectory } = await handle.stat().then((s) => ({ size: s.size, isFile: s.isFile(), isDirectory: s.isDirectory() }));
    if (isDirectory) throw new InputError(`${path}: is a directory, not a file`);
    if (!isFile) return await readStreamLimited(handle.createReadStream(), path, limits);
    if (size > limits.maxBytes) throw sizeError(path, limits);
    const bytes = newInputBuffer(size);
    let offset = 0;
    while (offset < size) {
      const { bytesRead } = await handle.read(bytes, offset, size - offset, offset);
      if (bytesRead === 0) throw new InputError(`${path}: file shrank while being read`);
      offset += bytesRead;
    }
    return bytes;
  } finally {
    await handle.close();
  }
}

/** Reads a stream (stdin, a pipe), stopping as soon as it passes the size limit. */
export async function readStreamLimited(stream: AsyncIterable<Uint8Array | string>, label: string, limits: ReadLimits): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk;
    total += bytes.byteLength;
    if (total > limits.maxBytes) throw sizeError(label, limits);
    chunks.push(bytes);
  }
  const all = newInputBuffer(total);
  let offset = 0;
  for (const c of chunks) {
    all.set(c, offset);
    offset += c.byteLength;
  }
  return all;
}

function sizeError(label: string, limits: ReadLimits): LimitError {
  const limit = limits.maxBytes % MiB === 0 ? `${limits.maxBytes / MiB} MiB` : `${limits.maxBytes} bytes`;
  return new LimitError(`${label}: larger than the input size limit (maxInputBytes = ${limit})`);
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Strict UTF-8: invalid sequences fail instead of becoming U+FFFD; a BOM is kept and so refused. */
export function decodeUtf8(bytes: Uint8Array, label: string): string {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch (e) {
    // The decoder reports bad bytes as a TypeError; anything else is V8's maximum string length.
    if (e instanceof TypeError) throw new InputError(`${label}: not valid UTF-8 text`);
    throw new LimitError(`${label}: too large to decode as one string (over 512 Mi characters; lower maxInputBytes)`);
  }
  if (text.charCodeAt(0) === 0xfeff) throw new InputError(`${label}: starts with a byte-order mark; expected plain UTF-8 JSON`);
  return text;
}

/**
 * Walks a parsed value once: refuses nesting deeper than maxDepth and returns how many strings
 * it holds (object keys and string values). Recursion stops at maxDepth, far below the stack.
 */
function walkParsed(value: object, depth: number, maxDepth: number, label: string): number {
  if (depth > maxDepth) throw new LimitError(`${label}: nested deeper than the limit (maxDepth = ${maxDepth})`);
  let strings = 0;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (typeof v === "string") strings++;
      else if (typeof v === "object" && v !== null) strings += walkParsed(v, depth + 1, maxDepth, label);
    }
    return strings;
  }
  // for-in also counts inherited enumerable keys: a polluted Object.prototype makes the counts
  // differ and the document is refused, never accepted.
  for (const key in value) {
    strings++;
    const v: unknown = (value as Record<string, unknown>)[key];
    if (typeof v === "string") strings++;
    else if (typeof v === "object" && v !== null) strings += walkParsed(v, depth + 1, maxDepth, label);
  }
  return strings;
}

/**
 * Exactly one JSON document, refusing what JSON.parse would hide or what would crash later:
 * a lone surrogate escape, nesting deeper than the limit, and a key repeated in one object
 * (JSON.parse keeps the last, which could hide a `delete` op or a resource plan). Trailing or
 * concatenated documents JSON.parse refuses itself.
 *
 * Cost, for the strict read to stay close to JSON.parse alone: two native searches over the text
 * (scan.js: escapes and quotes), then one walk of the parsed value (no key is sliced or hashed).
 * A repeated key is found by counting: every string in the text (a quote pair) is either a
 * key or a string value; a repeated key drops a member, its key and any strings in its value,
 * so the parsed value holds fewer strings than the text. V8's JSON.parse does not recurse, so a
 * million levels parse and the walk refuses them with the limit's name.
 *
 * `scanned` gives the text's scan when another thread made it (scan-thread.ts); the errors and
 * their order are the same either way: surrogate, then syntax, then depth, then repeated key.
 */
export function parseJson(text: string, label: string, maxDepth: number, scanned?: () => TextScan): unknown {
  if (text.trim() === "") throw new InputError(`${label}: empty input`);
  const scan = scanned ?? (() => scanText(text));
  let value: unknown;
  let syntaxError = false;
  try {
    value = JSON.parse(text);
  } catch {
    syntaxError = true;
  }
  const { strings, loneSurrogate } = scan();
  if (loneSurrogate) throw new InputError(`${label}: contains a lone UTF-16 surrogate escape (not valid Unicode)`);
  // V8's message quotes the input; ours must not.
  if (syntaxError) throw new InputError(`${label}: not a single valid JSON document (truncated, malformed or concatenated)`);
  const parsedStrings = typeof value === "string" ? 1 : typeof value === "object" && value !== null ? walkParsed(value, 1, maxDepth, label) : 0;
  if (parsedStrings !== strings) {
    throw new InputError(`${label}: an object has the same key twice (refused: JSON.parse would keep only the last)`);
  }
  return value;
}
