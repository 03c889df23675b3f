// The strict parse counts strings instead of collecting keys: these are the texts where counting
// could go wrong (escaped quotes and backslashes next to a repeated key, whitespace before a
// colon, a repeated key whose value holds no string, `__proto__`), each checked both ways.
import { describe, expect, it } from "vitest";
import { InputError, LimitError } from "../../src/errors.js";
import { parseJson } from "../../src/readers/bytes.js";

const parse = (text: string, maxDepth = 1000) => parseJson(text, "doc", maxDepth);
const refusesRepeatedKey = (text: string) => expect(() => parse(text)).toThrow(/doc: an object has the same key twice/);

describe("a key repeated in one object", () => {
  const repeated: [string, string][] = [
    ["at the top level", '{"op": "same", "op": "delete"}'],
    ["with whitespace before the colons", '{"op" : "same" ,\n "op"\t: "delete"}'],
    ["whose values hold no strings", '{"a": 1, "a": [true, null, {}]}'],
    ["deep in an array of objects", '{"steps": [{"urn": "u1"}, {"urn": "u2", "op": "same", "op": "delete"}]}'],
    ["next to escaped quotes and backslashes", '{"k\\"": "v\\\\", "x": "\\"", "k\\"": "w"}'],
    ["written once escaped and once plain", '{"op": "same", "\\u006fp": "delete"}'],
    ["named __proto__", '{"__proto__": {"a": 1}, "__proto__": {"a": 2}}'],
    ["in one line of many keys", `{${Array.from({ length: 40 }, (_, i) => `"k${i}": ${i}`).join(", ")}, "k7": 0}`],
  ];
  for (const [name, text] of repeated) it(`is refused ${name}`, () => refusesRepeatedKey(text));

  it("is refused as an InputError that quotes no input", () => {
    expect(() => parse('{"secret-canary": 1, "secret-canary": 2}')).toThrow(InputError);
    expect(() => parse('{"secret-canary": 1, "secret-canary": 2}')).not.toThrow(/canary/);
  });
});

describe("documents that only look repeated are read as JSON.parse reads them", () => {
  const fine = [
    '{"a": "\\"a\\": 1", "b": "a"}',
    '{"a\\\\": 1, "a": 2}',
    '{"\\"": 1, "\\\\": "\\\\\\""}',
    '{"a": {"a": {"a": "a"}}, "b": ["a", "a"]}',
    '{"__proto__": {"polluted": true}}',
    '"just a string"',
    "[1, 2, 3]",
    "42",
  ];
  for (const text of fine) it(`reads ${text}`, () => expect(parse(text)).toEqual(JSON.parse(text)));

  it("leaves Object.prototype alone when a document has a __proto__ key", () => {
    parse('{"__proto__": {"polluted": true}}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("nesting depth", () => {
  const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
  it("reads exactly maxDepth levels and refuses one more, naming the limit", () => {
    expect(parse(nested(300), 300)).toEqual(JSON.parse(nested(300)));
    expect(() => parse(nested(301), 300)).toThrow(LimitError);
    expect(() => parse(`{"a": {"b": ${nested(299)}}}`, 300)).toThrow(/maxDepth = 300/);
  });
  it("refuses a million levels with the limit, not a stack overflow", () => {
    expect(() => parse(nested(1_000_000))).toThrow(/nested deeper than the limit \(maxDepth = 1000\)/);
  });
});
