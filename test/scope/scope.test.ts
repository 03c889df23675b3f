import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import type { Resource } from "../../src/model/changeset.js";
import { defaultConfig } from "../../src/model/config.js";
import { readChangeSet } from "../../src/readers/index.js";
import { computeScopes } from "../../src/scope/scope.js";
import { buildUnits } from "../../src/scope/units.js";
import { scenario } from "../support/scenarios.js";

const levels = defaultConfig().scopes.levels;
const limits = { maxBytes: 1e9, maxDepth: 1000 };
const read = (name: string, file: string) => readChangeSet(readFileSync(scenario(name, file)), file, { limits });

function scopesByName(resources: Resource[]) {
  const { scopes } = computeScopes(resources, levels);
  return new Map(resources.map((r, i) => [`${r.type}::${r.name}`, scopes[i]!]));
}

describe("scopes of the recorded incident (default preview: only changed resources listed)", () => {
  const change = read("incident-site-ids-as-app-ids", "preview.json");
  const byName = scopesByName(change.resources);

  it("reads a tagged bucket's tenant, site and app from its tags", () => {
    expect(byName.get("aws:s3/bucket:Bucket::app-123-data")).toEqual({ tenant: "tenant-acme", site: "site-9", app: "app-123", level: "app" });
  });

  it("gives an untagged child its app component's scope, and the unlisted tenant from the app's tagged members", () => {
    // BucketVersioning has no tags; its parent App app-123 is listed, the Tenant component is not
    expect(byName.get("aws:s3/bucketVersioning:BucketVersioning::app-123-data")).toEqual({
      tenant: "tenant-acme",
      site: "site-9",
      app: "app-123",
      level: "app",
    });
  });

  it("scopes a deleted site component as that site", () => {
    expect(byName.get("blastguard:tenancy:Site::site-10")).toEqual({ tenant: "tenant-acme", site: "site-10", app: null, level: "site" });
  });

  it("indexes units with their counts and what happens to their components", () => {
    const units = new Map(buildUnits(change.resources, computeScopes(change.resources, levels), levels).map((u) => [u.key, u]));
    // site-10 holds app-125 only: bucket, DR bucket, 2 versionings, encryption, replication, table, queue
    expect(units.get('["site","tenant-acme","site-10"]')).toMatchObject({ component: "deleted", deleted: 8, removed: 8, parents: { tenant: "tenant-acme" } });
    expect(units.get('["site","tenant-acme","site-9"]')).toMatchObject({ component: "deleted", deleted: 16 });
    // the Tenant component is above them in the URNs but not in this preview: it stays
    expect(units.get('["tenant","tenant-acme"]')).toMatchObject({ component: "unlisted", deleted: 24 });
  });
});

describe("scopes of a whole recorded stack", () => {
  const change = read("incident-site-ids-as-app-ids", "state.json");
  const byName = scopesByName(change.resources);

  it("scopes the platform's roles as shared", () => {
    expect(byName.get("aws:iam/role:Role::blastguard-backup")?.level).toBe("shared");
  });

  it("scopes a tenant's backup vault at the tenant level", () => {
    expect(byName.get("aws:backup/vault:Vault::tenant-acme-backup")).toEqual({ tenant: "tenant-acme", site: null, app: null, level: "tenant" });
  });

  it("counts every cloud resource of a unit as existing", () => {
    const units = new Map(buildUnits(change.resources, computeScopes(change.resources, levels), levels).map((u) => [u.key, u]));
    expect(units.get('["app","tenant-acme","site-10","app-125"]')).toMatchObject({ existing: 8, deleted: 0, component: "kept" });
  });
});

const cloud = (name: string, parent: string | null, tags: Record<string, string> = {}): Resource => ({
  urn: `urn:pulumi:dev::p::aws:s3/bucket:Bucket::${name}`,
  type: "aws:s3/bucket:Bucket",
  name,
  kind: "cloud",
  parent,
  provider: null,
  op: "delete",
  before: { id: "x", protect: false, retain_on_delete: false, external: false, deleted_with: null, props: { tags } },
  after: null,
  source_position: null,
});

describe("scope rules", () => {
  it("lets a resource's own tag win over its ancestors, and reports the disagreement", () => {
    const parent = cloud("parent", null, { "blastguard:tenant": "tenant-a", "blastguard:site": "site-1" });
    const child = cloud("child", parent.urn, { "blastguard:site": "site-2" });
    expect(computeScopes([parent, child], levels).problems).toEqual([
      { urn: child.urn, name: "child", level: "site", kind: "conflict", id: "site-2", other: "site-1", source: "tag" },
    ]);
    expect(computeScopes([parent, child], levels).scopes[1]).toEqual({ tenant: "tenant-a", site: "site-2", app: null, level: "site" });
  });

  it("marks a deleted resource with neither state nor parent (a plan without --state) as unknown", () => {
    const r = { ...cloud("x", null), before: null };
    expect(computeScopes([r], levels).scopes[0]!.level).toBe("unknown");
  });

  it("refuses a parent cycle", () => {
    const a = cloud("a", "urn:pulumi:dev::p::aws:s3/bucket:Bucket::b");
    const b = cloud("b", a.urn);
    expect(() => computeScopes([a, b], levels)).toThrow(InputError);
  });

  it("walks a 20,000-deep parent chain without recursion", () => {
    const chain: Resource[] = [cloud("r0", null, { "blastguard:tenant": "tenant-deep" })];
    for (let i = 1; i < 20_000; i++) chain.push(cloud(`r${i}`, chain[i - 1]!.urn));
    expect(computeScopes(chain.reverse(), levels).scopes[0]).toMatchObject({ tenant: "tenant-deep", level: "tenant" });
  });
});

describe("outer units completed from other resources", () => {
  const app = (name: string, tags: Record<string, string>) => cloud(name, null, tags);
  const ids = (resources: Resource[]) => computeScopes(resources, levels).scopes.map((s) => [s["tenant"], s["site"], s["app"]]);

  it("fills a resource's missing tenant and site when every resource naming its app agrees", () => {
    const known = app("known", { "blastguard:tenant": "tenant-a", "blastguard:site": "site-1", "blastguard:app": "app-7" });
    const bare = app("bare", { "blastguard:app": "app-7" });
    expect(ids([bare, known])).toEqual([["tenant-a", "site-1", "app-7"], ["tenant-a", "site-1", "app-7"]]);
  });

  it("leaves them unknown when the app ID lives in two tenants, in either order", () => {
    const a = app("a", { "blastguard:tenant": "tenant-a", "blastguard:site": "site-1", "blastguard:app": "app-7" });
    const b = app("b", { "blastguard:tenant": "tenant-b", "blastguard:site": "site-2", "blastguard:app": "app-7" });
    const bare = app("bare", { "blastguard:app": "app-7" });
    expect(ids([a, b, bare])[2]).toEqual([null, null, "app-7"]);
    expect(ids([bare, b, a])[0]).toEqual([null, null, "app-7"]);
  });

  it("uses the outer IDs a resource has to choose between them", () => {
    const a = app("a", { "blastguard:tenant": "tenant-a", "blastguard:site": "site-1", "blastguard:app": "app-7" });
    const b = app("b", { "blastguard:tenant": "tenant-b", "blastguard:site": "site-2", "blastguard:app": "app-7" });
    const half = app("half", { "blastguard:site": "site-2", "blastguard:app": "app-7" });
    expect(ids([a, half, b])[1]).toEqual(["tenant-b", "site-2", "app-7"]);
  });
});
