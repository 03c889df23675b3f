// `blastguard audit --stacks` and `--all-stacks` through the real pulumi CLI (.tools/bin, built by
// the install script) on a local file backend: two stacks imported from recorded states.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, runCli } from "../support/paths.js";
import { scenario } from "../support/scenarios.js";

const pulumi = join(repoRoot, ".tools", "bin", "pulumi");
const tmp = mkdtempSync(join(tmpdir(), "blastguard-stacks-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const project = join(tmp, "project");


describe.skipIf(!existsSync(pulumi))("audit of named stacks", () => {
  beforeAll(() => {
    // The CLI under test finds `pulumi` on PATH, as users run it; the backend is a local folder.
    process.env.PATH = `${join(repoRoot, ".tools", "bin")}:${process.env.PATH}`;
    process.env.PULUMI_HOME = join(tmp, "home");
    process.env.PULUMI_CONFIG_PASSPHRASE = "not-a-secret";
    process.env.PULUMI_SKIP_UPDATE_CHECK = "1";
    process.env.PULUMI_BACKEND_URL = `file://${join(tmp, "backend")}`;
    mkdirSync(join(tmp, "backend"), { recursive: true });
    mkdirSync(project, { recursive: true });
    writeFileSync(join(project, "Pulumi.yaml"), "name: blastguard-infra\nruntime: nodejs\n");
    for (const [stack, recorded] of [["prod", "incident-site-ids-as-app-ids"], ["staging", "add-tenant"]] as const) {
      const file = join(tmp, `${stack}.json`);
      writeFileSync(file, readFileSync(scenario(recorded, "state.json"), "utf8").replaceAll("urn:pulumi:prod::", `urn:pulumi:${stack}::`));
      execFileSync(pulumi, ["stack", "init", stack, "--non-interactive"], { cwd: project, stdio: "ignore" });
      execFileSync(pulumi, ["stack", "import", "--file", file, "--non-interactive"], { cwd: project, stdio: "ignore" });
    }
  });

  it("exports each named stack and judges it as its exported file would be", () => {
    const r = runCli(["audit", "--stacks", "prod,staging", "--format", "json"], { cwd: project });
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.stacks.map((s: { target: { id: string; kind: string } }) => s.target)).toEqual([
      { id: "prod", kind: "stack" },
      { id: "staging", kind: "stack" },
    ]);
    const fromFile = JSON.parse(runCli(["audit", join(tmp, "prod.json"), "--format", "json"]).stdout);
    const prod = report.stacks.find((s: { target: { id: string } }) => s.target.id === "prod");
    expect(prod.report.findings).toEqual(fromFile.stacks[0].report.findings);
  });

  it("finds every stack with --all-stacks", () => {
    const r = runCli(["audit", "--all-stacks", "--format", "json"], { cwd: project });
    const ids = JSON.parse(r.stdout).stacks.map((s: { target: { id: string } }) => s.target.id);
    expect(ids).toEqual(["prod", "staging"]);
  });

  it("exits 2 for a stack pulumi cannot export, naming the command and no output of it", () => {
    const r = runCli(["audit", "--stacks", "prod,no-such-stack"], { cwd: project });
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/\? pulumi stack export --stack no-such-stack exited \d+/);
  });
});
