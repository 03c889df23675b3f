// What the audit writes, through the real CLI: every stack's verdict agrees with the exit code
// under --fail-on in every format; the full results the workers spill to disk and read back are
// exactly the reports `check` gives for the same files, and nothing is left on disk; and audit
// and merge parse their options with the CLI's command table.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeFleet } from "../../src/bench/fleet.js";
import { cliPath, fixture, repoRoot, runCli } from "../support/paths.js";
import { scenario } from "../support/scenarios.js";

const tmp = mkdtempSync(join(tmpdir(), "blastguard-audit-outputs-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// A real fixture whose one bucket is untagged: customer data by default, only warned about.
const warningOnly = fixture("state/stratify-sample-export.json");
// Real fixture stacks with no customer data and no findings at all.
const clean = fixture("state/pulumi-checkpoint-v3.json");

interface JsonStack {
  target: { id: string };
  report: { verdict: string; failOn: string; summary: { warnings: number } } | null;
}

describe("audit --fail-on", () => {
  it("the stack with only a warning is allowed by default and exits 0", () => {
    const r = runCli(["audit", warningOnly, clean, "--format", "json"]);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.summary.verdict).toBe("allowed");
    expect(report.stacks.find((s: JsonStack) => s.target.id === warningOnly).report).toMatchObject({ verdict: "allowed", failOn: "violation" });
  });

  it("with --fail-on warning, that stack is blocked in every format, the clean one is not, and the audit exits 1", () => {
    const out = (f: string) => join(tmp, `fail-on.${f}`);
    const r = runCli(["audit", warningOnly, clean, "--fail-on", "warning", "--out-json", out("json"), "--out-markdown", out("md"), "--out-sarif", out("sarif"), "--out-junit", out("xml")]);
    expect(r.status).toBe(1);
    // text: the headline and the stack's row
    expect(r.stdout).toMatch(/^blastguard audit: BLOCKED: 1 of 2 stacks need attention/);
    const row = (text: string, id: string) => text.split("\n").find((l) => l.includes(id))!;
    expect(row(r.stdout, warningOnly)).toMatch(/ blocked /);
    expect(row(r.stdout, clean)).toMatch(/ allowed /);
    // json: the stack's own report, its summary row and the fleet's verdict
    const json = JSON.parse(readFileSync(out("json"), "utf8"));
    const stack = json.stacks.find((s: JsonStack) => s.target.id === warningOnly);
    expect(stack.report).toMatchObject({ verdict: "blocked", failOn: "warning" });
    expect(stack.report.summary.warnings).toBeGreaterThan(0);
    expect(json.summary.stacks.find((s: { stack: string }) => s.stack === warningOnly)).toMatchObject({ verdict: "blocked", warningsOnly: 1 });
    expect(json.summary.verdict).toBe("blocked");
    // markdown
    const md = readFileSync(out("md"), "utf8");
    expect(md).toMatch(/^❌ \*\*blastguard audit: blocked\*\*/);
    expect(row(md, warningOnly)).toMatch(/\| blocked \|/);
    // sarif: the fleet's verdict
    expect(JSON.parse(readFileSync(out("sarif"), "utf8")).runs[0].properties.verdict).toBe("blocked");
    // junit: the stack's suite
    const xml = readFileSync(out("xml"), "utf8");
    const suite = xml.slice(xml.indexOf(`<testsuite name="blastguard: ${warningOnly}"`));
    expect(suite).toMatch(/^[^]*?<property name="verdict" value="blocked"\/>/);
  });

  it("merge judges with its own --fail-on: shards audited with --fail-on warning merge to the unsharded audit with it", () => {
    const fleet = join(tmp, "fleet");
    writeFleet(fleet, 6);
    writeFileSync(join(fleet, "warning-only.json"), readFileSync(warningOnly));
    const whole = runCli(["audit", fleet, "--fail-on", "warning", "--format", "json"]);
    expect(whole.status).toBe(1);
    const parts = [1, 2].map((i) => {
      const file = join(tmp, `warn-shard-${i}.json`);
      runCli(["audit", fleet, "--shard", `${i}/2`, "--fail-on", "warning", "--out-json", file]);
      return file;
    });
    const merged = runCli(["merge", ...parts, "--fail-on", "warning", "--format", "json"]);
    expect(merged.status).toBe(1);
    expect(merged.stdout).toBe(whole.stdout);
    // The same shards merged without it: the warning-only stack is allowed again.
    const relaxed = JSON.parse(runCli(["merge", ...parts, "--format", "json"]).stdout);
    expect(relaxed.stacks.find((s: JsonStack) => s.target.id.endsWith("warning-only.json")).report.verdict).toBe("allowed");
  });

  it("a stack that could not be judged makes the fleet undecided (exit 2) even beside a blocked stack", () => {
    const incident = scenario("incident-site-ids-as-app-ids", "state.json");
    const broken = join(tmp, "broken.json");
    writeFileSync(broken, "{");
    const r = runCli(["audit", incident, broken, "--format", "json"]);
    expect(r.status).toBe(2);
    const report = JSON.parse(r.stdout);
    expect(report.summary.verdict).toBe("undecided");
    expect(report.stacks.find((s: JsonStack) => s.target.id === incident).report.verdict).toBe("blocked");
  });
});

describe("audit results kept on disk", () => {
  it("are exactly the reports check gives for the same files, and the audit leaves nothing behind", () => {
    const fleet = join(tmp, "same-as-check");
    const files = writeFleet(fleet, 18); // every recorded scenario and fixture state, once or more
    const ownTmp = mkdtempSync(join(tmp, "tmpdir-"));
    const r = spawnSync(process.execPath, [cliPath, "audit", ...files, "--format", "json", "--workers", "2"], {
      cwd: repoRoot,
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, TMPDIR: ownTmp },
    });
    expect([0, 1]).toContain(r.status);
    expect(readdirSync(ownTmp)).toEqual([]);
    const audit = JSON.parse(r.stdout);
    const check = JSON.parse(runCli(["check", ...files, "--format", "json"]).stdout);
    expect(audit.stacks).toHaveLength(files.length);
    for (const stack of audit.stacks as JsonStack[]) {
      expect(stack.report).toEqual(check.reports.find((c: { input: { label: string } }) => c.input.label === stack.target.id));
    }
  });
});

describe("audit and merge on the CLI's command table", () => {
  it("suggest the nearest option, and have help in the one help style", () => {
    const typo = runCli(["audit", "x.json", "--workr", "2"]);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toBe('blastguard: error: unknown option "--workr" for audit (did you mean --workers?); run blastguard help audit\n');
    expect(runCli(["merge", "a.json", "--fail-of", "warning"]).stderr).toMatch(/did you mean --fail-on\?\); run blastguard help merge/);
    const help = runCli(["help", "audit"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toBe(runCli(["audit", "--help"]).stdout);
    expect(help.stdout).toMatch(/^Usage: blastguard audit /);
    expect(help.stdout).toMatch(/\n {6}--workers +<n> +stacks judged in parallel/);
    expect(help.stdout).toMatch(/\nFormats:\n {2}text /);
    expect(runCli(["help", "merge"]).stdout).toMatch(/^Usage: blastguard merge /);
    expect(runCli(["--help"]).stdout).toMatch(/\n {2}audit +the customer-data posture of a fleet of stacks\n {2}merge /);
  });

  it("refuse bad values with one-line errors", () => {
    expect(runCli(["audit", "x.json", "--workers", "0"]).stderr).toBe("blastguard: error: --workers must be a whole number from 1 to 999\n");
    expect(runCli(["audit", "x.json", "--format", "html"]).stderr).toMatch(/^blastguard: error: --format must be one of text, json, markdown, sarif, junit\n$/);
    expect(runCli(["audit", "x.json", "--shard", "3/2"]).status).toBe(2);
    expect(runCli(["merge"]).stderr).toBe("blastguard: error: merge needs the JSON reports of every shard\n");
  });
});
