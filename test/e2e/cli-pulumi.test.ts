// `blastguard preview` and `blastguard check --stack` with the real Pulumi CLI: the guard runs
// pulumi itself (preview with a saved plan, stack export) in the project's folder, on a stack of
// the infra/ program on a file backend, and the kept plan is applied with `pulumi up --plan`.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TenantsFile } from "../../infra/model.js";
import type { Report } from "../../src/model/report.js";
import { cliPath } from "../support/paths.js";
import { Sandbox, STACK, baselineTenants, run, type Run } from "./sandbox.js";

let sandbox: Sandbox;
let baseline: string;
let statePath: string;
const tenantsFile: Record<string, string> = {};

function withNewTenant(model: TenantsFile): TenantsFile {
  const site = { id: "site-50", name: "Hooli Palo Alto", decommissioning: false, apps: [{ id: "app-500", name: "search", decommissioning: false, recordsKey: "id", bucketReplication: true }] };
  return { tenants: [...model.tenants, { id: "tenant-hooli", name: "Hooli", decommissioning: false, sites: [site] }] };
}

/** blastguard run in the Pulumi project's folder, with the sandbox's Pulumi environment. */
function guard(args: string[], options: { tenants?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  const env = { ...sandbox.env, ...(options.tenants ? { BLASTGUARD_TENANTS_FILE: options.tenants } : {}), ...options.env };
  return run(process.execPath, [cliPath, ...args], { cwd: sandbox.project, env });
}

function reportsOf(r: Run): Report[] {
  if (!r.stdout) throw new Error(`blastguard exited ${r.status} without a report: ${r.stderr.slice(0, 500)}`);
  return (JSON.parse(r.stdout) as { reports: Report[] }).reports;
}

const findings = (report: Report) => report.findings.map((f) => `${f.policy} ${f.level} ${f.urn}: ${f.message}`).sort();

beforeAll(async () => {
  sandbox = await new Sandbox().init();
  const model = baselineTenants();
  baseline = sandbox.tenants(model);
  await sandbox.pulumi(["up", "--yes", "--skip-preview"], { tenants: baseline });
  statePath = sandbox.file("state.json", (await sandbox.pulumi(["stack", "export"])).stdout);
  tenantsFile["add"] = sandbox.tenants(withNewTenant(model));
  tenantsFile["remove-protected"] = sandbox.tenants({ tenants: model.tenants.filter((t) => t.id !== "tenant-globex") });
});

afterAll(() => sandbox?.remove());

describe("blastguard check --stack", () => {
  let preview: string;
  beforeAll(async () => {
    preview = sandbox.file("remove.preview.json", (await sandbox.pulumi(["preview", "--json"], { tenants: tenantsFile["remove-protected"]!, allowFailure: true })).stdout);
  });

  it("exports the selected stack itself and decides exactly as with --state and the exported file", async () => {
    const withFile = await guard(["check", preview, "--state", statePath, "--format", "json"]);
    const withStack = await guard(["check", preview, "--stack", "--format", "json"]);
    expect(withStack.stderr).toBe("");
    const [fromFile] = reportsOf(withFile);
    const [fromStack] = reportsOf(withStack);
    expect(fromStack!.input.withPriorState).toBe(true);
    expect(findings(fromStack!)).toEqual(findings(fromFile!));
    expect(fromStack!.findings.some((f) => f.policy === "protected-delete")).toBe(true);
    expect(withStack.status).toBe(1);
    expect(withFile.status).toBe(1);
  });

  it("exports a stack named by its full reference", async () => {
    const r = await guard(["check", preview, `--stack=organization/blastguard-infra/${STACK}`, "--format", "json"]);
    expect(reportsOf(r)[0]!.input.withPriorState).toBe(true);
    expect(r.status).toBe(1);
  });

  it("is a one-line error, exit 2, when the stack does not exist", async () => {
    const r = await guard(["check", preview, "--stack=organization/blastguard-infra/nope"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^blastguard: error: pulumi stack export \(stack organization\/blastguard-infra\/nope\) exited \d+: [^\n]+\n$/);
  });

  it("says so when pulumi is not on PATH", async () => {
    const r = await guard(["check", preview, "--stack"], { env: { PATH: dirname(process.execPath) } });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^blastguard: error: the pulumi CLI was not found on PATH[^\n]*\n$/);
  });

  it("says so when pulumi is not logged in", async () => {
    const r = await guard(["check", preview, "--stack"], { env: { PULUMI_HOME: mkdtempSync(join(tmpdir(), "blastguard-nologin-")) } });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^blastguard: error: pulumi stack export \(the selected stack\) exited \d+: pulumi is not logged in: run `pulumi login`[^\n]*\n$/);
  });
});

describe("blastguard init --stack", () => {
  it("guesses the scope levels from the selected stack's export", async () => {
    const dir = mkdtempSync(join(tmpdir(), "blastguard-init-e2e-"));
    const r = await guard(["init", "--dir", dir, "--stack"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("scope levels from pulumi stack export (the selected stack): tenant (blastguard:tenant) > site (blastguard:site) > app (blastguard:app)");
  });
});

describe("blastguard preview", () => {
  it("checks the preview and the saved plan beside the exported state, keeps the plan, and pulumi up --plan applies it", async () => {
    const r = await guard(["preview", "--format", "json"], { tenants: tenantsFile["add"]! });
    const plan = join(sandbox.project, "blastguard-plan.json");
    expect(r.stderr).toBe(`blastguard: plan kept at ${plan}; apply exactly what was checked: pulumi up --plan ${plan}\n`);
    const reports = reportsOf(r);
    expect(reports.map((x) => [x.input.label, x.input.format, x.input.withPriorState, x.verdict])).toEqual([
      ["pulumi preview --json", "preview", true, "allowed"],
      [plan, "plan", true, "allowed"],
    ]);
    expect(r.status).toBe(0);
    expect(JSON.parse(readFileSync(plan, "utf8"))).toHaveProperty("resourcePlans");
    const up = await sandbox.pulumi(["up", "--yes", "--skip-preview", "--plan", plan], { tenants: tenantsFile["add"]! });
    expect(up.stdout).toContain("tenant-hooli");
  });

  it("passes pulumi's own arguments after --, and blocks a preview that fails on protected deletes, saving no plan", async () => {
    const r = await guard(["preview", "--plan", "remove.plan.json", "--", "--suppress-outputs"], { tenants: tenantsFile["remove-protected"]! });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^blastguard: BLOCKED/);
    expect(r.stdout).toContain("protected-delete");
    expect(r.stderr).toMatch(/^blastguard: pulumi preview exited 1 and saved no plan; only its JSON digest was checked\n$/);
    expect(existsSync(join(sandbox.project, "remove.plan.json"))).toBe(false);
  });

  it("hands the arguments after -- to pulumi preview as they are", async () => {
    const r = await guard(["preview", "--", "--no-such-preview-flag"], { tenants: tenantsFile["add"]! });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^blastguard: error: pulumi preview \(the selected stack\) exited \d+ without a JSON digest: [^\n]+\n$/);
  });

  it("is a one-line error, exit 2, outside a Pulumi project", async () => {
    const r = await guard(["preview", "--cwd", sandbox.dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^blastguard: error: pulumi stack export \(the selected stack\) exited \d+: [^\n]+\n$/);
  });
});
