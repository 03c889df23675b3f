// The whole chain with the real Pulumi engine: the infra program, `pulumi up`, previews, saved
// plans and state exports, checked by the policy pack inside `pulumi preview` and by `blastguard
// check` on what the preview writes. One stack is set up once (three tenants up; then tenant-initech
// set to decommissioning in its own update, the first half of the two-phase delete) and every
// case previews a change against it.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TenantsFile } from "../../infra/model.js";
import type { Report } from "../../src/model/report.js";
import { PACK_LAUNCHER, Sandbox, baselineTenants, blastguard, packViolations, type Run } from "./sandbox.js";

const started = Date.now();
let sandbox: Sandbox;
let statePath: string;
const tenantsAfter: Record<string, string> = {};

function withoutTenant(model: TenantsFile, id: string): TenantsFile {
  return { tenants: model.tenants.filter((t) => t.id !== id) };
}

/** The stack after the decommissioning update: tenant-initech's data released, the rest protected. */
function decommissioned(): TenantsFile {
  const model = baselineTenants();
  model.tenants.find((t) => t.id === "tenant-initech")!.decommissioning = true;
  return model;
}

function withNewTenant(model: TenantsFile): TenantsFile {
  const site = { id: "site-50", name: "Hooli Palo Alto", decommissioning: false, apps: [{ id: "app-500", name: "search", decommissioning: false, recordsKey: "id", bucketReplication: true }] };
  return { tenants: [...model.tenants, { id: "tenant-hooli", name: "Hooli", decommissioning: false, sites: [site] }] };
}

interface Preview {
  run: Run;
  plan: string;
  json: string;
}

/** One preview of the change with --json and --save-plan, as CI runs it. */
async function previewJson(name: string): Promise<Preview> {
  const plan = join(sandbox.dir, `${name}.plan.json`);
  const run = await sandbox.pulumi(["preview", "--json", `--save-plan=${plan}`], { tenants: tenantsAfter[name]!, allowFailure: true });
  return { run, plan, json: sandbox.file(`${name}.preview.json`, run.stdout) };
}

const packPreview = (name: string) => sandbox.pulumi(["preview", "--policy-pack", PACK_LAUNCHER], { tenants: tenantsAfter[name]!, allowFailure: true });

async function check(args: string[], input?: string): Promise<{ status: number | null; report: Report }> {
  const r = await blastguard(["check", ...args, "--format", "json"], input);
  if (!r.stdout) throw new Error(`blastguard check exited ${r.status} without a report: ${r.stderr.slice(0, 500)}`);
  const { reports } = JSON.parse(r.stdout) as { reports: Report[] };
  expect(reports).toHaveLength(1);
  return { status: r.status, report: reports[0]! };
}

const open = (report: Report) => report.findings.filter((f) => f.status === "open");
const blocking = (report: Report) => open(report).filter((f) => f.level !== "warning");

beforeAll(async () => {
  sandbox = await new Sandbox().init();
  const model = baselineTenants();
  await sandbox.pulumi(["up", "--yes", "--skip-preview"], { tenants: sandbox.tenants(model) });
  statePath = sandbox.file("state.json", (await sandbox.pulumi(["stack", "export"])).stdout);
  tenantsAfter["add"] = sandbox.tenants(withNewTenant(model));
  tenantsAfter["remove-protected"] = sandbox.tenants(withoutTenant(model, "tenant-globex"));
  console.log(`e2e: stack of three tenants up in ${((Date.now() - started) / 1000).toFixed(1)}s`);
});

afterAll(() => {
  sandbox?.remove();
  console.log(`e2e: all cases in ${((Date.now() - started) / 1000).toFixed(1)}s`);
});

describe("adding a tenant", () => {
  let pack: Run;
  let preview: Preview;
  beforeAll(async () => {
    pack = await packPreview("add");
    preview = await previewJson("add");
  });

  it("passes pulumi preview with the policy pack", () => {
    expect(packViolations(pack.stdout).filter((v) => v.level === "mandatory")).toEqual([]);
    expect(pack.status).toBe(0);
  });

  it("passes blastguard check on the preview, the saved plan and the preview beside the stack export", async () => {
    expect(preview.run.status).toBe(0);
    for (const args of [["-", "--state", statePath], [preview.plan, "--state", statePath], [preview.json, "--state", statePath]]) {
      const { status, report } = await check(args, args[0] === "-" ? preview.run.stdout : undefined);
      expect({ args: args[0] === "-" ? "stdin" : args, blocking: blocking(report).map((f) => `${f.policy}: ${f.message}`) }).toEqual({
        args: args[0] === "-" ? "stdin" : args,
        blocking: [],
      });
      expect(status).toBe(0);
    }
  });
});

describe("removing a tenant whose data is still protected", () => {
  let preview: Preview;
  beforeAll(async () => {
    preview = await previewJson("remove-protected");
  });

  it("fails in the engine itself and saves no plan", () => {
    expect(preview.run.status).not.toBe(0);
    expect(existsSync(preview.plan)).toBe(false);
  });

  it("is still blocked by blastguard check on the failed preview's JSON, naming the protected deletions", async () => {
    const { status, report } = await check(["-", "--state", statePath], preview.run.stdout);
    expect(status).toBe(1);
    const refused = blocking(report).filter((f) => f.policy === "protected-delete").map((f) => f.resourceName);
    // tenant-globex: two apps, each with a protected bucket and table; the tenant's two vaults.
    expect(refused).toEqual(
      expect.arrayContaining(["app-200-data", "app-200-records", "app-201-data", "app-201-records", "tenant-globex-backup"]),
    );
  });
});

describe("removing a tenant whose data was released in an earlier update", () => {
  let pack: Run;
  let configured: Run;
  let preview: Preview;
  beforeAll(async () => {
    // The first half of the two-phase delete, applied in its own update; from here on the stack
    // (and statePath, its export) has tenant-initech's data released.
    const model = decommissioned();
    await sandbox.pulumi(["up", "--yes", "--skip-preview"], { tenants: sandbox.tenants(model) });
    statePath = sandbox.file("state-released.json", (await sandbox.pulumi(["stack", "export"])).stdout);
    tenantsAfter["remove-decommissioned"] = sandbox.tenants(withoutTenant(model, "tenant-initech"));
    pack = await packPreview("remove-decommissioned");
    preview = await previewJson("remove-decommissioned");
    const config = sandbox.file(
      "pack-config.json",
      JSON.stringify({ blastguard: { priorStatePath: statePath }, "tenant-delete-budget": { enforcementLevel: "disabled" }, "bulk-delete": { enforcementLevel: "advisory", maxDeletes: 5 } }),
    );
    configured = await sandbox.pulumi(["preview", "--policy-pack", PACK_LAUNCHER, "--policy-pack-config", config], {
      tenants: tenantsAfter["remove-decommissioned"]!,
      allowFailure: true,
    });
  });

  it("fails pulumi preview with the policy pack's mandatory violations naming the tenant", () => {
    expect(pack.status).not.toBe(0);
    const mandatory = packViolations(pack.stdout).filter((v) => v.level === "mandatory");
    expect(mandatory.some((v) => v.message.includes("tenant-initech"))).toBe(true);
  });

  it("takes --policy-pack-config: the prior state from a file, a policy disabled, a parameter and a level changed", () => {
    const key = (v: { level: string; policy: string; message: string }) => `${v.level} ${v.policy}: ${v.message}`;
    const before = packViolations(pack.stdout);
    const after = packViolations(configured.stdout);
    expect(before.some((v) => v.policy === "tenant-delete-budget")).toBe(true);
    expect(before.some((v) => v.policy === "bulk-delete")).toBe(false);
    // 10 cloud resources deleted (2 more are retained): over maxDeletes 5, reported as advisory.
    expect(after.filter((v) => v.policy === "bulk-delete").map((v) => v.level)).toEqual(["advisory"]);
    expect(after.filter((v) => v.policy !== "bulk-delete").map(key).sort()).toEqual(before.filter((v) => v.policy !== "tenant-delete-budget").map(key).sort());
  });

  it("lets the engine itself through: the preview alone succeeds and saves a plan", () => {
    expect(preview.run.status).toBe(0);
    expect(existsSync(preview.plan)).toBe(true);
  });

  it("blocks `pulumi preview --json | blastguard check - --state <export>` (exit 1), naming the tenant", async () => {
    const { status, report } = await check(["-", "--state", statePath], preview.run.stdout);
    expect(status).toBe(1);
    expect(blocking(report).some((f) => f.message.includes("tenant-initech"))).toBe(true);
  });

  it("blocks the saved plan checked beside the stack export (exit 1)", async () => {
    const { status, report } = await check([preview.plan, "--state", statePath]);
    expect(status).toBe(1);
    expect(blocking(report).some((f) => f.message.includes("tenant-initech"))).toBe(true);
  });

  it("gives the same findings from the preview with the stack export beside it as the pack gave", async () => {
    const { status, report } = await check([preview.json, "--state", statePath]);
    expect(status).toBe(1);
    const fromCli = open(report).map((f) => `${f.level === "warning" ? "advisory" : "mandatory"} ${f.policy}: ${f.message}`);
    const fromPack = packViolations(pack.stdout).map((v) => `${v.level} ${v.policy}: ${v.message}`);
    expect(fromPack.length).toBeGreaterThan(0);
    expect(fromPack.sort()).toEqual(fromCli.sort());
  });
});
