// A run the engine says failed is never a pass: the guard names the engine's errors and cannot
// decide (exit 2), unless a certain violation blocks anyway (exit 1). A failed preview that only
// refuses protected deletions still lists every step, so it is judged as before.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { gunzipSync } from "node:zlib";
import { fixture, repoRoot, runCli } from "../support/paths.js";
import { scenario } from "../support/scenarios.js";

const tmp = mkdtempSync(join(tmpdir(), "blastguard-engine-failure-"));
const write = (name: string, text: string) => {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
};
const engineFinding = (stdout: string) => stdout.split("\n").find((l) => l.includes("the engine")) ?? "";

describe("engine failures", () => {
  // Real engine event streams (pulumi's own lifecycle tests) whose run failed on a resource.
  const failedStreams: [string, RegExp][] = [
    ["TestTargetDestroyDeleteFails-1.jsonl", /the engine failed with 1 error \(on resA\)/],
    ["TestPendingReplaceResumeWithSameGoals-1.jsonl", /the engine failed with 1 error \(on resA\)/],
    ["TestDestroyTargetWithChildren-a-no-target-dependents-preview.jsonl", /the engine failed with 6 errors \(on D, G, H, I, K and 1 more\)/],
    ["display-failed-update-delete-replaced.jsonl", /the engine says the run failed without naming why/],
  ];
  for (const [name, message] of failedStreams) {
    it(`exits 2 on the failed run ${name}, naming the engine's errors`, () => {
      const r = runCli(["check", fixture(`events/${name}`)]);
      expect(r.status).toBe(2);
      expect(r.stdout).toMatch(/^blastguard: UNDECIDED/);
      expect(engineFinding(r.stdout)).toMatch(message);
      expect(r.stdout).toContain("engine-error: The Pulumi engine reported an error");
    });
  }

  it("exits 2 on the recorded preview of a program that stopped on an invalid tenants file (scripts/record-engine-cases.sh)", () => {
    const recorded = gunzipSync(readFileSync(`${repoRoot}test/verdict/recorded/program-threw.preview.json.gz`));
    const r = runCli(["check", write("program-threw.json", recorded.toString("utf8"))]);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/^blastguard: UNDECIDED/);
    expect(engineFinding(r.stdout)).toContain("the engine failed with 1 error (1 not about a resource)");
    expect(r.stdout).not.toContain("invalid tenants file"); // the engine's text is never quoted
  });

  it("exits 2 on a recorded preview edited to carry a program error (the program threw)", () => {
    const digest = JSON.parse(readFileSync(scenario("add-tenant", "preview-sames.json"), "utf8")) as { diagnostics?: unknown[] };
    digest.diagnostics = [
      ...(digest.diagnostics ?? []),
      { message: "error: TypeError: Cannot read properties of undefined (reading 'sites')\n", severity: "error" },
      { message: "error: preview failed\n", severity: "error" },
    ];
    const r = runCli(["check", write("threw.json", JSON.stringify(digest))]);
    expect(r.status).toBe(2);
    expect(engineFinding(r.stdout)).toContain("the engine failed with 1 error (1 not about a resource)");
    expect(r.stdout).not.toContain("TypeError"); // the engine's text is never quoted
  });

  it("exits 2 on a digest with no steps and an error", () => {
    const r = runCli(["check", write("empty.json", JSON.stringify({ steps: [], diagnostics: [{ message: "error: an unhandled error occurred\n", severity: "error" }], changeSummary: {} }))]);
    expect(r.status).toBe(2);
    expect(engineFinding(r.stdout)).toContain("the engine failed with 1 error");
  });

  it("exits 2 on a real event stream edited to end with an error diagnostic and maybeCorrupt", () => {
    const lines = readFileSync(fixture("events/TestDestroyExcludeTarget-1.jsonl"), "utf8").trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, any>);
    const summary = lines.findIndex((l) => l.summaryEvent);
    lines[summary]!.summaryEvent.maybeCorrupt = true;
    lines.splice(summary, 0, { sequence: 999, timestamp: 1, diagnosticEvent: { message: "the provider crashed", color: "raw", severity: "error" } });
    const r = runCli(["check", write("corrupt.jsonl", lines.map((l) => JSON.stringify(l)).join("\n") + "\n")]);
    expect(r.status).toBe(2);
    expect(engineFinding(r.stdout)).toContain("the engine failed with 1 error");
  });

  it("exits 2 on maybeCorrupt alone", () => {
    const lines = readFileSync(fixture("events/TestDestroyExcludeTarget-1.jsonl"), "utf8").trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, any>);
    lines.find((l) => l.summaryEvent)!.summaryEvent.maybeCorrupt = true;
    const r = runCli(["check", write("maybe.jsonl", lines.map((l) => JSON.stringify(l)).join("\n") + "\n")]);
    expect(r.status).toBe(2);
    expect(engineFinding(r.stdout)).toContain("without naming why");
  });

  it("still decides a recorded failed preview that only refuses protected deletes (exit 1, no engine finding)", () => {
    const r = runCli(["check", scenario("delete-protected-site", "preview.json"), "--state", scenario("delete-protected-site", "state.json")]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^blastguard: BLOCKED/);
    expect(r.stdout).not.toContain("engine-error");
    expect(r.stdout).toContain("engine: Pulumi itself refused 3 protected deletions");
  });

  it("blocks (exit 1) when a certain violation sits beside the engine's error, listing both", () => {
    const r = runCli(["check", fixture("events/TestProtect-1-preview-replace-protected.jsonl")]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^blastguard: BLOCKED: 1 violation, 0 warnings, 1 undecided check/);
    expect(r.stdout).toContain("x resA (pkgA:m:typA): replaces resA is protected");
    expect(engineFinding(r.stdout)).toContain("? the change: the engine failed with 1 error (on resA)");
  });

  it("cannot be switched off in the config", () => {
    const config = write("off.yaml", "version: 1\npolicies:\n  engine-error: { enforcement: disabled }\n");
    const r = runCli(["check", fixture("events/TestTargetDestroyDeleteFails-1.jsonl"), "--config", config]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^blastguard: error: .*policies\.engine-error\.enforcement/);
  });
});
