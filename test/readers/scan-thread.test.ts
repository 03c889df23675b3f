// The two-thread read (hash and text scans in a second thread) must refuse every bad input the
// one-thread read refuses, with the same message, wherever in the document the fault sits, and
// read good inputs to the same ChangeSet. `parallelAboveBytes` picks the path.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { syntheticPreview } from "../../src/bench/generate.js";
import { DEFAULT_LIMITS, readChangeSet } from "../../src/readers/index.js";
import { newInputBuffer, PARALLEL_ABOVE_BYTES, threadScanCount } from "../../src/readers/scan-thread.js";
import { fixture } from "../support/paths.js";

const oneThread = (bytes: Uint8Array) => readChangeSet(bytes, "input", { limits: DEFAULT_LIMITS, parallelAboveBytes: Infinity });
const twoThreads = (bytes: Uint8Array) => readChangeSet(bytes, "input", { limits: DEFAULT_LIMITS, parallelAboveBytes: 0 });

function messageOf(read: () => unknown): string {
  try {
    read();
  } catch (e) {
    return (e as Error).message;
  }
  return "accepted";
}

const base = syntheticPreview(60);
const encode = (text: string) => new TextEncoder().encode(text);

/** The index of the first, middle or last occurrence of a needle. */
function at(text: string, needle: string, where: Where): number {
  const found: number[] = [];
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) found.push(i);
  expect(found.length).toBeGreaterThan(2);
  return found[where === "first" ? 0 : where === "middle" ? found.length >> 1 : found.length - 1]!;
}
type Where = "first" | "middle" | "last";
const replaceAt = (needle: string, by: string, where: Where) => {
  const i = at(base, needle, where);
  return encode(base.slice(0, i) + by + base.slice(i + needle.length));
};

const faults: [string, RegExp, (where: Where) => Uint8Array][] = [
  ["a repeated key", /an object has the same key twice/, (w) => replaceAt('"op": "same"', '"op": "same", "op": "delete"', w)],
  ["nesting deeper than the limit", /nested deeper than the limit/, (w) => replaceAt('"team": "platform"', `"team": ${"[".repeat(1001)}${"]".repeat(1001)}`, w)],
  ["a lone surrogate escape", /lone UTF-16 surrogate/, (w) => replaceAt('"team": "platform"', '"team": "\\ud800x"', w)],
  ["invalid UTF-8", /not valid UTF-8/, (w) => {
    const bytes = replaceAt('"team": "platform"', '"team": "plXtform"', w);
    bytes[bytes.indexOf(0x58, at(base, '"team": "platform"', w))] = 0xff;
    return bytes;
  }],
  ["a document cut short there", /not a single valid JSON document/, (w) => encode(base.slice(0, at(base, '"team": "platform"', w) + 12))],
  ["a NUL byte", /not a single valid JSON document/, (w) => replaceAt('"team": "platform"', '"team": "plat\u0000form"', w)],
];

describe("the two-thread read refuses what the one-thread read refuses", () => {
  for (const [name, expected, make] of faults) {
    for (const where of ["first", "middle", "last"] as const) {
      it(`${name} in the ${where} step`, () => {
        const bytes = make(where);
        const before = threadScanCount();
        const two = messageOf(() => twoThreads(bytes));
        expect(two).toMatch(expected);
        expect(two).toBe(messageOf(() => oneThread(bytes)));
        // Refused inputs end the read before it asks the thread, except the ones found by the scans.
        if (/same key|surrogate|nested/.test(name)) expect(threadScanCount()).toBe(before + 1);
      });
    }
  }

  it("refuses a byte-order mark and a second document the same way", () => {
    for (const bytes of [encode("\ufeff" + base), encode(base + base), encode(base + "\nUpdate plan written to x")]) {
      expect(messageOf(() => twoThreads(bytes))).toBe(messageOf(() => oneThread(bytes)));
      expect(messageOf(() => twoThreads(bytes))).not.toBe("accepted");
    }
  });

  it("names no input bytes in its messages", () => {
    const bytes = replaceAt('"team": "platform"', '"team": "canary-secret\\udfff"', "middle");
    expect(messageOf(() => twoThreads(bytes))).toMatch(/lone UTF-16 surrogate/);
    expect(messageOf(() => twoThreads(bytes))).not.toMatch(/canary/);
  });
});

describe("good inputs read the same on both paths", () => {
  it("a preview: the same ChangeSet, its digest the bytes' sha256", () => {
    const bytes = encode(base);
    const before = threadScanCount();
    const two = twoThreads(bytes);
    expect(threadScanCount()).toBe(before + 1);
    expect(two).toEqual(oneThread(bytes));
    expect(two.source.digest).toBe("sha256:" + createHash("sha256").update(bytes).digest("hex"));
  });

  it("after reads refused before they asked the thread (their answers are left over)", () => {
    const cut = encode(base.slice(0, base.length >> 1));
    expect(messageOf(() => twoThreads(cut))).toMatch(/not a single valid JSON document/);
    expect(messageOf(() => twoThreads(new Uint8Array([0xff, ...encode(base)])))).toMatch(/not valid UTF-8/);
    const good = encode(base.replace('"team": "platform"', '"team": "other"'));
    expect(twoThreads(good)).toEqual(oneThread(good));
  });

  it("an event stream and a stack export", () => {
    for (const rel of ["events/TestDeleteBeforeReplace--0-0.jsonl", "state/pulumi-checkpoint-v4.json"]) {
      const bytes = new Uint8Array(readFileSync(fixture(rel)));
      expect(twoThreads(bytes)).toEqual(oneThread(bytes));
    }
  });

  it("large inputs are read into shared memory, small ones are not", () => {
    expect(newInputBuffer(PARALLEL_ABOVE_BYTES).buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(newInputBuffer(PARALLEL_ABOVE_BYTES - 1).buffer).toBeInstanceOf(ArrayBuffer);
  });
});
