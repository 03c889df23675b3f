// Property and fuzz tests over the real fixtures (issue §2), in-process for speed: mutated
// documents are either read or refused with a GuardError (never another exception), documents
// made invalid are always refused, and reordering steps, resources or keys never changes a
// verdict. The case count and time are printed at the end.
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { evaluateChangeSet } from "../../src/check.js";
import { PolicyEvaluator } from "../../src/engine/evaluate.js";
import { GuardError } from "../../src/errors.js";
import type { ChangeSet } from "../../src/model/changeset.js";
import { readChangeSet } from "../../src/readers/index.js";
import { DEFAULT_LIMITS } from "../../src/readers/bytes.js";
import { objects, random, reencode, removeRequired, shuffle, shuffleKeys, withDeepMember, withDuplicateKey } from "./mutate.js";
import { canaryState, deletePreview, fixtureText, type Json, removeTmp } from "./support.js";

const evaluator = new PolicyEvaluator();
let cases = 0;
const started = performance.now();
afterAll(() => {
  evaluator.close();
  removeTmp();
  console.log(`fuzz: ${cases} cases in ${((performance.now() - started) / 1000).toFixed(1)} s`);
});

interface Doc {
  name: string;
  text: string;
  events: boolean;
}
const corpus: Doc[] = [
  "state/stratify-sample-export.json",
  "state/awsx-ts-ecr-repo-stack-export.json",
  "state/pulumi-checkpoint-secrets.json",
  "preview/stratify-sample-preview-creates.json",
  "plans/aws-openzfs-upgrade-plan.json",
  "events/TestMultipleProtectedDeletes-1-preview.jsonl",
  "events/TestDBRProtect-2.jsonl",
  "events/TestAliases-t1-new-t2-new-parent-preview.jsonl",
].map((name) => ({ name, text: fixtureText(name), events: name.endsWith(".jsonl") }));
const docArb = fc.constantFrom(...corpus);
const seedArb = fc.integer();
const encoder = new TextEncoder();

function read(bytes: Uint8Array | string): ChangeSet {
  cases++;
  return readChangeSet(typeof bytes === "string" ? encoder.encode(bytes) : bytes, "fuzz", { limits: DEFAULT_LIMITS });
}
/** Read or refused with a GuardError: anything else thrown fails the property. */
function readOrRefuse(bytes: Uint8Array | string): ChangeSet | null {
  try {
    return read(bytes);
  } catch (e) {
    if (e instanceof GuardError) return null;
    throw e;
  }
}
function expectRefusal(bytes: Uint8Array | string): void {
  expect(readOrRefuse(bytes)).toBeNull();
}

const lines = (d: Doc) => d.text.split("\n").filter((l) => l.trim() !== "");
/** Applies a mutation of parsed JSON to the document, or to one line of an event stream. */
function mutateJson(d: Doc, rnd: () => number, edit: (v: Json) => string | null): string | null {
  if (!d.events) return edit(JSON.parse(d.text));
  const ls = lines(d);
  const i = Math.floor(rnd() * ls.length);
  const edited = edit(JSON.parse(ls[i]!));
  if (edited === null) return null;
  ls[i] = edited;
  return ls.join("\n") + "\n";
}

describe("fuzz: mutated real fixtures", () => {
  it("refuses every truncation that cuts into the document", () => {
    fc.assert(
      fc.property(docArb, fc.double({ min: 0, max: 1, noNaN: true }), (d, at) => {
        // An event stream is whole once its summary is in (a cancel event may follow it).
        const end = d.events ? d.text.indexOf("\n", d.text.indexOf('"summaryEvent"')) : d.text.trimEnd().length;
        expectRefusal(d.text.slice(0, Math.min(end - 1, Math.floor(at * end))));
      }),
      { numRuns: 2000 },
    );
  });

  it("reads or refuses byte flips and inserted bytes, never anything else", () => {
    fc.assert(
      fc.property(docArb, fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 }), fc.boolean()), { minLength: 1, maxLength: 4 }), (d, edits) => {
        let bytes = encoder.encode(d.text);
        for (const [at, byte, insert] of edits) {
          const i = Math.floor(at * (bytes.length - 1));
          bytes = insert ? new Uint8Array([...bytes.subarray(0, i), byte, ...bytes.subarray(i)]) : bytes.map((b, j) => (j === i ? byte : b));
        }
        readOrRefuse(bytes);
      }),
      { numRuns: 3000 },
    );
  });

  it("refuses a duplicated key in any object", () => {
    fc.assert(
      fc.property(docArb, seedArb, (d, seed) => {
        const rnd = random(seed);
        const text = mutateJson(d, rnd, (v) => withDuplicateKey(v, Math.floor(rnd() * objects(v).filter((o) => Object.keys(o).length > 0).length)));
        expectRefusal(text!);
      }),
      { numRuns: 1500 },
    );
  });

  it("refuses nesting deeper than 1,000 levels anywhere", () => {
    fc.assert(
      fc.property(docArb, seedArb, fc.integer({ min: 1001, max: 3000 }), (d, seed, depth) => {
        const rnd = random(seed);
        expectRefusal(mutateJson(d, rnd, (v) => withDeepMember(v, rnd, depth))!);
      }),
      { numRuns: 500 },
    );
  });

  it("refuses every other encoding of the same document", () => {
    fc.assert(
      fc.property(docArb, fc.integer({ min: 0, max: 4 }), (d, which) => expectRefusal(reencode(d.text, which))),
      { numRuns: 500 },
    );
  });

  it("refuses a document missing a field its kind requires", () => {
    fc.assert(
      fc.property(docArb, seedArb, (d, seed) => {
        const rnd = random(seed);
        if (d.events) {
          // Without its summary the stream was cut short; without an op or URN a step is unreadable.
          const ls = lines(d);
          const pre = ls.map((l, i) => [l, i] as const).filter(([l]) => l.includes('"resourcePreEvent"'));
          const [line, i] = pre[Math.floor(rnd() * pre.length)]!;
          const event = JSON.parse(line);
          delete event.resourcePreEvent.metadata[rnd() < 0.5 ? "op" : "urn"];
          const edited = rnd() < 0.3 ? ls.filter((l) => !l.includes('"summaryEvent"')) : ls.map((l, j) => (j === i ? JSON.stringify(event) : l));
          expectRefusal(edited.join("\n") + "\n");
        } else {
          const v = JSON.parse(d.text);
          if (removeRequired(v, rnd)) expectRefusal(JSON.stringify(v));
        }
      }),
      { numRuns: 1500 },
    );
  });
});

describe("properties: order never changes a verdict", () => {
  const state = canaryState();
  const n = state.deployment.resources.length;
  type Decision = { verdict: string; findings: string[] };
  async function decide(text: string): Promise<Decision> {
    const { report } = await evaluateChangeSet(read(text), "order", { evaluator });
    return { verdict: report.verdict, findings: report.findings.map((f) => `${f.policy} ${f.urn} ${f.kind} ${f.level} ${f.message}`) };
  }
  const baseline = new Map<string, Decision>();
  async function decideOnce(text: string): Promise<Decision> {
    if (!baseline.has(text)) baseline.set(text, await decide(text));
    return baseline.get(text)!;
  }

  it("decides a preview the same with its steps and keys shuffled", async () => {
    // A handful of delete sets with protect flags, each shuffled many ways.
    const deletes = fc.subarray([...Array(n).keys()], { maxLength: 6 });
    const docs = fc.tuple(deletes, fc.subarray([...Array(n).keys()], { maxLength: 3 })).map(([del, prot]) =>
      deletePreview(canaryState(), del, (r, i) => prot.includes(i) && (r.protect = true)),
    );
    await fc.assert(
      fc.asyncProperty(docs, seedArb, async (preview, seed) => {
        const rnd = random(seed);
        const original = await decideOnce(JSON.stringify(preview));
        const shuffled = shuffleKeys({ ...preview, steps: shuffle(preview.steps, rnd) }, rnd);
        expect(await decide(JSON.stringify(shuffled))).toEqual(original);
      }),
      { numRuns: 500 },
    );
  }, 300_000);

  it("decides every fixture the same with its resources and keys shuffled", async () => {
    await fc.assert(
      fc.asyncProperty(docArb, seedArb, async (d, seed) => {
        const rnd = random(seed);
        const original = await decideOnce(d.text);
        let text: string;
        if (d.events) text = lines(d).map((l) => JSON.stringify(shuffleKeys(JSON.parse(l), rnd))).join("\n") + "\n";
        else {
          const v = JSON.parse(d.text);
          const resources = v.deployment?.resources ?? v.checkpoint?.latest?.resources;
          if (resources) resources.splice(0, resources.length, ...shuffle(resources, rnd));
          if (v.steps) v.steps = shuffle(v.steps, rnd);
          text = JSON.stringify(shuffleKeys(v, rnd));
        }
        expect(await decide(text)).toEqual(original);
      }),
      { numRuns: 1000 },
    );
  }, 300_000);
});
