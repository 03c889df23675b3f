// How the runbook turns each destroyed store's surviving copy paths into restore steps, on
// hand-made copy facts (the facts themselves are tested in test/copies/).
import { describe, expect, it } from "vitest";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { CopyFacts, CopyPath, ViewedPath } from "../../src/copies/facts.js";
import type { PolicyInput } from "../../src/engine/input.js";
import type { Value } from "../../src/model/changeset.js";
import { buildRunbook, type RunbookSource } from "../../src/runbook/build.js";
import { Runbook, runbookJsonSchema } from "../../src/runbook/model.js";
import { sampleRunbook } from "./sample-runbook.js";

type Resource = PolicyInput["resources"][number];
const ACCOUNT = "123456789012";
const SELECTION = "urn:pulumi:prod::shop::aws:backup/selection:Selection::tables";
const VAULT = "urn:pulumi:prod::shop::aws:backup/vault:Vault::dr";

function resource(type: string, name: string, op: Resource["op"], props: Record<string, Value>, scope = { tenant: "tenant-a", site: "site-1", app: "app-1" }): Resource {
  return {
    urn: `urn:pulumi:prod::shop::${type}::${name}`,
    type,
    name,
    kind: "cloud",
    parent: null,
    provider: null,
    op,
    before: { id: name, protect: false, retain_on_delete: false, external: false, deleted_with: null, props },
    after: null,
    source_position: null,
    scope: { ...scope, level: "app" },
    unit_keys: {},
  };
}

const selection = resource("aws:backup/selection:Selection", "tables", "same", { iamRoleArn: `arn:aws:iam::${ACCOUNT}:role/backup` }, { tenant: "tenant-a", site: null!, app: null! });

function backupPath(storeArn: string, overrides: Partial<CopyPath> = {}): CopyPath {
  return {
    mechanism: "backup",
    via: [SELECTION],
    destination: { region: "eu-central-1", account: ACCOUNT, vault_arn: `arn:aws:backup:eu-central-1:${ACCOUNT}:backup-vault:dr`, vault_name: "dr", resource_arn: storeArn },
    full: true,
    status: "known",
    why: null,
    needs: [VAULT],
    ...overrides,
  };
}

function source(stores: { r: Resource; arn: string | null; paths: (CopyPath | ViewedPath)[] }[], destroyedToo: string[] = [], context: CopyFacts["context"] = {}): RunbookSource {
  const copies: CopyFacts = { stores: {}, context };
  for (const s of stores) {
    copies.stores[s.r.urn] = { data_store: true, before: { arn: s.arn, region: "eu-west-1", account: ACCOUNT }, after: null, holder: false, paths: s.paths.map((p) => ({ before: true, after: false, ...p })) };
  }
  const urns = stores.map((s) => s.r.urn);
  return {
    label: "preview.json",
    digest: "sha256:00",
    inventoryComplete: true,
    levels: ["tenant", "site", "app"],
    resources: [...stores.map((s) => s.r), selection],
    destroyed: new Set([...urns, ...destroyedToo]),
    customerData: new Set(urns),
    copies,
  };
}

const tableArn = (name: string) => `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/${name}`;
const storesOf = (s: RunbookSource) => buildRunbook(s).groups.flatMap((g) => g.stores);

describe("buildRunbook", () => {
  it("restores a deleted table under its own name, with the covering selection's role", () => {
    const r = resource("aws:dynamodb/table:Table", "orders", "delete", { name: "orders" });
    const [store] = storesOf(source([{ r, arn: tableArn("orders"), paths: [backupPath(tableArn("orders"))] }]));
    expect(store!.copies).toEqual([
      expect.objectContaining({
        kind: "aws-backup",
        recoveryPointsOf: tableArn("orders"),
        restore: { resourceType: "DynamoDB", region: "eu-central-1", iamRoleArn: `arn:aws:iam::${ACCOUNT}:role/backup`, metadata: { targetTableName: "orders" }, target: "orders" },
      }),
    ]);
    expect(store!.identifiers).toEqual({ name: "orders", id: "orders", arn: tableArn("orders"), region: "eu-west-1", account: ACCOUNT });
  });

  it("restores a replaced table beside its (empty) replacement", () => {
    const r = resource("aws:dynamodb/table:Table", "orders", "replace", { name: "orders" });
    const [store] = storesOf(source([{ r, arn: tableArn("orders"), paths: [backupPath(tableArn("orders"))] }]));
    const copy = store!.copies[0]!;
    expect(copy.kind === "aws-backup" && copy.restore.metadata).toEqual({ targetTableName: "orders-restored" });
  });

  it("drops paths the change destroys, here or in another stack, and lists unverifiable ones as unusable", () => {
    const r = resource("aws:dynamodb/table:Table", "orders", "delete", { name: "orders" });
    const lost = backupPath(tableArn("orders"));
    const elsewhere = backupPath(tableArn("orders"), { needs: ["urn:other-stack:vault"] });
    const unverifiable = backupPath(tableArn("orders"), { status: "unverifiable", why: "the destination vault ARN is unknown at preview", needs: [] });
    const [store] = storesOf(source([{ r, arn: tableArn("orders"), paths: [lost, elsewhere, unverifiable] }], [VAULT], { "urn:other-stack:vault": { urn: "urn:other-stack:vault", name: "v", type: "aws:backup/vault:Vault", op: "delete", destroyed: true } }));
    expect(store!.copies).toEqual([]);
    expect(store!.restorable).toBe(false);
    expect(store!.unusableCopies).toEqual([{ mechanism: "backup", via: [SELECTION], why: "the destination vault ARN is unknown at preview" }]);
  });

  it("uses only paths the prior state had: a copy the change itself sets up holds no data yet", () => {
    const r = resource("aws:dynamodb/table:Table", "orders", "delete", { name: "orders" });
    const added: ViewedPath = { ...backupPath(tableArn("orders")), before: false, after: true };
    expect(storesOf(source([{ r, arn: tableArn("orders"), paths: [added] }]))[0]!.restorable).toBe(false);
  });

  it("an RDS instance: replicated automated backups first, then its final snapshot", () => {
    const arn = `arn:aws:rds:eu-west-1:${ACCOUNT}:db:billing`;
    const r = resource("aws:rds/instance:Instance", "billing", "delete", { identifier: "billing", skipFinalSnapshot: false, finalSnapshotIdentifier: "billing-final" });
    const replication: CopyPath = { mechanism: "rds-backup-replication", via: ["urn:repl"], destination: { region: "eu-central-1", account: ACCOUNT }, full: true, status: "known", why: null, needs: ["urn:repl"] };
    const [store] = storesOf(source([{ r, arn, paths: [replication] }]));
    expect(store!.copies.map((c) => c.kind)).toEqual(["rds-backup-replication", "rds-final-snapshot"]);
    expect(store!.copies[1]).toMatchObject({ snapshot: "billing-final", region: "eu-west-1", target: "billing" });
    const skipped = resource("aws:rds/instance:Instance", "ledger", "delete", { identifier: "ledger", skipFinalSnapshot: true, finalSnapshotIdentifier: "ledger-final" });
    expect(storesOf(source([{ r: skipped, arn, paths: [] }]))[0]!.restorable).toBe(false);
  });

  it("never carries a secret: a secret name leaves the store without a restore target", () => {
    const r = resource("aws:dynamodb/table:Table", "orders", "delete", { name: "[secret]" });
    const runbook = buildRunbook(source([{ r, arn: tableArn("orders"), paths: [backupPath(tableArn("orders"))] }]));
    const [store] = runbook.groups.flatMap((g) => g.stores);
    expect(store!.identifiers.name).toBeNull();
    expect(store!.unusableCopies.map((u) => u.why)).toEqual(["the store's name is unknown"]);
    expect(JSON.stringify(runbook)).not.toContain("[secret]");
  });

  it("groups by tenant, site and app in natural order, shared last", () => {
    const stores = ["app-10", "app-9"].map((app) => ({ r: resource("aws:s3/bucket:Bucket", `b-${app}`, "delete", { bucket: `b-${app}` }, { tenant: "tenant-a", site: "site-1", app }), arn: null, paths: [] }));
    const shared = { r: resource("aws:s3/bucket:Bucket", "logs", "delete", { bucket: "logs" }, { tenant: null!, site: null!, app: null! }), arn: null, paths: [] };
    const runbook = buildRunbook(source([shared, ...stores]));
    expect(runbook.groups.map((g) => g.path)).toEqual(["tenant-a/site-1/app-9", "tenant-a/site-1/app-10", "shared"]);
    expect(runbook.summary).toEqual({ stores: 3, restorable: 0, notRestorable: 3 });
  });
});

describe("the runbook's JSON Schema", () => {
  it("is generated from the zod schema and accepts a runbook, refusing an unknown copy kind", () => {
    const schema = runbookJsonSchema();
    const validate = new Ajv2020({ strict: false }).compile(schema);
    const runbook = sampleRunbook();
    expect(validate(runbook)).toBe(true);
    const bad = structuredClone(runbook) as { groups: { stores: { copies: { kind: string }[] }[] }[] };
    bad.groups[0]!.stores[0]!.copies[0]!.kind = "tape";
    expect(validate(bad)).toBe(false);
    expect(Runbook.safeParse(bad).success).toBe(false);
  });
});
