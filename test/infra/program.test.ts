// The infra program under Pulumi's mocks: labels, protections and DR copies, per tenant.
import { beforeAll, describe, expect, it } from "vitest";
import { loadTenantsFile, type TenantsFile } from "../../infra/model.js";
import { COMPONENT_TYPES } from "../../infra/scope.js";
import { Inventory, TYPES, labelProblems, tenantDataProblems } from "./expectations.js";
import { registerInfra, toStackExport, type RegisteredResource } from "./harness.js";

const model = loadTenantsFile("infra/tenants.yaml");
let resources: RegisteredResource[];
let inv: Inventory;

beforeAll(async () => {
  resources = await registerInfra(model);
  inv = new Inventory(resources);
});

const appsOf = (tenant: TenantsFile["tenants"][number]) => tenant.sites.flatMap((site) => site.apps);

describe("the infra program", () => {
  it.each(model.tenants.map((t) => [t.id, t] as const))(
    "%s: every data store is protected, labelled, encrypted, versioned and copied to the DR region",
    (tenantId, tenant) => {
      const stores = inv.tenantDataStores().filter((r) => inv.scopeOf(r).tenant === tenantId);
      // One bucket and one table per app.
      expect(stores).toHaveLength(2 * appsOf(tenant).length);
      expect(tenantDataProblems(resources).filter((p) => p.tenant === tenantId)).toEqual([]);
    },
  );

  it("labels every taggable resource with the scope of its URN parent chain and its data class", () => {
    expect(labelProblems(resources)).toEqual([]);
  });

  it("nests each app's resources under its app, site and tenant components", () => {
    const bucket = resources.find((r) => r.name === "app-123-data" && r.type === TYPES.bucket);
    expect(bucket?.urn).toBe(
      "urn:pulumi:test::blastguard-infra::blastguard:tenancy:Tenant$blastguard:tenancy:Site$blastguard:tenancy:App$aws:s3/bucket:Bucket::app-123-data",
    );
    expect(inv.scopeOf(bucket!)).toEqual({ tenant: "tenant-acme", site: "site-9", app: "app-123" });
    expect(bucket?.outputs["arn"]).toBe("arn:aws:s3:::bg-app-123-data-eu-west-1");
  });

  it("keeps each app to a handful of resources", () => {
    const perApp = (appId: string) => resources.filter((r) => inv.scopeOf(r).app === appId).length;
    const apps = model.tenants.flatMap(appsOf);
    for (const app of apps) expect(perApp(app.id)).toBe(8);
    expect(resources.length).toBeLessThan(100);
  });

  it("keeps the customer-contact store outside every tenant, protected and replicated to the DR region", () => {
    const contacts = resources.find((r) => r.name === "customer-contacts");
    expect(contacts).toBeDefined();
    expect(inv.scopeOf(contacts!)).toEqual({});
    expect(inv.byUrn.get(contacts!.parent)?.type).toBe(COMPONENT_TYPES.shared);
    expect(contacts).toMatchObject({ protect: true, retainOnDelete: true });
    expect(contacts!.inputs).toMatchObject({
      deletionProtectionEnabled: true,
      replicas: [{ regionName: "eu-central-1" }],
      tags: { "blastguard:data-class": "customer" },
    });
    expect(Object.keys(contacts!.inputs["tags"] as object)).toEqual(["blastguard:data-class"]);
  });

  it("selects tenant tables for backup by tag, so adding or removing an app leaves tenant resources alone", () => {
    const selection = resources.find((r) => r.name === "tenant-acme-tables");
    expect(selection?.inputs).toMatchObject({
      resources: ["arn:aws:dynamodb:eu-west-1:*:table/*"],
      conditions: [{ stringEquals: [{ key: "aws:ResourceTag/blastguard:tenant", value: "tenant-acme" }] }],
    });
  });
});

describe("the mock run as a stack export", () => {
  it("lists every resource after its parent and its provider, like a real export", () => {
    const exported = toStackExport(resources).deployment["resources"] as { urn: string; parent?: string; provider?: string }[];
    expect(exported).toHaveLength(resources.length);
    const seen = new Set<string>();
    for (const r of exported) {
      if (r.parent) expect(seen).toContain(r.parent);
      if (r.provider) expect(seen).toContain(r.provider.slice(0, r.provider.lastIndexOf("::")));
      seen.add(r.urn);
    }
  });
});

describe("decommissioning an app (the first half of a two-phase delete)", () => {
  it("releases its primary data for deletion and keeps its DR copy retained", async () => {
    const released = structuredClone(model);
    released.tenants[0]!.sites[0]!.apps[1]!.decommissioning = true; // app-124
    const after = await registerInfra(released);
    const find = (type: string, name: string) => after.find((r) => r.type === type && r.name === name);
    expect(find(TYPES.bucket, "app-124-data")).toMatchObject({ protect: false, retainOnDelete: false });
    expect(find(TYPES.table, "app-124-records")).toMatchObject({ protect: false, retainOnDelete: false });
    expect(find(TYPES.table, "app-124-records")?.inputs["deletionProtectionEnabled"]).toBe(false);
    expect(find(TYPES.bucket, "app-124-data-dr")).toMatchObject({ protect: false, retainOnDelete: true });
    expect(find(TYPES.table, "app-123-records")).toMatchObject({ protect: true, retainOnDelete: true });
  });
});
