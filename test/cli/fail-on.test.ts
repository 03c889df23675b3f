// --fail-on: what makes exit 1. Advisory enforcement turns the protected deletes of the real
// preview into warnings, which pass by default and block with --fail-on warning.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixture, runCli } from "../support/paths.js";

const preview = fixture("events/TestMultipleProtectedDeletes-1-preview.jsonl");
const config = join(mkdtempSync(join(tmpdir(), "blastguard-fail-on-")), "blastguard.yaml");
writeFileSync(config, "version: 1\npolicies:\n  protected-delete: { enforcement: advisory }\n");

describe("blastguard check --fail-on", () => {
  it("exits 0 on warnings by default", () => {
    const r = runCli(["check", preview, "--config", config]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^blastguard: ALLOWED: 0 violations, 2 warnings/);
  });

  it("exits 1 on the same warnings with --fail-on warning, and every format says blocked", () => {
    const dir = mkdtempSync(join(tmpdir(), "blastguard-fail-on-out-"));
    const out = (name: string) => join(dir, name);
    const r = runCli([
      "check", preview, "--config", config, "--fail-on", "warning",
      "--out-json", out("r.json"), "--out-markdown", out("r.md"), "--out-github", out("r.txt"), "--out-sarif", out("r.sarif"), "--out-junit", out("r.xml"),
    ]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^blastguard: BLOCKED: 0 violations, 2 warnings/);
    const { reports } = JSON.parse(readFileSync(out("r.json"), "utf8")) as { reports: { verdict: string; failOn: string }[] };
    expect(reports.map((x) => [x.verdict, x.failOn])).toEqual([["blocked", "warning"]]);
    const markdown = readFileSync(out("r.md"), "utf8");
    expect(markdown).toContain("blastguard: blocked");
    expect(markdown).not.toContain("✅");
    expect(readFileSync(out("r.txt"), "utf8")).toContain("::error title=blastguard%3A blocked::");
    expect(readFileSync(out("r.sarif"), "utf8")).toContain('"verdict": "blocked"');
    expect(readFileSync(out("r.xml"), "utf8")).toContain('<property name="verdict" value="blocked"/>');
  });

  it("exits 1 on violations with --fail-on violation", () => {
    expect(runCli(["check", preview, "--fail-on", "violation"]).status).toBe(1);
  });

  it("exits 2 on an unknown --fail-on level", () => {
    const r = runCli(["check", preview, "--fail-on", "error"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("blastguard: error: --fail-on must be one of violation, warning\n");
  });
});
