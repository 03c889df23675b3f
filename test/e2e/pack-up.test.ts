// The policy pack on `pulumi up`, with the real engine. The engine runs an update's deletions
// before it shows a policy pack the goal (AnalyzeStack comes after every step), so the pack guards
// an update only through its preview phase: `pulumi up --skip-preview` is refused before any step
// runs, `pulumi up` is stopped by its preview, and an allowed change still goes through.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TenantsFile } from "../../infra/model.js";
import type { Report } from "../../src/model/report.js";
import { PACK_LAUNCHER, STACK, Sandbox, baselineTenants, blastguard, packViolations, type Run } from "./sandbox.js";

let sandbox: Sandbox;
let before: TenantsFile;

/** One tenant (acme); its app-123 released for deletion (decommissioning) and without a DR copy of its bucket. */
function released(): TenantsFile {
  const acme = baselineTenants().tenants.find((t) => t.id === "tenant-acme")!;
  for (const site of acme.sites) {
    for (const app of site.apps) if (app.id === "app-123") Object.assign(app, { decommissioning: true, bucketReplication: false });
  }
  return { tenants: [acme] };
}

function withoutApp(model: TenantsFile, id: string): TenantsFile {
  const copy = structuredClone(model);
  for (const site of copy.tenants.flatMap((t) => t.sites)) site.apps = site.apps.filter((a) => a.id !== id);
  return copy;
}

function withNewApp(model: TenantsFile): TenantsFile {
  const copy = structuredClone(model);
  copy.tenants[0]!.sites[0]!.apps.push({ id: "app-129", name: "reports", decommissioning: false, recordsKey: "id", bucketReplication: true });
  return copy;
}

/** The URN names in the stack's current state. */
async function stateNames(): Promise<string[]> {
  const exported = JSON.parse((await sandbox.pulumi(["stack", "export"])).stdout) as { deployment: { resources: { urn: string }[] } };
  return exported.deployment.resources.map((r) => r.urn.split("::").slice(3).join("::"));
}

const up = (model: TenantsFile, extra: string[]): Promise<Run> =>
  sandbox.pulumi(["up", "--yes", "--policy-pack", PACK_LAUNCHER, ...extra], { tenants: sandbox.tenants(model), allowFailure: true });

beforeAll(async () => {
  sandbox = await new Sandbox().init();
  before = released();
  await sandbox.pulumi(["up", "--yes", "--skip-preview"], { tenants: sandbox.tenants(before) });
});

afterAll(() => sandbox?.remove());

describe("pulumi up with the policy pack, on a change that deletes customer data without a surviving copy", () => {
  it("--skip-preview: fails before any step runs, and nothing is deleted", async () => {
    const r = await up(withoutApp(before, "app-123"), ["--skip-preview"]);
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toContain("this update has no preview phase");
    const names = await stateNames();
    for (const name of ["app-123", "app-123-data", "app-123-records", "app-123-events"]) expect(names).toContain(name);
  });

  it("with its preview phase: the preview blocks it (data-restore-readiness), and nothing is deleted", async () => {
    const r = await up(withoutApp(before, "app-123"), []);
    expect(r.status).not.toBe(0);
    const mandatory = packViolations(r.stdout).filter((v) => v.level === "mandatory");
    expect(mandatory.some((v) => v.policy === "data-restore-readiness" && v.message.includes("app-123-data"))).toBe(true);
    expect(await stateNames()).toContain("app-123-data");
  });
});

describe("pulumi up with the policy pack, on an allowed change", () => {
  it("goes through its preview and then its update (exit 0), and the change is applied", async () => {
    // app-123 is released and has no DR copy of its bucket: the posture policies say so, as advisories here.
    const advisory = { enforcementLevel: "advisory" };
    const config = sandbox.file(
      "posture-advisory.json",
      JSON.stringify({ "data-protect": advisory, "data-cloud-deletion-protection": advisory, "data-multi-location-backup": advisory }),
    );
    const r = await up(withNewApp(before), ["--policy-pack-config", config]);
    expect(packViolations(r.stdout).filter((v) => v.level === "mandatory").map((v) => `${v.policy}: ${v.message}`)).toEqual([]);
    expect(r.status).toBe(0);
    expect(await stateNames()).toContain("app-129-data");
  });

  it("--skip-preview is refused even then: the pack cannot see an update's deletions before they run", async () => {
    const r = await up(withNewApp(before), ["--skip-preview"]);
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toContain("this update has no preview phase");
  });
});

describe("pulumi preview with the policy pack, on a refactor with aliases", () => {
  it("moving a site's apps under their tenant (new URNs, only same steps) is no deletion: no mandatory violation, nothing about deletes", async () => {
    const moved = structuredClone(withNewApp(before));
    moved.tenants[0]!.sites[0]!.appsParent = "tenant";
    const advisory = { enforcementLevel: "advisory" };
    const config = sandbox.file(
      "posture-advisory-2.json",
      JSON.stringify({ "data-protect": advisory, "data-cloud-deletion-protection": advisory, "data-multi-location-backup": advisory }),
    );
    const r = await sandbox.pulumi(["preview", "--policy-pack", PACK_LAUNCHER, "--policy-pack-config", config], { tenants: sandbox.tenants(moved), allowFailure: true });
    const violations = packViolations(r.stdout);
    expect(violations.filter((v) => v.level === "mandatory").map((v) => `${v.policy}: ${v.message}`)).toEqual([]);
    expect(violations.filter((v) => /delete/.test(v.policy) || /deletes/.test(v.message))).toEqual([]);
    expect(r.status).toBe(0);
  });
});

describe("pulumi policy analyze with the policy pack (no change: the analyzed state is its own prior state)", () => {
  const key = (policy: string, message: string) => `${policy}: ${message}`;

  it("--stack and --file give the posture findings `blastguard check` gives on the stack export, and nothing about deletions", async () => {
    const exported = sandbox.file("analyzed.json", (await sandbox.pulumi(["stack", "export"])).stdout);
    const fromCheck = await blastguard(["check", exported, "--format", "json"]);
    const report = (JSON.parse(fromCheck.stdout) as { reports: Report[] }).reports[0]!;
    const blocking = report.findings.filter((f) => f.status === "open" && f.level !== "warning").map((f) => key(f.policy, f.message)).sort();
    // app-123 was released and has no DR copy of its bucket: the posture policies say so.
    expect(blocking.length).toBeGreaterThan(0);
    for (const target of [["--stack", STACK], ["--file", exported]]) {
      const r = await sandbox.pulumi(["policy", "analyze", ...target, "--policy-pack", PACK_LAUNCHER], { allowFailure: true });
      const violations = packViolations(r.stdout);
      expect(violations.filter((v) => v.level === "mandatory").map((v) => key(v.policy, v.message)).sort()).toEqual(blocking);
      expect(violations.map((v) => v.policy)).not.toContain("protected-delete");
      expect(r.status).toBe(1);
    }
  });
});
