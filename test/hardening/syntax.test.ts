// Bad-input classes 1-3, 6-8, 14 and 25 (../shared/docs/BAD-INPUTS.md): bytes that are not one
// clean JSON document. Each goes through the real CLI and through check(): exit 2 / GuardError,
// one line, no input bytes, no canary.
import { afterAll, describe, expect, it } from "vitest";
import { PolicyEvaluator } from "../../src/engine/evaluate.js";
import { InputError, LimitError } from "../../src/errors.js";
import { readChangeSet } from "../../src/readers/index.js";
import { DEFAULT_LIMITS } from "../../src/readers/bytes.js";
import { canaryState, CANARY, deletePreview, expectRefused, expectSameDecision, fixtureJson, fixtureText, type Json, removeTmp } from "./support.js";

const evaluator = new PolicyEvaluator();
afterAll(() => {
  evaluator.close();
  removeTmp();
});

const state = JSON.stringify(canaryState(), null, 4); // no trailing newline: every cut is inside
const events = fixtureText("events/TestMultipleProtectedDeletes-1-preview.jsonl");
const utf8 = (s: string) => new TextEncoder().encode(s);

function nested(depth: number): string {
  return "[".repeat(depth) + "]".repeat(depth);
}
/** The canary state with a raw JSON fragment spliced in as one bucket output. */
function withOutput(key: string, rawValue: string): string {
  return state.replace('"outputs": {', `"outputs": {\n"${key}": ${rawValue},`);
}

describe("class 1: truncated input", () => {
  const stringStart = state.indexOf('"', state.indexOf(CANARY) - 40) + 1;
  const arrayStart = state.indexOf('"resources": [') + 15;
  const cuts: [string, string][] = [
    ["at 0 bytes", ""],
    ["inside a string", state.slice(0, stringStart + 3)],
    ["inside an array", state.slice(0, arrayStart + 200)],
    ["one byte short", state.slice(0, -1)],
    ["one byte short of an event stream", events.trimEnd().slice(0, -1)],
  ];
  for (const [name, content] of cuts) {
    it(`refuses a state truncated ${name}`, async () => {
      await expectRefused("truncated.json", content, evaluator, { says: /empty input|not a single valid JSON document|no summary event/ });
    });
  }
});

describe("class 2: concatenated or prefixed documents", () => {
  const cases: [string, string][] = [
    ["two JSON documents back to back", state + state],
    ["two documents on one line each", JSON.stringify(canaryState()) + "\n" + JSON.stringify(canaryState()) + "\n"],
    ["a document followed by `Update plan written to`", state + "\nUpdate plan written to plan.json\n"],
    ["`Installing policy pack` lines before the document", "Installing policy pack aws-guard 1.0.0...\n" + state],
    ["`Installing policy pack` lines before an event stream", "Installing policy pack aws-guard 1.0.0...\n" + events],
    ["an event stream with a text line after its summary", events + "Update plan written to plan.json\n"],
  ];
  for (const [name, content] of cases) {
    it(`refuses ${name}`, async () => {
      await expectRefused("concatenated.json", content, evaluator, { says: /not a single valid JSON document/ });
    });
  }
});

describe("class 3: empty, whitespace or a top-level scalar", () => {
  const cases: [string, string, RegExp][] = [
    ["empty", "", /empty input/],
    ["whitespace", " \n\t\r\n ", /empty input/],
    ["null", "null", /top-level JSON value is not an object/],
    ["[]", "[]", /top-level JSON value is not an object/],
    ['"…"', `"${CANARY}"`, /top-level JSON value is not an object/],
    ["42", "42", /top-level JSON value is not an object/],
    ["{}", "{}", /not a Pulumi preview/],
  ];
  for (const [name, content, says] of cases) {
    it(`refuses a document that is ${name}`, async () => {
      await expectRefused("scalar.json", content, evaluator, { says });
    });
  }
});

describe("class 6: encoding", () => {
  const bytes = utf8(state);
  const at = state.indexOf(CANARY);
  const withByte = (b: number[]) => new Uint8Array([...bytes.subarray(0, at), ...b, ...bytes.subarray(at)]);
  const utf16 = (bom: boolean) => new Uint8Array([...(bom ? [0xff, 0xfe] : []), ...Buffer.from(state, "utf16le")]);
  const cases: [string, Uint8Array, RegExp][] = [
    ["an invalid UTF-8 byte (0xFF) inside a secret", withByte([0xff]), /not valid UTF-8/],
    ["a cut multi-byte sequence", withByte([0xe2, 0x82]), /not valid UTF-8/],
    ["a UTF-8 byte-order mark", new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]), /byte-order mark/],
    ["a UTF-16LE file with its BOM", utf16(true), /not valid UTF-8/],
    ["a UTF-16LE file without a BOM", utf16(false), /not a single valid JSON document/],
    ["a raw NUL byte inside a string", withByte([0x00]), /not a single valid JSON document/],
    ["a NUL byte between tokens", new Uint8Array([...bytes.subarray(0, 1), 0x00, ...bytes.subarray(1)]), /not a single valid JSON document/],
  ];
  for (const [name, content, says] of cases) {
    it(`refuses ${name}`, async () => {
      await expectRefused("encoding.json", content, evaluator, { says });
    });
  }
});

describe("class 7: lone surrogates and malformed escapes", () => {
  const cases: [string, string, RegExp][] = [
    ["a lone high surrogate in a URN", state.replace("::docs", "::docs\\ud800"), /lone UTF-16 surrogate/],
    ["a lone low surrogate in an output no policy reads", withOutput("note", '"\\udc00x"'), /lone UTF-16 surrogate/],
    ["a lone surrogate in an object key", withOutput('\\ud800', "1"), /lone UTF-16 surrogate/],
    ["a malformed \\u12 escape", withOutput("note", '"\\u12"'), /not a single valid JSON document/],
  ];
  for (const [name, content, says] of cases) {
    it(`refuses ${name}`, async () => {
      await expectRefused("surrogate.json", content, evaluator, { says });
    });
  }

  it("accepts a proper surrogate pair (an emoji written as two escapes)", async () => {
    await expectSameDecision("pair.json", withOutput("note", '"\\ud83d\\ude00"'), state, evaluator);
  });
});

describe("class 8: nesting depth", () => {
  it("passes 300 levels inside a tag value the policies read", async () => {
    const deep = state.replace('"team": "docs"', `"team": "docs", "deep": ${nested(300)}`);
    const report = await expectSameDecision("deep-300.json", deep, state, evaluator);
    expect(report.input.resources).toBe(17);
  });
  for (const depth of [5_000, 1_000_000]) {
    it(`refuses ${depth.toLocaleString("en")} levels, naming the limit`, async () => {
      await expectRefused(`deep-${depth}.json`, withOutput("deep", nested(depth)), evaluator, { says: /maxDepth = 1000/ });
    });
  }
  it("refuses 1,001 levels in one line of an event stream", async () => {
    const lines = events.split("\n");
    lines[1] = lines[1]!.replace(/^\{/, `{"deep": ${nested(1001)},`);
    await expectRefused("deep-events.jsonl", lines.join("\n"), evaluator, { says: /line 2: nested deeper than the limit \(maxDepth = 1000\)/ });
  });
  it("refuses above a lower configured limit and reads with the default", () => {
    const deep = utf8(withOutput("deep", nested(400)));
    expect(() => readChangeSet(deep, "x", { limits: { ...DEFAULT_LIMITS, maxDepth: 300 } })).toThrow(LimitError);
    expect(readChangeSet(deep, "x", { limits: DEFAULT_LIMITS }).resources).toHaveLength(17);
  });
});

describe("class 14: duplicate JSON keys", () => {
  const preview = JSON.stringify(deletePreview(canaryState(), [2]), null, 4);
  it("refuses two op keys in one step (last-wins would hide the delete)", async () => {
    await expectRefused("dup-op.json", preview.replace('"op": "delete",', '"op": "delete", "op": "same",'), evaluator, { says: /same key twice/ });
  });
  it("refuses a duplicate key spelled with an escape", async () => {
    await expectRefused("dup-escaped.json", preview.replace('"op": "delete",', '"op": "delete", "\\u006fp": "same",'), evaluator, { says: /same key twice/ });
  });
  it("refuses the same URN twice in resourcePlans when the first entry deletes", async () => {
    const plan: Json = fixtureJson("plans/aws-openzfs-upgrade-plan.json");
    const entries = Object.entries(plan.resourcePlans as Record<string, Json>).map(([urn, rp]) => `${JSON.stringify(urn)}: ${JSON.stringify(rp)}`);
    const [first] = Object.keys(plan.resourcePlans);
    entries.unshift(`${JSON.stringify(first)}: ${JSON.stringify({ steps: ["delete"] })}`);
    const text = JSON.stringify({ ...plan, resourcePlans: "@" }).replace('"@"', `{${entries.join(",")}}`);
    await expectRefused("dup-plan.json", text, evaluator, { says: /same key twice/ });
  });
  it("refuses a duplicate key in one line of an event stream", async () => {
    const text = events.replace('"op":"delete"', '"op":"delete","op":"same"');
    expect(text).not.toBe(events);
    await expectRefused("dup-events.jsonl", text, evaluator, { says: /line \d+: an object has the same key twice/ });
  });
  it("accepts the same key in sibling objects", () => {
    expect(readChangeSet(utf8(preview), "x", { limits: DEFAULT_LIMITS }).resources).toHaveLength(17);
  });
});

describe("class 25: error messages quote no input bytes", () => {
  const faults: [string, string][] = [
    ["an unquoted canary where a value belongs", withOutput("leak", CANARY)],
    ["a canary string left open at the end", state.slice(0, state.indexOf(CANARY) + CANARY.length)],
    ["a canary followed by a stray brace", withOutput("leak", `"${CANARY}" }`)],
    ["a canary key without a value", withOutput(CANARY, "")],
    ["a canary as a bare word after the document", `${state}\n${CANARY}`],
  ];
  for (const [name, content] of faults) {
    it(`says nothing of the input for ${name}`, async () => {
      await expectRefused("leak.json", content, evaluator);
    });
  }

  it("wraps V8's SyntaxError, whose message would quote the input", () => {
    const text = withOutput("leak", CANARY);
    expect(() => JSON.parse(text)).toThrow(new RegExp(CANARY.slice(0, 6)));
    expect(() => readChangeSet(utf8(text), "leak.json", { limits: DEFAULT_LIMITS })).toThrow(InputError);
  });
});
