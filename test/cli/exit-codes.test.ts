import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixture, runCli } from "../support/paths.js";

const tmp = mkdtempSync(join(tmpdir(), "blastguard-cli-"));
function file(name: string, content: string | Buffer): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

describe("blastguard check exit codes", () => {
  it("exits 1 on a preview that deletes two protected resources, naming both", () => {
    const r = runCli(["check", fixture("events/TestMultipleProtectedDeletes-1-preview.jsonl")]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^blastguard: BLOCKED/);
    expect(r.stdout).toContain("urn:pulumi:test::test::pkgA:m:typA::resA");
    expect(r.stdout).toContain("urn:pulumi:test::test::pkgA:m:typA::resB");
    expect(r.stdout).toContain("protected-delete");
  });

  it("exits 0 on a preview that only creates; its untagged bucket is customer data by default and warned about", () => {
    const r = runCli(["check", fixture("preview/stratify-sample-preview-creates.json")]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^blastguard: ALLOWED: 0 violations, 3 warnings/);
    expect(r.stdout).toContain("docs holds customer data and is not protected");
    expect(r.stdout).toContain("customer data by default");
  });

  it("exits 1 on the same preview once its bucket is tagged as customer data", () => {
    const creates = JSON.parse(readFileSync(fixture("preview/stratify-sample-preview-creates.json"), "utf8")) as {
      steps: { urn: string; newState: { inputs?: Record<string, unknown> } }[];
    };
    const bucket = creates.steps.find((s) => s.urn.endsWith("aws:s3/bucket:Bucket::docs"))!;
    bucket.newState.inputs = { ...bucket.newState.inputs, tags: { "blastguard:data-class": "customer" } };
    const r = runCli(["check", file("tagged.json", JSON.stringify(creates))]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^blastguard: BLOCKED: 3 violations/);
  });

  const preview = JSON.parse(
    // a real digest, edited in memory only for the bad-input cases below
    readFileSync(fixture("preview/stratify-sample-preview-creates.json"), "utf8"),
  ) as { steps: { op: string }[] };
  const state = readFileSync(fixture("state/stratify-sample-export.json"), "utf8") as string;

  const undecidable: [string, () => string][] = [
    ["an empty file", () => file("empty.json", "")],
    ["truncated JSON", () => file("truncated.json", state.slice(0, Math.floor(state.length / 2)))],
    ["two JSON documents back to back", () => file("two.json", state + state)],
    ["a top-level JSON array", () => file("array.json", "[]")],
    ["a state with version 99", () => file("v99.json", JSON.stringify({ ...JSON.parse(state), version: 99 }))],
    ["a step with an unknown op", () => file("op.json", JSON.stringify({ ...preview, steps: [{ ...preview.steps[1], op: "obliterate" }] }))],
  ];
  for (const [name, make] of undecidable) {
    it(`exits 2 with one line and no input bytes on ${name}`, () => {
      const r = runCli(["check", make()]);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(/^blastguard: error: /);
      expect(r.stderr).not.toContain("docs-32c8f2c");
      expect(r.stderr).not.toContain("urn:pulumi");
    });
  }

  it("reads standard input", () => {
    const r = runCli(["check", "-"], { input: state });
    expect(r.status).toBe(0); // its one bucket is untagged: customer data by default, warned about
    expect(r.stdout).toMatch(/^blastguard: ALLOWED: 0 violations, 3 warnings/);
    expect(r.stdout).toContain("standard input (state, 17 resources");
  });
});
