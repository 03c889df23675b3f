// Bytes in, one ChangeSet out: decode strictly, detect the format from the content (or take the
// forced one), parse it with that format's schema, and merge a prior state given beside it.
import { createHash } from "node:crypto";
import { InputError } from "../errors.js";
import type { ChangeSet, InputFormat } from "../model/changeset.js";
import { decodeUtf8, parseJson, type ReadLimits } from "./bytes.js";
import { scanText } from "./scan.js";
import { readEvents } from "./events.js";
import { readPlan } from "./plan.js";
import { readPreview } from "./preview.js";
import { PARALLEL_ABOVE_BYTES, scanInThread } from "./scan-thread.js";
import { readState } from "./state.js";

export { decidingTags, mergePriorState, type MergeOptions } from "./prior.js";
export { DEFAULT_LIMITS, readFileLimited, readStreamLimited, type ReadLimits } from "./bytes.js";

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A first line that is a whole engine event means JSON Lines. */
function looksLikeEventStream(text: string): boolean {
  const end = text.indexOf("\n");
  if (end < 0 || end === text.trimEnd().length) return false;
  const first = text.slice(0, end).trim();
  if (!first.startsWith("{") || !first.endsWith("}")) return false;
  try {
    const v = JSON.parse(first);
    return isObject(v) && ("sequence" in v || "timestamp" in v);
  } catch {
    return false;
  }
}

// The key that marks each single-document format. A document with two of them is ambiguous.
const formatKeys = [
  ["resourcePlans", "plan"],
  ["steps", "preview"],
  ["deployment", "state"],
  ["checkpoint", "checkpoint"],
] as const;

function detect(doc: Record<string, unknown>, label: string): InputFormat | null {
  const found = formatKeys.filter(([key]) => Object.hasOwn(doc, key)).map(([, format]) => format);
  if (found.length > 1) throw new InputError(`${label}: ambiguous input: it has the marks of a ${found.join(" and a ")}`);
  return found[0] ?? null;
}

export interface ReadOptions {
  limits: ReadLimits;
  /** Forces the format instead of detecting it; a mismatch is an error, never a guess. */
  format?: InputFormat | undefined;
  /** From this many bytes on, hash and scan in a second thread (default 8 MiB; tests use 0 to test that path). */
  parallelAboveBytes?: number | undefined;
}

const sha256 = (bytes: Uint8Array) => "sha256:" + createHash("sha256").update(bytes).digest("hex");

export function readChangeSet(bytes: Uint8Array, label: string, options: ReadOptions): ChangeSet {
  // Only bytes: JSON text as a string, an ArrayBuffer or a parsed object would skip the checks.
  if (!(bytes instanceof Uint8Array)) throw new InputError(`${label}: expected the input as bytes (a Uint8Array)`);
  const inThread = bytes.byteLength >= (options.parallelAboveBytes ?? PARALLEL_ABOVE_BYTES) ? scanInThread(bytes) : null;
  const text = decodeUtf8(bytes, label);
  const { maxDepth } = options.limits;
  let format: InputFormat | null;
  let doc: unknown;
  if (looksLikeEventStream(text)) {
    format = "events";
    doc = text.split("\n").filter((l) => l.trim() !== "").map((l, i) => parseJson(l, `${label} line ${i + 1}`, maxDepth));
  } else {
    doc = parseJson(text, label, maxDepth, inThread ? () => inThread()?.scan ?? scanText(text) : undefined);
    if (!isObject(doc)) throw new InputError(`${label}: the top-level JSON value is not an object`);
    format = detect(doc, label);
  }
  if (format === null) throw new InputError(`${label}: not a Pulumi preview, event stream, plan, stack export or checkpoint`);
  if (options.format && options.format !== format) {
    throw new InputError(`${label}: expected a ${options.format} but the content is a ${format}`);
  }
  const digest = inThread?.()?.digest ?? sha256(bytes);
  switch (format) {
    case "preview":
      return readPreview(doc, label, digest);
    case "events":
      return readEvents(doc as unknown[], label, digest);
    case "plan":
      return readPlan(doc, label, digest);
    case "state":
    case "checkpoint":
      return readState(doc, label, digest, format);
  }
}
