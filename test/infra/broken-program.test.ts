// The checks of program.test.ts must notice when the program stops keeping a promise: each case
// breaks the program in one way (a stack transformation run after the scope tags, or a tenants
// model with the copy turned off) and expects exactly the store it broke to be reported.
import type * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { loadTenantsFile } from "../../infra/model.js";
import { TYPES, tenantDataProblems } from "./expectations.js";
import { registerInfra } from "./harness.js";

const model = loadTenantsFile("infra/tenants.yaml");

/** A transformation that changes one resource (by type and logical name) and nothing else. */
function breakOne(
  type: string,
  name: string,
  change: (args: pulumi.ResourceTransformationArgs) => pulumi.ResourceTransformationResult,
): pulumi.ResourceTransformation {
  return (args) => (args.type === type && args.name === name ? change(args) : undefined);
}

async function problemsWith(transformation: pulumi.ResourceTransformation) {
  return tenantDataProblems(await registerInfra(model, { transformations: [transformation] }));
}

const urnOf = (type: string, name: string) =>
  expect.stringMatching(new RegExp(`\\$${type.replace(/[$/]/g, "\\$&")}::${name}$`));

describe("the program checks fail when a tenant data store", () => {
  it("loses protect", async () => {
    const problems = await problemsWith(
      breakOne(TYPES.table, "app-123-records", (a) => ({ props: a.props, opts: { ...a.opts, protect: false } })),
    );
    expect(problems).toEqual([{ tenant: "tenant-acme", urn: urnOf(TYPES.table, "app-123-records"), message: "not protected" }]);
  });

  it("loses retainOnDelete", async () => {
    const problems = await problemsWith(
      breakOne(TYPES.bucket, "app-200-data", (a) => ({ props: a.props, opts: { ...a.opts, retainOnDelete: false } })),
    );
    expect(problems).toEqual([{ tenant: "tenant-globex", urn: urnOf(TYPES.bucket, "app-200-data"), message: "not retainOnDelete" }]);
  });

  it("loses its app tag", async () => {
    const problems = await problemsWith(
      breakOne(TYPES.bucket, "app-300-data", (a) => {
        const { ["blastguard:app"]: _dropped, ...tags } = a.props["tags"] as Record<string, string>;
        return { props: { ...a.props, tags }, opts: a.opts };
      }),
    );
    expect(problems).toEqual([
      {
        tenant: "tenant-initech",
        urn: urnOf(TYPES.bucket, "app-300-data"),
        message: 'tag blastguard:app is undefined, expected "app-300"',
      },
    ]);
  });

  it("loses cloud deletion protection", async () => {
    const problems = await problemsWith(
      breakOne(TYPES.table, "app-125-records", (a) => ({ props: { ...a.props, deletionProtectionEnabled: false }, opts: a.opts })),
    );
    expect(problems.map((p) => p.message)).toEqual(["cloud deletion protection is off"]);
  });

  it("is a bucket that loses its replica in the DR region", async () => {
    const noReplication = structuredClone(model);
    noReplication.tenants[0]!.sites[2]!.apps[0]!.bucketReplication = false; // app-126
    const problems = tenantDataProblems(await registerInfra(noReplication));
    expect(problems).toEqual([
      { tenant: "tenant-acme", urn: urnOf(TYPES.bucket, "app-126-data"), message: "no replica in a second region" },
    ]);
  });

  it("is a table whose backups stop being copied to the DR region", async () => {
    const problems = await problemsWith(
      breakOne(TYPES.plan, "tenant-globex-daily", (a) => {
        const rules = (a.props["rules"] as Record<string, unknown>[]).map(({ copyActions: _dropped, ...rule }) => rule);
        return { props: { ...a.props, rules }, opts: a.opts };
      }),
    );
    expect(problems).toEqual(
      ["app-200-records", "app-201-records"].map((name) => ({
        tenant: "tenant-globex",
        urn: urnOf(TYPES.table, name),
        message: "no backup copied to a vault in a second region",
      })),
    );
  });
});
