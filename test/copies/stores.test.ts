// Which resources are data stores, and copies that other stacks' resources (--context) provide.
import { describe, expect, it } from "vitest";
import type { Resource } from "../../src/model/changeset.js";
import { ACCOUNT, deleted, facts, inView, known, paths, plan, same, selection, state, table, tableArn, vaultArn } from "./support.js";

describe("data-store types", () => {
  // Hole 8: these held data but were not data stores, so deleting one untagged passed.
  it.each([
    "aws-native:s3:Bucket", "aws-native:dynamodb:Table", "aws-native:rds:DbInstance", "aws:docdb/cluster:Cluster",
    "aws:neptune/cluster:Cluster", "aws:s3/directoryBucket:DirectoryBucket", "aws:redshift/cluster:Cluster",
    "aws:opensearch/domain:Domain", "aws:fsx/lustreFileSystem:LustreFileSystem", "aws:elasticache/replicationGroup:ReplicationGroup",
    "aws:memorydb/cluster:Cluster", "aws:keyspaces/table:Table", "aws:timestreamwrite/table:Table", "aws:ebs/volume:Volume",
  ])("counts %s as a data store", (type) => {
    const r = same(type, "x", state({}));
    expect(facts([r]).stores[r.urn]!.data_store).toBe(true);
  });

  it("adds configured type patterns (dataClass.storeTypes) and leaves other types out", () => {
    const gcs = same("gcp:storage/bucket:Bucket", "media", state({}));
    const sql = same("azure-native:sql:Database", "db", state({}));
    const queue = same("aws:sqs/queue:Queue", "jobs", state({}));
    const f = facts([gcs, sql, queue], { storeTypes: ["gcp:storage/*", "azure-native:sql:Database"] });
    expect([f.stores[gcs.urn]?.data_store, f.stores[sql.urn]?.data_store, f.stores[queue.urn]]).toEqual([true, true, undefined]);
  });

  it("gives facts to any resource carrying the class tag, in tags or GCP labels", () => {
    const labelled = same("gcp:compute/disk:Disk", "disk", state({ labels: { "blastguard:data-class": "customer" } }));
    expect(facts([labelled]).stores[labelled.urn]).toMatchObject({ data_store: false });
  });
});

describe("context resources (other stacks, read-only)", () => {
  const orders = table("orders", "us-east-1");
  const sel = selection("fleet-sel", "p-1", { resources: [tableArn("us-east-1", "orders")] });
  const p = plan("fleet-plan", "p-1", [vaultArn("us-west-2", ACCOUNT, "dr")]);

  it("provide copies to this stack's stores and are listed, never judged as stores", () => {
    const other = table("their-table", "us-east-1");
    const f = facts([orders], { context: [sel, p, other] });
    expect(paths([orders], orders, "after", { context: [sel, p] })).toEqual([known("backup", "us-west-2")]);
    expect(f.stores[other.urn]).toBeUndefined();
    expect(Object.keys(f.context).sort()).toEqual([p.urn, sel.urn].sort());
    expect(f.context[sel.urn]).toMatchObject({ name: "fleet-sel", destroyed: false });
  });

  it("mark a context selection that its own change deletes as destroyed, and drop it from the after view", () => {
    const gone: Resource = deleted(sel);
    const f = facts([orders], { context: [gone, p] });
    expect(f.context[sel.urn]).toMatchObject({ op: "delete", destroyed: true });
    expect(inView(f.stores[orders.urn]!, "before")).toHaveLength(1);
    expect(inView(f.stores[orders.urn]!, "after")).toHaveLength(0);
  });
});

describe("the policy input", () => {
  it("carries the copy facts, with context resources referenced but never listed as resources", async () => {
    const { buildPolicyInput } = await import("../../src/engine/input.js");
    const { defaultConfig } = await import("../../src/model/config.js");
    const orders = table("orders", "us-east-1");
    const sel = selection("fleet-sel", "p-1", { resources: [tableArn("us-east-1", "orders")] });
    const p = plan("fleet-plan", "p-1", [vaultArn("us-west-2", ACCOUNT, "dr")]);
    const change = {
      source: { format: "state" as const, stack_config: {}, failed: false, digest: "sha256:x" },
      inventory: { complete: true, max_prior_resources: 1 },
      steps: [],
      resources: [orders],
      diagnostics: [],
    };
    const input = buildPolicyInput(change, defaultConfig(), null, { context: [sel, p] });
    expect(input.resources.map((r) => r.urn)).toEqual([orders.urn]);
    expect(inView(input.copies.stores[orders.urn]!, "after")).toEqual([expect.objectContaining({ mechanism: "backup", via: [sel.urn, p.urn] })]);
    expect(Object.keys(input.copies.context).sort()).toEqual([p.urn, sel.urn].sort());
  });
});
