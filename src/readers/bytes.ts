// Turns bytes into JSON values, refusing anything we could misread: files over the size limit
// (before reading them whole), invalid UTF-8, a byte-order mark, nesting deeper than the limit,
// trailing or concatenated documents. Messages name the file and the problem, never its bytes.
import { open } from "node:fs/promises";
import { InputError, LimitError } from "../errors.js";

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
  } catch {
    throw new InputError(`${path}: cannot be opened`);
  }
  try {
    const { size, isFile } = await handle.stat().then((s) => ({ size: s.size, isFile: s.isFile() }));
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
  return new LimitError(`${label}: larger than the input size limit (maxInputBytes = ${Math.round(limits.maxBytes / MiB)} MiB)`);
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Strict UTF-8: invalid sequences fail instead of becoming U+FFFD; a BOM is kept and so refused. */
export function decodeUtf8(bytes: Uint8Array, label: string): string {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch (e) {
    if (e instanceof RangeError) throw new LimitError(`${label}: too large to decode as one string`);
    throw new InputError(`${label}: not valid UTF-8 text`);
  }
  if (text.charCodeAt(0) === 0xfeff) throw new InputError(`${label}: starts with a byte-order mark; expected plain UTF-8 JSON`);
  return text;
}

/**
 * The deepest nesting of arrays and objects in JSON text, stopping early past the limit.
 * Run before JSON.parse so a million-level document fails with a clear limit, not a crash.
 */
export function checkDepth(text: string, label: string, maxDepth: number): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) throw new LimitError(`${label}: nested deeper than the limit (maxDepth = ${maxDepth})`);
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
}

/** Exactly one JSON document (JSON.parse already refuses trailing content). */
export function parseJson(text: string, label: string, maxDepth: number): unknown {
  if (text.trim() === "") throw new InputError(`${label}: empty input`);
  checkDepth(text, label, maxDepth);
  try {
    return JSON.parse(text);
  } catch {
    // V8's message quotes the input; ours must not.
    throw new InputError(`${label}: not a single valid JSON document (truncated, malformed or concatenated)`);
  }
}
