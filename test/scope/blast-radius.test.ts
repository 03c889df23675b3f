import { describe, expect, it } from "vitest";
import type { PolicyInput } from "../../src/engine/input.js";
import { blastRadius } from "../../src/scope/blast-radius.js";

type R = PolicyInput["resources"][number];
const r = (name: string, op: R["op"], tenant: string | null, level: string, kind: R["kind"] = "cloud"): R => ({
  urn: `urn:pulumi:dev::p::aws:s3/bucket:Bucket::${name}`,
  type: "aws:s3/bucket:Bucket",
  name,
  kind,
  parent: null,
  provider: null,
  op,
  before: null,
  after: null,
  source_position: null,
  unit_keys: {},
  scope: { tenant, site: null, app: null, level },
});

describe("blast radius", () => {
  const resources = [
    r("a1", "delete", "tenant-b", "app"),
    r("a2", "replace", "tenant-b", "site"),
    r("a3", "same", "tenant-b", "app"),
    r("c1", "delete", "tenant-a", "tenant"),
    r("comp", "delete", "tenant-a", "site", "component"),
    r("role", "delete", null, "shared"),
    r("dr-copy", "delete", "tenant-b", "app"),
  ];
  // what the policies report as destroyed: not the component, not the retained DR copy
  const destroyed = new Set(["a1", "a2", "c1", "role"].map((n) => resources.find((x) => x.name === n)!.urn));
  const b = blastRadius(resources, "tenant", destroyed, new Set([resources[0]!.urn, resources[5]!.urn]));

  it("counts destroyed cloud objects per tenant, shared last, retained and component resources left out", () => {
    expect(b).toEqual({
      tenantsAffected: 2,
      tenants: [
        { tenant: "tenant-a", deletes: 1, replaces: 0, byLevel: { tenant: 1 }, customerData: 0, orphaned: 0 },
        { tenant: "tenant-b", deletes: 1, replaces: 1, byLevel: { app: 1, site: 1 }, customerData: 1, orphaned: 0 },
        { tenant: "shared", deletes: 1, replaces: 0, byLevel: { shared: 1 }, customerData: 1, orphaned: 0 },
      ],
    });
  });

  it("is empty when nothing is deleted", () => {
    expect(blastRadius([resources[2]!], "tenant", new Set(), new Set())).toEqual({ tenantsAffected: 0, tenants: [] });
  });

  it("with the level names, lists each tenant's units below it by path, so equal IDs in two sites stay apart", () => {
    const at = (name: string, tenant: string, site: string, app: string | null): R => ({ ...r(name, "delete", tenant, app ? "app" : "site"), scope: { tenant, site, app, level: app ? "app" : "site" } });
    const rs = [at("x1", "tenant-a", "site-1", "app-1"), at("x2", "tenant-a", "site-2", "app-1"), at("x3", "tenant-a", "site-2", null)];
    const all = new Set(rs.map((x) => x.urn));
    const [t] = blastRadius(rs, "tenant", all, new Set([rs[1]!.urn]), new Set(), ["tenant", "site", "app"]).tenants;
    expect(t!.units).toEqual([
      { level: "site", path: ["site-1"], destroyed: 1, customerData: 0 },
      { level: "app", path: ["site-1", "app-1"], destroyed: 1, customerData: 0 },
      { level: "site", path: ["site-2"], destroyed: 2, customerData: 1 },
      { level: "app", path: ["site-2", "app-1"], destroyed: 1, customerData: 1 },
    ]);
  });
});
