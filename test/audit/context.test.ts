// --context: a recorded stack split in two, the way platform teams lay it out: a backup stack
// (the AWS Backup vaults, plans, tag-based selections and their IAM role) and a tenant stack
// (the tables, buckets and the rest). The split files are written at test time from the recorded
// state: the same resources and values, each half under its own stack name.
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/paths.js";
import { scenario, syntheticDeletePreview } from "../support/scenarios.js";

const tmp = mkdtempSync(join(tmpdir(), "blastguard-context-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface StateResource {
  urn: string;
  type: string;
  custom?: boolean;
  outputs?: { tags?: Record<string, string>; conditions?: { stringEquals: { key: string; value: string }[] }[] };
}

const recorded = scenario("add-tenant", "state.json");
const isBackup = (r: StateResource) => r.custom === true && /^aws:(backup|iam)\//.test(r.type);
const everywhere = (r: StateResource) => r.custom !== true || r.type.startsWith("pulumi:providers:");

function half(name: string, keep: (r: StateResource) => boolean): { path: string; resources: StateResource[] } {
  const state = JSON.parse(readFileSync(recorded, "utf8").replaceAll("urn:pulumi:prod::", `urn:pulumi:prod-${name}::`));
  state.deployment.resources = (state.deployment.resources as StateResource[]).filter((r) => everywhere(r) || keep(r));
  const path = join(tmp, `${name}.json`);
  writeFileSync(path, JSON.stringify(state, null, 4));
  return { path, resources: state.deployment.resources };
}

const backup = half("backup", isBackup);
const tenants = half("tenants", (r) => !isBackup(r));

/** The tenant tables a selection's tag condition names, read from the two halves. */
function tablesSelectedBy(selectionName: string): string[] {
  const selection = backup.resources.find((r) => r.type === "aws:backup/selection:Selection" && r.urn.endsWith(`::${selectionName}`))!;
  const tenant = selection.outputs!.conditions![0]!.stringEquals.find((c) => c.key === "aws:ResourceTag/blastguard:tenant")!.value;
  return tenants.resources
    .filter((r) => r.type === "aws:dynamodb/table:Table" && r.outputs?.tags?.["blastguard:tenant"] === tenant)
    .map((r) => r.urn)
    .sort();
}

const allTenantTables = ["tenant-acme-tables", "tenant-globex-tables", "tenant-initech-tables"].flatMap(tablesSelectedBy).sort();

function checkJson(args: string[]) {
  const r = runCli(["check", ...args, "--format", "json"]);
  return { status: r.status, stderr: r.stderr, findings: JSON.parse(r.stdout || '{"reports":[{"findings":[]}]}').reports[0].findings as { policy: string; urn: string; level: string }[] };
}
const urnsOf = (findings: { policy: string; urn: string }[], policy: string) => findings.filter((f) => f.policy === policy).map((f) => f.urn).sort();

describe("--context: backups that live in another stack", () => {
  it("alone, the tenant stack's tables have no copy in a second region", () => {
    expect(allTenantTables.length).toBeGreaterThan(0);
    const { status, findings } = checkJson([tenants.path]);
    expect(status).toBe(1);
    expect(urnsOf(findings, "data-multi-location-backup")).toEqual(allTenantTables);
  });

  it("with the backup stack as context, the same tables are covered, and the backup stack is not judged", () => {
    const { status, findings } = checkJson([tenants.path, "--context", backup.path]);
    expect(findings).toEqual([]);
    expect(status).toBe(0);
  });

  it("deleting one tenant's selection in the backup stack, with the tenant stack as context, is a backup teardown of that tenant's tables", () => {
    const change = syntheticDeletePreview(backup.path, (name) => name === "tenant-initech-tables", join(tmp, "delete-selection.json"));
    const alone = checkJson([change]);
    expect(urnsOf(alone.findings, "backup-teardown")).toEqual([]);
    const { status, findings } = checkJson([change, "--context", tenants.path]);
    expect(status).toBe(1);
    expect(urnsOf(findings, "backup-teardown")).toEqual(tablesSelectedBy("tenant-initech-tables"));
    expect(findings.filter((f) => f.policy === "backup-teardown").every((f) => f.level === "error")).toBe(true);
    // Named as the tenant stack names them, so the text report reads like any other finding.
    const text = runCli(["check", change, "--context", tenants.path]).stdout;
    for (const urn of tablesSelectedBy("tenant-initech-tables")) {
      const name = urn.split("::").pop()!;
      expect(text).toContain(`x ${name} (aws:dynamodb/table:Table): ${name} loses its only copy in another location: tenant-initech-tables`);
    }
  });

  it("the audit of the tenant stack alone finds the tables single-region, and with --context finds them covered", () => {
    const alone = JSON.parse(runCli(["audit", tenants.path, "--format", "json"]).stdout);
    expect(alone.summary.totals.singleRegion).toBe(allTenantTables.length);
    const r = runCli(["audit", tenants.path, backup.path, "--context", backup.path, "--format", "json"]);
    expect(r.status).toBe(0);
    const withContext = JSON.parse(r.stdout);
    expect(withContext.summary.totals.singleRegion).toBe(0);
    expect(withContext.context).toEqual([backup.path]);
  });

  it("refuses a context that is the checked stack itself (the same resources from two sources)", () => {
    const r = runCli(["check", tenants.path, "--context", tenants.path]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/shares resources with .*a stack cannot be its own context/);
  });

  it("exits 2 when a context cannot be read, for check and for every stack of an audit", () => {
    const missing = join(tmp, "no-such-stack.json");
    const broken = join(tmp, "broken.json");
    writeFileSync(broken, '{"version": 3, "deployment": ');
    expect(runCli(["check", tenants.path, "--context", broken]).status).toBe(2);
    const audit = runCli(["audit", tenants.path, "--context", broken]);
    expect(audit.status).toBe(2);
    expect(audit.stdout).toContain("--context:");
    // A name that is no file is a stack name: without a pulumi to export it, the check cannot decide.
    const r = runCli(["check", tenants.path, "--context", missing]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("pulumi stack export");
  });
});
