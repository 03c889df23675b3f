// `blastguard audit` on recorded states and real fixtures, through the real CLI: the counts come
// from reading the state files themselves, and every way a fleet can be misread exits 2.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import AjvDraft04 from "ajv-draft-04";
import ajvFormats from "ajv-formats";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fixture, runCli } from "../support/paths.js";
import { scenario } from "../support/scenarios.js";
import { largeState } from "../hardening/scale.js";

const tmp = mkdtempSync(join(tmpdir(), "blastguard-audit-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// The SARIF 2.1.0 schema as Microsoft's SARIF SDK ships it (as in test/report/sarif.test.ts).
const require = createRequire(import.meta.url);
const sarifSchema = JSON.parse(readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8")) as object;
const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
ajvFormats.default(ajv);
const validateSarif = ajv.compile(sarifSchema);

interface StateResource {
  urn: string;
  type: string;
  protect?: boolean;
  outputs?: { tags?: Record<string, string>; deletionProtectionEnabled?: boolean };
}

/** What the recorded state itself says: its customer-tagged resources, and which lack protect or deletion protection. */
function expectedFromState(path: string) {
  const { deployment } = JSON.parse(readFileSync(path, "utf8")) as { deployment: { resources: StateResource[] } };
  const stores = deployment.resources.filter((r) => r.outputs?.tags?.["blastguard:data-class"] === "customer");
  return {
    stores: stores.length,
    unprotected: stores.filter((r) => r.protect !== true).length,
    noCloudProtection: stores.filter((r) => r.type === "aws:dynamodb/table:Table" && r.outputs?.deletionProtectionEnabled !== true).length,
    tenants: new Map(
      [...new Set(stores.map((r) => r.outputs?.tags?.["blastguard:tenant"] ?? "shared"))].map((t) => [
        t,
        stores.filter((r) => (r.outputs?.tags?.["blastguard:tenant"] ?? "shared") === t).length,
      ]),
    ),
  };
}

const incident = scenario("incident-site-ids-as-app-ids", "state.json");
/** A recorded state under another stack name (every URN renamed), so two recordings can be one fleet. */
function asStack(path: string, stack: string): string {
  const out = join(tmp, `${stack}.json`);
  writeFileSync(out, readFileSync(path, "utf8").replaceAll("urn:pulumi:prod::", `urn:pulumi:${stack}::`));
  return out;
}
const healthy = asStack(scenario("add-tenant", "state.json"), "staging");

function auditJson(args: string[]) {
  const r = runCli(["audit", ...args, "--format", "json"]);
  return { status: r.status, stderr: r.stderr, report: JSON.parse(r.stdout) };
}

describe("blastguard audit", () => {
  it("counts the stores of a recorded stack whose unprotected tenant is visible in its state, per stack and per tenant", () => {
    const want = expectedFromState(incident);
    expect(want.unprotected).toBeGreaterThan(0);
    const { status, report } = auditJson([incident, healthy]);
    expect(status).toBe(1);
    const row = report.summary.stacks.find((s: { stack: string }) => s.stack === incident);
    expect(row).toMatchObject({ verdict: "blocked", stores: want.stores, unprotected: want.unprotected, noCloudProtection: want.noCloudProtection, singleRegion: 0 });
    // Worst first: the blocked stack before the healthy one.
    expect(report.summary.stacks.map((s: { stack: string }) => s.stack)).toEqual([incident, healthy]);
    const healthyWant = expectedFromState(healthy);
    for (const [tenant, stores] of want.tenants) {
      const t = report.summary.tenants.find((x: { tenant: string }) => x.tenant === tenant);
      expect(t).toMatchObject({ stacks: 2, stores: stores + (healthyWant.tenants.get(tenant) ?? 0) });
    }
  });

  it("exits 0 on healthy recorded stacks and real fixture stacks without customer data, and prints no progress bar outside a terminal", () => {
    const r = runCli(["audit", healthy, fixture("state/eks-cluster-large-stack-export.json"), fixture("state/pulumi-checkpoint-v3.json")]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^blastguard audit: ALLOWED: 0 of 3 stacks need attention/);
    expect(r.stderr).toBe("");
  });

  it("counts an untagged fixture bucket (customer data by default) under warnings only, not as unprotected", () => {
    const { status, report } = auditJson([fixture("state/stratify-sample-export.json")]);
    expect(status).toBe(0);
    expect(report.summary.totals).toMatchObject({ stores: 1, unprotected: 0, warningsOnly: 1 });
  });

  it("reports every other stack and exits 2 when one stack of the fleet cannot be read", () => {
    const truncated = join(tmp, "truncated.json");
    writeFileSync(truncated, readFileSync(healthy, "utf8").slice(0, 5000));
    const r = runCli(["audit", incident, truncated]);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain(`  ? ${truncated}:`);
    expect(r.stdout).toMatch(/^blastguard audit: UNDECIDED/);
    expect(r.stdout).toContain(incident);
  });

  it("refuses a preview or plan in the fleet: an audit judges current state only", () => {
    const { status, report } = auditJson([scenario("add-tenant", "preview-sames.json")]);
    expect(status).toBe(2);
    expect(report.stacks[0].error).toMatch(/an audit reads stack exports or checkpoints, not a preview/);
  });

  it("refuses the same stack file named twice (directly and through its folder), which would count its stores twice", () => {
    const dir = mkdtempSync(join(tmp, "fleet-"));
    copyFileSync(healthy, join(dir, "a.json"));
    const r = runCli(["audit", dir, join(dir, "a.json")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/the same file as .*each stack may be audited once/);
  });

  it("gives the same report with one worker and with four", () => {
    const files = [incident, healthy, fixture("state/stratify-sample-export.json"), fixture("state/awsx-ts-lb-simple-stack-export.json")];
    const one = runCli(["audit", ...files, "--workers", "1", "--format", "json"]);
    const four = runCli(["audit", ...files, "--workers", "4", "--format", "json"]);
    expect(four.stdout).toBe(one.stdout);
  });

  it("stops a stack whose evaluation passes evalTimeoutSeconds (exit 2, never a pass) and judges the rest of the fleet on a new worker", () => {
    // Real resources copied to 20,000: its evaluation takes several times 0.1 s, the others' a few ms.
    const large = join(tmp, "large.json");
    writeFileSync(large, largeState(20_000));
    const config = join(tmp, "limit.json");
    writeFileSync(config, JSON.stringify({ limits: { evalTimeoutSeconds: 0.1 } }));
    const { status, report } = auditJson([large, incident, healthy, "--workers", "1", "--config", config]);
    expect(status).toBe(2);
    const stack = (id: string) => report.stacks.find((s: { target: { id: string } }) => s.target.id === id);
    expect(stack(large)).toMatchObject({ report: null, error: expect.stringMatching(/evalTimeoutSeconds = 0\.1\)$/) });
    expect(stack(incident)).toMatchObject({ error: null, report: { verdict: "blocked" } });
    expect(stack(healthy)).toMatchObject({ error: null, report: { verdict: "allowed" } });
  });

  it("refuses two inputs that are the same stack (two recordings of prod), which would count its stores twice", () => {
    const { status, report } = auditJson([incident, scenario("add-tenant", "state.json")]);
    expect(status).toBe(2);
    expect(report.stacks.map((s: { error: string }) => s.error)).toEqual([
      expect.stringMatching(/stack prod::blastguard-infra is given more than once/),
      expect.stringMatching(/stack prod::blastguard-infra is given more than once/),
    ]);
    expect(report.summary.totals.stores).toBe(0);
  });

  it("counts a database set to skip its final snapshot as not restore-ready (SYNTHETIC: an RDS instance added to a recorded state)", () => {
    const state = JSON.parse(readFileSync(healthy, "utf8"));
    const table = state.deployment.resources.find((r: StateResource) => r.type === "aws:dynamodb/table:Table" && r.protect);
    const urn = table.urn.replace("aws:dynamodb/table:Table::", "aws:rds/instance:Instance::").replace(/::[^:]+$/, "::orders-db");
    const outputs = { ...table.outputs, arn: "arn:aws:rds:eu-west-1:123456789012:db:orders-db", deletionProtection: true, skipFinalSnapshot: true };
    state.deployment.resources.push({ ...table, urn, type: "aws:rds/instance:Instance", id: "orders-db", inputs: outputs, outputs });
    const path = join(tmp, "with-rds.json");
    writeFileSync(path, JSON.stringify(state, null, 4));
    const { status, report } = auditJson([path]);
    expect(status).toBe(1);
    expect(report.summary.stacks[0]).toMatchObject({ notRestoreReady: 1, unprotected: 0, noCloudProtection: 0 });
    expect(report.stacks[0].report.findings.find((f: { policy: string; urn: string }) => f.policy === "data-restore-readiness").urn).toBe(urn);
  });

  it("renders markdown with a Mermaid chart whose slices add up to the resources counted", () => {
    const md = runCli(["audit", incident, healthy, "--format", "markdown"]).stdout;
    const slices = [...md.matchAll(/^ {2}"[^"]+" : (\d+)$/gm)].map((m) => Number(m[1]));
    const want = expectedFromState(incident).stores + expectedFromState(healthy).stores;
    expect(md).toContain("```mermaid\npie showData title Customer-data stores in 2 stacks");
    expect(slices.reduce((a, b) => a + b, 0)).toBe(want);
  });

  it("writes SARIF as one run for the fleet whose invocation fails for a stack it could not read, and JUnit that counts it as an error", () => {
    const broken = join(tmp, "broken.json");
    writeFileSync(broken, "{");
    const sarifFile = join(tmp, "audit.sarif");
    const r = runCli(["audit", incident, broken, "--format", "junit", "--out-sarif", sarifFile]);
    expect(r.status).toBe(2);
    const sarif = JSON.parse(readFileSync(sarifFile, "utf8"));
    expect(validateSarif(sarif) ? [] : validateSarif.errors).toEqual([]);
    expect(sarif.runs).toHaveLength(1);
    expect(sarif.runs[0].invocations[0].executionSuccessful).toBe(false);
    expect(sarif.runs[0].invocations[0].toolExecutionNotifications[0].message.text).toContain(broken);
    const unprotected = expectedFromState(incident).unprotected;
    expect(sarif.runs[0].results.filter((x: { ruleId: string; level: string }) => x.ruleId === "data-protect" && x.level === "error")).toHaveLength(unprotected);
    expect(r.stdout).toMatch(/<testsuites name="blastguard" tests="\d+" failures="\d+" errors="1"[ >]/);
  });
});
