// The CLI's manners: suggestions for typos, help per command, one-line errors for files that
// are not there or are folders, findings ordered by severity with a legend, colour rules,
// --quiet, and no stack trace when the reader of a pipe goes away.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cliPath, repoRoot, runCli } from "../support/paths.js";
import { scenario } from "../support/scenarios.js";

const dir = mkdtempSync(join(tmpdir(), "blastguard-manners-"));
const table = ["check", scenario("unprotect-and-replace-table", "preview.json"), "--state", scenario("unprotect-and-replace-table", "state.json")];

function runWithEnv(args: string[], env: NodeJS.ProcessEnv) {
  const clean = { ...process.env };
  delete clean.NO_COLOR;
  delete clean.FORCE_COLOR;
  const r = spawnSync(process.execPath, [cliPath, ...args], { cwd: repoRoot, env: { ...clean, ...env }, encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("typos", () => {
  it("suggests the nearest option for a mistyped flag", () => {
    const r = runCli(["check", "x.json", "--stat", "s.json"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('blastguard: error: unknown option "--stat" for check (did you mean --state?); run blastguard help check\n');
  });

  it("suggests the nearest command", () => {
    const r = runCli(["chekc", "x.json"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('blastguard: error: unknown command "chekc" (did you mean "check"?); run blastguard --help\n');
  });

  it("suggests nothing for a word far from every option", () => {
    const r = runCli(["check", "x.json", "--zzzzzzzz"]);
    expect(r.stderr).toBe('blastguard: error: unknown option "--zzzzzzzz" for check; run blastguard help check\n');
  });
});

describe("help", () => {
  it("help check prints the check options, not the main help", () => {
    const r = runCli(["help", "check"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: blastguard check <file\.\.\.> \[options\]/);
    expect(r.stdout).toContain("--state");
    expect(r.stdout).toContain("--quiet");
    expect(r.stdout).toBe(runCli(["check", "--help"]).stdout);
  });

  it("every command has its own help, and the main help lists them all", () => {
    const main = runCli(["--help"]).stdout;
    for (const command of ["check", "preview", "policies", "init"]) {
      expect(main).toContain(`  ${command} `);
      expect(runCli(["help", command]).stdout).toMatch(new RegExp(`^Usage: blastguard ${command} `));
    }
  });
});

describe("files that cannot be read", () => {
  it("a directory as input is a one-line error, exit 2", () => {
    const r = runCli(["check", dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`blastguard: error: ${dir}: is a directory, not a file\n`);
  });

  it("a directory as --state is a one-line error, exit 2", () => {
    const r = runCli(["check", scenario("add-tenant", "preview.json"), "--state", dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`blastguard: error: ${dir}: is a directory, not a file\n`);
  });

  it("a missing input says so", () => {
    const r = runCli(["check", join(dir, "nope.json")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`blastguard: error: ${join(dir, "nope.json")}: no such file\n`);
  });

  it("a missing config file says it is missing", () => {
    const r = runCli(["check", scenario("add-tenant", "preview.json"), "--config", join(dir, "blastguard.yaml")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`blastguard: error: ${join(dir, "blastguard.yaml")}: config file not found\n`);
  });
});

describe("the text report", () => {
  it("lists policies most severe first, then by id, after a one-line legend", () => {
    const r = runCli(table);
    expect(r.status).toBe(1);
    const headers = r.stdout.split("\n").filter((l) => /^[a-z-]+: .* \[(critical|high|medium|low)\]$/.test(l));
    // read from the recorded change: three critical policies and one high one fire
    expect(headers.map((h) => h.split(":")[0])).toEqual(["data-protect", "protected-delete", "unprotect-and-delete", "data-cloud-deletion-protection"]);
    const lines = r.stdout.split("\n");
    expect(lines.indexOf("  markers: x blocks, ! warning, ? could not decide (blocks), ~ overridden")).toBeLessThan(lines.indexOf(headers[0]!));
  });

  it("--quiet prints the verdict line only, with the same exit code", () => {
    const full = runCli(table);
    const quiet = runCli([...table, "--quiet"]);
    expect(quiet.status).toBe(full.status);
    expect(quiet.stdout).toBe(full.stdout.split("\n")[0] + "\n");
  });

  it("colours only when asked: FORCE_COLOR on a pipe, never with NO_COLOR, not on a pipe by default", () => {
    expect(runWithEnv(table, {}).stdout).not.toContain("\u001b[");
    const forced = runWithEnv(table, { FORCE_COLOR: "1" }).stdout;
    expect(forced).toContain("\u001b[31mBLOCKED\u001b[0m");
    expect(runWithEnv(table, { FORCE_COLOR: "1", NO_COLOR: "1" }).stdout).not.toContain("\u001b[");
    expect(runWithEnv([...table, "--out-text", join(dir, "out.txt")], { FORCE_COLOR: "1" }).status).toBe(1);
  });
});

describe("a closed pipe", () => {
  it("stops quietly when the reader goes away (| head), keeping the verdict's exit code", async () => {
    const file = scenario("incident-site-ids-as-app-ids", "preview.json");
    // 20 JSON reports are far more than a pipe buffer holds, so the writes hit the closed pipe
    const child = spawn(process.execPath, [cliPath, "check", ...Array(20).fill(file), "--state", scenario("incident-site-ids-as-app-ids", "state.json"), "--format", "json"], { cwd: repoRoot });
    let stderr = "";
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    child.stdout.once("data", () => child.stdout.destroy());
    const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).toBe("");
    expect(status).toBe(1);
  });
});
