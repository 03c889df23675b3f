// Turns bytes into JSON values, refusing anything we could misread: files over the size limit
// (before reading them whole), invalid UTF-8, a byte-order mark, nesting deeper than the limit,
// a key repeated in one object, trailing or concatenated documents. Messages name the file and the problem, never its bytes.
import { open } from "node:fs/promises";
import { InputError, LimitError, whyNotOpened } from "../errors.js";

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
    const bytes = new Uint8Array(size);
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
  const all = new Uint8Array(total);
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

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The index of the quote that closes the string opened at `start`, or -1 when it never closes. */
function stringEnd(text: string, start: number): number {
  for (let end = text.indexOf('"', start + 1); end >= 0; end = text.indexOf('"', end + 1)) {
    let slashes = 0;
    while (text.charCodeAt(end - 1 - slashes) === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return end;
  }
  return -1;
}

/** An object key as JSON.parse would read it; escapes are rare, so only they pay for decoding. */
function keyOf(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end);
  if (!raw.includes("\\")) return raw;
  try {
    return JSON.parse(text.slice(start, end + 1)) as string;
  } catch {
    return raw; // a malformed escape: JSON.parse refuses the document next
  }
}

type Keys = string[] | Set<string>;

/** Adds a key to an object's keys; false when it was already there. Small objects use an array. */
function addKey(keys: Keys, key: string): boolean {
  if (Array.isArray(keys)) {
    if (keys.includes(key)) return false;
    keys.push(key);
    return true;
  }
  if (keys.has(key)) return false;
  keys.add(key);
  return true;
}

/**
 * One linear scan before JSON.parse, for what JSON.parse would hide or crash on: nesting deeper
 * than the limit (a million levels fails with a clear limit, not a stack overflow) and a key
 * repeated in one object (JSON.parse keeps the last, which could hide a `delete` op or a
 * resource plan). It trusts nothing: on malformed text it stops, and JSON.parse refuses it.
 */
export function checkStructure(text: string, label: string, maxDepth: number): void {
  // One entry per open container: the keys seen so far for an object, null for an array.
  const open: (Keys | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x20) continue;
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      if (end < 0) return;
      const keys = expectKey ? open[open.length - 1] : null;
      if (keys) {
        if (!addKey(keys, keyOf(text, i, end))) {
          throw new InputError(`${label}: an object has the same key twice (refused: JSON.parse would keep only the last)`);
        }
        if (Array.isArray(keys) && keys.length > 16) open[open.length - 1] = new Set(keys);
      }
      expectKey = false;
      i = end;
    } else if (c === 0x7b || c === 0x5b) {
      if (open.length >= maxDepth) throw new LimitError(`${label}: nested deeper than the limit (maxDepth = ${maxDepth})`);
      open.push(c === 0x7b ? [] : null);
      expectKey = c === 0x7b;
    } else if (c === 0x7d || c === 0x5d) {
      open.pop();
      expectKey = false;
    } else if (c === 0x2c) {
      expectKey = open.length > 0 && open[open.length - 1] !== null;
    }
  }
}

const isHex = (c: string) => /^[0-9a-fA-F]$/.test(c);

/** The 0xD800-0xDFFF code unit a `\\uXXXX` escape at i encodes, or -1 for anything else. */
function surrogateAt(text: string, i: number): number {
  if (text.charCodeAt(i) !== BACKSLASH || text[i + 1] !== "u") return -1;
  const hex = text.slice(i + 2, i + 6);
  if (hex.length !== 4 || ![...hex].every(isHex)) return -1;
  const unit = parseInt(hex, 16);
  return unit >= 0xd800 && unit <= 0xdfff ? unit : -1;
}

/**
 * Strict UTF-8 decoding leaves no lone surrogate in the text, but a `\\ud800` escape puts one
 * back: JSON.parse accepts it, the Wasm JSON parser aborts. Refused here, in every field.
 */
export function checkSurrogates(text: string, label: string): void {
  for (let i = text.indexOf("\\u"); i >= 0; i = text.indexOf("\\u", i + 2)) {
    let slashes = 0;
    while (text.charCodeAt(i - 1 - slashes) === BACKSLASH) slashes++;
    if (slashes % 2 === 1) continue; // an escaped backslash followed by a plain "u"
    const unit = surrogateAt(text, i);
    if (unit < 0) continue;
    const low = unit < 0xdc00 ? surrogateAt(text, i + 6) : -1;
    if (low < 0xdc00) throw new InputError(`${label}: contains a lone UTF-16 surrogate escape (not valid Unicode)`);
    i += 6; // skip the low half of the pair
  }
}

/** Exactly one JSON document (JSON.parse already refuses trailing content). */
export function parseJson(text: string, label: string, maxDepth: number): unknown {
  if (text.trim() === "") throw new InputError(`${label}: empty input`);
  checkStructure(text, label, maxDepth);
  checkSurrogates(text, label);
  try {
    return JSON.parse(text);
  } catch {
    // V8's message quotes the input; ours must not.
    throw new InputError(`${label}: not a single valid JSON document (truncated, malformed or concatenated)`);
  }
}
