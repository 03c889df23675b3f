// Issue §3: the same input gives byte-identical reports in every format of the formats table
// (new formats are covered as they are added), and neither key order nor step order changes
// what the report says.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatNames } from "../../src/report/formats.js";
import { fixture, runCli } from "../support/paths.js";
import { random, shuffle, shuffleKeys } from "./mutate.js";
import { canaryState, deletePreview, file, fixtureText, tmp, type Json, removeTmp } from "./support.js";

const json = (v: unknown) => JSON.stringify(v, null, 4);
afterAll(removeTmp);
const protectedPreview = deletePreview(canaryState(), [2, 4, 15], (r, i) => i === 2 && (r.protect = true));
const inputs: [string, string][] = [
  ["a blocked preview with a protected delete", file("det-preview.json", json(protectedPreview))],
  ["a stack export", file("det-state.json", json(canaryState()))],
  ["an event stream with two protected deletes", fixture("events/TestMultipleProtectedDeletes-1-preview.jsonl")],
  ["an update plan", fixture("plans/aws-openzfs-upgrade-plan.json")],
];

/** One CLI run writing every format of the table to files; returns each format's bytes. */
function renderAll(path: string, run: string): Record<string, string> & { status: string } {
  const out = (f: string) => join(tmp, `${run}.${f}`);
  const r = runCli(["check", path, ...formatNames.flatMap((f) => [`--out-${f}`, out(f)])]);
  expect(r.status, r.stderr).not.toBe(2);
  return { status: String(r.status), ...Object.fromEntries(formatNames.map((f) => [f, readFileSync(out(f), "utf8")])) };
}

describe("determinism", () => {
  for (const [what, path] of inputs) {
    it(`renders ${what} byte for byte the same twice, in every format`, () => {
      const first = renderAll(path, "first");
      const second = renderAll(path, "second");
      expect(Object.keys(first)).toEqual(["status", ...formatNames]);
      for (const f of formatNames) expect(second[f], f).toBe(first[f]);
      expect(second.status).toBe(first.status);
    });
  }

  it("writes the same bytes to stdout with --format as to --out-<format>", () => {
    const path = inputs[0]![1];
    const files = renderAll(path, "out");
    for (const f of formatNames) expect(runCli(["check", path, "--format", f]).stdout, f).toBe(files[f]);
  });

  it("reports the same with the steps and every object's keys in another order", () => {
    const report = (path: string): Json => {
      const r = runCli(["check", path, "--format", "json"]);
      const parsed = JSON.parse(r.stdout);
      for (const rep of parsed.reports) {
        delete rep.input.digest; // of the bytes, by design
        delete rep.input.label; // the file name
      }
      return { status: r.status, parsed };
    };
    const original = report(inputs[0]![1]);
    for (const seed of [1, 2, 3]) {
      const rnd = random(seed);
      const shuffled = shuffleKeys({ ...protectedPreview, steps: shuffle(protectedPreview.steps, rnd) }, rnd);
      expect(report(file(`shuffled-${seed}.json`, json(shuffled)))).toEqual(original);
    }
  });

  it("reports an event stream the same with every event's keys in another order", () => {
    const text = fixtureText("events/TestMultipleProtectedDeletes-1-preview.jsonl");
    const rnd = random(7);
    const shuffled = text.trimEnd().split("\n").map((l) => JSON.stringify(shuffleKeys(JSON.parse(l), rnd))).join("\n") + "\n";
    const a = JSON.parse(runCli(["check", inputs[2]![1], "--format", "json"]).stdout).reports[0];
    const b = JSON.parse(runCli(["check", file("shuffled-events.jsonl", shuffled), "--format", "json"]).stdout).reports[0];
    expect(b.findings).toEqual(a.findings);
    expect(b.verdict).toBe(a.verdict);
  });
});
