// The incident replayed on recordings of the real pulumi CLI running the infra/ program
// (examples/scenarios/), plus one SYNTHETIC two-tenant deletion made from a recorded state.
// Exit codes are checked with the scope policies and the core ones; the data-copy policies
// (issue 4) judge other things and have their own tests, so they are turned off here.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, runCli } from "../support/paths.js";
import { scenario, syntheticDeletePreview } from "../support/scenarios.js";

const tmp = mkdtempSync(join(tmpdir(), "blastguard-scopes-"));
const file = (name: string, content: string) => {
  writeFileSync(join(tmp, name), content);
  return join(tmp, name);
};

const scopePolicies = new Set(["scope-escalation", "undeclared-delete", "id-kind-mismatch", "cross-tenant-delete", "tenant-delete-budget", "shared-delete"]);
// engine-error cannot be turned off (an engine failure is never a pass).
const checked = new Set([...scopePolicies, "bulk-delete", "protected-delete", "unprotect-and-delete", "engine-error"]);
const catalog = JSON.parse(readFileSync(join(repoRoot, "policies/dist/catalog.json"), "utf8")) as { policies: { id: string }[] };
const scopeConfig = file(
  "blastguard.json",
  JSON.stringify({ policies: Object.fromEntries(catalog.policies.filter((p) => !checked.has(p.id)).map((p) => [p.id, { enforcement: "disabled" }])) }),
);

const incident = (f: string) => scenario("incident-site-ids-as-app-ids", f);
const deleteApp = (f: string) => scenario("delete-app-with-intent", f);

interface JsonReport {
  verdict: string;
  blastRadius: { tenantsAffected: number; tenants: { tenant: string; deletes: number; byLevel: Record<string, number>; customerData: number }[] };
  findings: { policy: string; kind: string; message: string; resources: string[] }[];
}
const reportOf = (stdout: string) => (JSON.parse(stdout) as { reports: JsonReport[] }).reports[0]!;
const messages = (r: JsonReport, policy: string) => r.findings.filter((f) => f.policy === policy).map((f) => f.message);

describe("the incident: site IDs handed over as app IDs", () => {
  it("blocks, naming both sites as site IDs and as wholly deleted", () => {
    const r = runCli(["check", incident("preview-sames.json"), "--intent", incident("intent.yaml"), "--config", scopeConfig, "--format", "json"]);
    expect(r.status).toBe(1);
    const report = reportOf(r.stdout);
    expect(messages(report, "id-kind-mismatch")).toEqual(["2 of the app IDs are site IDs: site-10, site-9"]);
    // site-9 has apps app-123 and app-124 (8 cloud resources each), site-10 has app-125
    expect(messages(report, "scope-escalation").sort()).toEqual([
      "plan deletes all 16 cloud resources of site site-9; intent names app site-10, app site-9",
      "plan deletes all 8 cloud resources of site site-10; intent names app site-10, app site-9",
    ]);
  });

  it("blocks the default preview the same way when the prior state is given", () => {
    const r = runCli(["check", incident("preview.json"), "--state", incident("state.json"), "--intent", incident("intent.yaml"), "--config", scopeConfig]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("2 of the app IDs are site IDs: site-10, site-9");
    expect(r.stdout).toContain("plan deletes all 16 cloud resources of site site-9");
  });

  it("shows the blast radius first: one tenant, 21 cloud objects destroyed at app level, 6 of them customer data", () => {
    const r = runCli(["check", incident("preview-sames.json"), "--intent", incident("intent.yaml"), "--config", scopeConfig]);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toMatch(/^blastguard: BLOCKED/);
    expect(lines[1]).toBe("  blast radius: 1 tenant affected");
    // per app 8 cloud resources, of which the DR bucket is kept (retainOnDelete): 7 x 3 apps;
    // the bucket and the table hold customer data: 2 x 3
    // and the 3 DR buckets, customer data kept by retainOnDelete, stay in the cloud unmanaged
    expect(lines[2]).toBe("    tenant-acme: 21 deleted, 0 replaced (by level: app 21); 6 customer-data stores; 3 left in the cloud unmanaged (retainOnDelete)");
    const json = reportOf(runCli(["check", incident("preview-sames.json"), "--config", scopeConfig, "--format", "json"]).stdout);
    expect(json.blastRadius).toEqual({
      tenantsAffected: 1,
      tenants: [
        {
          tenant: "tenant-acme",
          deletes: 21,
          replaces: 0,
          byLevel: { app: 21 },
          customerData: 6,
          orphaned: 3,
          // site-9 holds apps 123 and 124, site-10 app 125 (tenants.before.yaml)
          units: [
            { level: "site", path: ["site-10"], destroyed: 7, customerData: 2 },
            { level: "app", path: ["site-10", "app-125"], destroyed: 7, customerData: 2 },
            { level: "site", path: ["site-9"], destroyed: 14, customerData: 4 },
            { level: "app", path: ["site-9", "app-123"], destroyed: 7, customerData: 2 },
            { level: "app", path: ["site-9", "app-124"], destroyed: 7, customerData: 2 },
          ],
        },
      ],
    });
  });

  it("blocks the whole-site deletions without any intent too", () => {
    const r = runCli(["check", incident("preview-sames.json"), "--config", scopeConfig]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("plan deletes all 16 cloud resources of site site-9; no intent was given");
  });
});

describe("deleting one app with an intent that names it", () => {
  for (const [name, args] of [
    ["a --show-sames preview", [deleteApp("preview-sames.json")]],
    ["a default preview with the prior state", [deleteApp("preview.json"), "--state", deleteApp("state.json")]],
  ] as const) {
    it(`allows it from ${name}`, () => {
      const r = runCli(["check", ...args, "--intent", deleteApp("intent.yaml"), "--config", scopeConfig]);
      expect(r.stdout).toMatch(/^blastguard: ALLOWED/);
      expect(r.status).toBe(0);
    });
  }

  it("gives no scope finding with every policy on", () => {
    const r = runCli(["check", deleteApp("preview-sames.json"), "--intent", deleteApp("intent.yaml"), "--format", "json"]);
    const scopeFindings = reportOf(r.stdout).findings.filter((f) => scopePolicies.has(f.policy));
    expect(scopeFindings).toEqual([]);
  });

  it("cannot decide the tenant's share without an intent from a default preview alone", () => {
    const r = runCli(["check", deleteApp("preview.json"), "--config", scopeConfig]);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain("tenant-delete-budget");
    expect(r.stdout).toMatch(/pass the prior state with --state or preview with --show-sames/);
  });
});

describe("two tenants deleted, one declared (SYNTHETIC ops on a recorded state)", () => {
  // app-123 belongs to tenant-acme, app-200 to tenant-globex (examples/.../tenants.before.yaml)
  const preview = syntheticDeletePreview(incident("state.json"), (name) => /^app-(123|200)(-|$)/.test(name), join(tmp, "two-tenants.json"));
  const intent = file("one-tenant.yaml", "requester: a@example.com\nticket: OPS-1\nactions:\n  - action: delete\n    target: { kind: app, id: app-123 }\n");

  it("blocks, naming the undeclared tenant", () => {
    const r = runCli(["check", preview, "--intent", intent, "--config", scopeConfig, "--format", "json"]);
    expect(r.status).toBe(1);
    const report = reportOf(r.stdout);
    expect(messages(report, "cross-tenant-delete")).toEqual([
      "plan deletes in 2 tenants (tenant-acme, tenant-globex); intent names app app-123; not declared: tenant-globex",
    ]);
    expect(messages(report, "undeclared-delete")[0]).toContain("they belong to app app-200");
    expect(report.blastRadius.tenantsAffected).toBe(2);
  });
});

describe("intent files with errors", () => {
  const base = "requester: a@example.com\nreason: test\n";
  const cases: [string, string, string][] = [
    ["an unknown key", `${base}actions:\n  - action: delete\n    target: { kind: app, id: app-1, colour: canary-7f3a }\n`, "actions.0.target"],
    ["an ID that has no level's format", `${base}actions:\n  - action: delete\n    target: { kind: app, id: canary-7f3a }\n`, "actions.0.target.id"],
    ["an empty action list", `${base}actions: []\n`, "actions"],
  ];
  for (const [name, text, path] of cases) {
    it(`exits 2 on ${name}, naming ${path} and quoting nothing`, () => {
      const r = runCli(["check", deleteApp("preview-sames.json"), "--intent", file(`bad-${path}.yaml`, text)]);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(new RegExp(`^blastguard: error: .*invalid intent at ${path.replace(/\./g, "\\.")}: `));
      expect(r.stderr).not.toContain("canary");
    });
  }
});
