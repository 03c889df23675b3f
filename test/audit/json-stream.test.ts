// The streamed JSON writer the audit's json and sarif outputs use: its bytes are exactly
// JSON.stringify's of the whole document, at any depth, for no items, one or many.
import { describe, expect, it } from "vitest";
import { STREAMED, writeJsonStreamingArray } from "../../src/audit/json-stream.js";

function streamed(doc: object, items: unknown[]): string {
  let out = "";
  writeJsonStreamingArray(doc, items.map((i) => JSON.stringify(i, null, 2)), (chunk) => (out += chunk));
  return out;
}

const items = [{ a: 1, b: [1, { c: "x\ny" }], d: {} }, [], "s", null, { e: [[]] }];

describe("writeJsonStreamingArray", () => {
  for (const n of [0, 1, items.length]) {
    it(`writes what JSON.stringify writes, with ${n} item(s), at the top and nested`, () => {
      const some = items.slice(0, n);
      expect(streamed({ head: 1, list: STREAMED, tail: { z: [] } }, some)).toBe(JSON.stringify({ head: 1, list: some, tail: { z: [] } }, null, 2) + "\n");
      const nested = (list: unknown) => ({ $schema: "s", runs: [{ tool: { name: "t" }, results: list, properties: { n: 2 } }] });
      expect(streamed(nested(STREAMED), some)).toBe(JSON.stringify(nested(some), null, 2) + "\n");
    });
  }

  it("refuses a document without the streamed array, or with it twice", () => {
    expect(() => streamed({ a: 1 }, [])).toThrow();
    expect(() => streamed({ a: STREAMED, b: STREAMED }, [])).toThrow();
  });
});
