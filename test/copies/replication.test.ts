// S3 replication, DynamoDB replicas, RDS and EFS replication adapters.
import { describe, expect, it } from "vitest";
import type { Resource, Value } from "../../src/model/changeset.js";
import {
  ACCOUNT, BUCKET, UNKNOWN, bucket, created, facts, known, paths, replication, same, state, table, tableArn,
  inView,
} from "./support.js";

const src = bucket("src", "eu-west-1");
const dst = bucket("dst", "eu-central-1");
const rule = (extra: Record<string, Value> = {}) => ({ status: "Enabled", destination: { bucket: "arn:aws:s3:::dst" }, ...extra });
const config = (rules: Value[]) => replication("repl", { bucket: "src", rules });

describe("S3 replication", () => {
  it("copies to a listed bucket in its region; a disabled rule copies nothing", () => {
    expect(paths([src, dst, config([rule()])], src)).toEqual([known("s3-replication", "eu-central-1")]);
    expect(paths([src, dst, config([rule({ status: "Disabled" })])], src)).toEqual([]);
  });

  it("cannot tell the region of an unlisted destination bucket (an S3 ARN has no region)", () => {
    expect(paths([src, config([rule()])], src)).toEqual([{ mechanism: "s3-replication", region: null, status: "unverifiable", full: true }]);
  });

  it("reads legacy inline rules", () => {
    const inline = bucket("src", "eu-west-1", { replicationConfiguration: { role: "r", rules: [rule()] } });
    expect(paths([inline, dst], inline)).toEqual([known("s3-replication", "eu-central-1")]);
  });

  // Hole 3: a rule with a filter copies only the objects that match it.
  it("counts a rule with a prefix or tag filter as a partial copy; an empty filter or prefix is the whole bucket", () => {
    const scope = (extra: Record<string, Value>) => paths([src, dst, config([rule(extra)])], src)[0]!.full;
    expect(scope({ filter: { prefix: "invoices/" } })).toBe(false);
    expect(scope({ filter: { tag: { key: "replicate", value: "yes" } } })).toBe(false);
    expect(scope({ filter: { and: { prefix: "", tags: { replicate: "yes" } } } })).toBe(false);
    expect(scope({ prefix: "logs/" })).toBe(false);
    expect(scope({ filter: {} })).toBe(true);
    expect(scope({ filter: { prefix: "" } })).toBe(true);
    expect(scope({ prefix: "" })).toBe(true);
    expect(paths([src, dst, config([rule({ filter: UNKNOWN })])], src)[0]!.status).toBe("unverifiable");
  });

  it("makes a one-way destination a copy holder, but neither side of two-way replication", () => {
    const oneWay = facts([src, dst, config([rule()])]);
    expect([oneWay.stores[src.urn]!.holder, oneWay.stores[dst.urn]!.holder]).toEqual([false, true]);
    // Hole 4: the replica copies back to the primary, so it is a store that needs its own copy.
    const back = replication("back", { bucket: "dst", rules: [{ status: "Enabled", destination: { bucket: "arn:aws:s3:::src" } }] });
    const twoWay = facts([src, dst, config([rule()]), back]);
    expect([twoWay.stores[src.urn]!.holder, twoWay.stores[dst.urn]!.holder]).toEqual([false, false]);
    expect(inView(twoWay.stores[dst.urn]!, "before").map((p) => p.needs)).toEqual([[src.urn]]);
  });

  it("follows references while the source and destination are unknown", () => {
    const s = created(BUCKET, "src", state({ bucket: "src", region: "eu-west-1" }));
    const d = created(BUCKET, "dst", state({ bucket: "dst", region: "us-west-2" }));
    const r = created("aws:s3/bucketReplicationConfig:BucketReplicationConfig", "repl",
      state({ bucket: UNKNOWN, rules: [{ status: "Enabled", destination: { bucket: UNKNOWN } }] }, { refs: { bucket: [s.urn], rules: [d.urn] } }));
    expect(paths([s, d, r], s)).toEqual([known("s3-replication", "us-west-2")]);
    expect(facts([s, d, r]).stores[d.urn]!.holder).toBe(true);
  });
});

describe("DynamoDB, RDS and EFS replicas", () => {
  it("counts inline replicas, which need the table itself", () => {
    const t = table("orders", "us-east-1", { replicas: [{ regionName: "eu-west-1" }] });
    const f = facts([t]);
    expect(inView(f.stores[t.urn]!, "after").map((p) => [p.destination.region, p.needs])).toEqual([["eu-west-1", [t.urn]]]);
  });

  it("counts a TableReplica in its provider's region", () => {
    const t = table("orders", "us-east-1");
    const r = same("aws:dynamodb/tableReplica:TableReplica", "replica", state({ globalTableArn: tableArn("us-east-1", "orders"), region: "us-west-2" }));
    expect(paths([t, r], t)).toEqual([known("dynamodb-replica", "us-west-2")]);
  });

  it("counts RDS automated backup replication and a cross-region read replica", () => {
    const arn = `arn:aws:rds:us-east-1:${ACCOUNT}:db:main`;
    const db = same("aws:rds/instance:Instance", "main", state({ arn, identifier: "main" }));
    const repl = same("aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication", "repl", state({ sourceDbInstanceArn: arn, region: "us-west-2" }));
    expect(paths([db, repl], db)).toEqual([known("rds-backup-replication", "us-west-2")]);
    const replica = same("aws:rds/instance:Instance", "main-replica", state({ arn: `arn:aws:rds:eu-west-1:${ACCOUNT}:db:main-replica`, replicateSourceDb: arn }));
    const f = facts([db, replica]);
    expect(inView(f.stores[db.urn]!, "after").map((p) => [p.mechanism, p.destination.region, p.destination.target_id])).toEqual([
      ["rds-read-replica", "eu-west-1", `arn:aws:rds:eu-west-1:${ACCOUNT}:db:main-replica`],
    ]);
    expect(f.stores[replica.urn]!.holder).toBe(true);
  });

  it("counts EFS replication to its destination region", () => {
    const fs = same("aws:efs/fileSystem:FileSystem", "files", state({ id: "fs-1", region: "us-east-1" }));
    const repl = same("aws:efs/replicationConfiguration:ReplicationConfiguration", "repl", state({ sourceFileSystemId: "fs-1", destination: [{ region: "us-west-2", fileSystemId: "fs-2" }] }));
    expect(inView(facts([fs, repl]).stores[fs.urn]!, "after")).toMatchObject([{ mechanism: "efs-replication", destination: { region: "us-west-2", target_id: "fs-2" }, needs: [repl.urn] }]);
  });
});

describe("where a store lives", () => {
  const noArn = (r: Resource): Resource => ({ ...r, before: { ...r.before!, props: { ...r.before!.props, arn: null, region: null } }, after: { ...r.after!, props: { ...r.after!.props, arn: null, region: null } } });
  it("takes the region from the provider, then the stack's aws:region", () => {
    const provider: Resource = { ...same("pulumi:providers:aws", "west", state({ region: "us-west-2" })), kind: "provider" };
    const t = { ...noArn(table("orders", "us-east-1")), provider: provider.urn };
    expect(facts([provider, t]).stores[t.urn]!.after!.region).toBe("us-west-2");
    const u = noArn(table("orders", "us-east-1"));
    expect(facts([u], { stackConfig: { "aws:region": "eu-west-1" } }).stores[u.urn]!.after!.region).toBe("eu-west-1");
    expect(facts([u]).stores[u.urn]!.after!.region).toBe(null);
  });
});

