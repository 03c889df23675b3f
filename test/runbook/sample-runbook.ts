// A SYNTHETIC runbook with one store per kind of copy (and one without a copy), for the script
// tests; the recorded scenarios have buckets and tables only. Validated by the runbook schema.
import { Runbook, type Store } from "../../src/runbook/model.js";

const ACCOUNT = "123456789012";
const scope = (app: string) => ({ tenant: "tenant-acme", site: "site-9", app });

function store(n: number, app: string, service: Store["service"], type: string, name: string, copies: Store["copies"], extra: Partial<Store> = {}): Store {
  return {
    urn: `urn:pulumi:prod::shop::${type}::${name}-${n}`,
    name,
    type,
    service,
    op: "delete",
    scope: scope(app),
    identifiers: { name, id: name, arn: null, region: "eu-west-1", account: ACCOUNT },
    copies,
    unusableCopies: [],
    restorable: copies.length > 0,
    ...extra,
  };
}

export const TABLE_ARN = `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/orders`;
export const DB_ARN = `arn:aws:rds:eu-west-1:${ACCOUNT}:db:billing`;

export const stores: Store[] = [
  store(1, "app-1", "dynamodb", "aws:dynamodb/table:Table", "orders", [
    {
      kind: "aws-backup",
      via: ["urn:sel"],
      means: "restore",
      vault: { arn: `arn:aws:backup:eu-central-1:${ACCOUNT}:backup-vault:dr`, name: "dr", region: "eu-central-1", account: ACCOUNT },
      recoveryPointsOf: TABLE_ARN,
      restore: { resourceType: "DynamoDB", region: "eu-central-1", iamRoleArn: `arn:aws:iam::${ACCOUNT}:role/backup`, metadata: { targetTableName: "orders" }, target: "orders" },
    },
  ]),
  store(2, "app-1", "s3", "aws:s3/bucket:Bucket", "bg-data", [
    { kind: "s3-replication", via: ["urn:repl"], means: "copy back", bucket: "bg-data-dr", region: "eu-central-1", account: ACCOUNT, full: true, target: "bg-data" },
  ]),
  store(3, "app-2", "dynamodb", "aws:dynamodb/table:Table", "sessions", [
    { kind: "dynamodb-replica", via: ["urn:replica"], means: "live", replica: "sessions", region: "eu-central-1", account: ACCOUNT },
  ]),
  store(4, "app-2", "rds-instance", "aws:rds/instance:Instance", "billing", [
    { kind: "rds-backup-replication", via: ["urn:rdsrepl"], means: "pitr", region: "eu-central-1", sourceArn: DB_ARN, target: "billing" },
    { kind: "rds-final-snapshot", via: ["urn:db"], means: "snapshot", snapshot: "billing-final", region: "eu-west-1", engine: null, target: "billing" },
  ]),
  store(5, "app-2", "rds-instance", "aws:rds/instance:Instance", "ledger", [
    { kind: "rds-final-snapshot", via: ["urn:db2"], means: "snapshot", snapshot: "ledger-final", region: "eu-west-1", engine: null, target: "ledger" },
  ]),
  store(6, "app-3", "efs", "aws:efs/fileSystem:FileSystem", "fs-0abc", [
    {
      kind: "aws-backup",
      via: ["urn:sel"],
      means: "restore",
      vault: { arn: `arn:aws:backup:eu-central-1:${ACCOUNT}:backup-vault:dr`, name: "dr", region: "eu-central-1", account: ACCOUNT },
      recoveryPointsOf: `arn:aws:elasticfilesystem:eu-west-1:${ACCOUNT}:file-system/fs-0abc`,
      restore: {
        resourceType: "EFS",
        region: "eu-central-1",
        iamRoleArn: null,
        metadata: { "file-system-id": "fs-0abc", newFileSystem: "true", CreationToken: "fs-0abc", Encrypted: "true", PerformanceMode: "generalPurpose" },
        target: "fs-0abc",
      },
    },
  ]),
  // A name with a quote and a dollar sign: the script must pass it through as one word.
  store(7, "app-3", "s3", "aws:s3/bucket:Bucket", "it's-$HOME", []),
];

export function sampleRunbook(): Runbook {
  return Runbook.parse({
    schemaVersion: 1,
    kind: "blastguard-restore-runbook",
    input: { label: "preview.json", digest: "sha256:00", inventoryComplete: true },
    levels: ["tenant", "site", "app"],
    summary: { stores: 7, restorable: 6, notRestorable: 1 },
    groups: ["app-1", "app-2", "app-3"].map((app) => ({ path: `tenant-acme/site-9/${app}`, scope: scope(app), stores: stores.filter((s) => s.scope.app === app) })),
  });
}

/** The stand-in cloud after the deletion: every copy is there, no store is. */
export const afterDeletion = {
  recoveryPoints: [
    { region: "eu-central-1", vault: "dr", resourceArn: TABLE_ARN, arn: "arn:rp:orders-old", status: "COMPLETED", created: "2026-11-30T03:00:00Z" },
    { region: "eu-central-1", vault: "dr", resourceArn: TABLE_ARN, arn: "arn:rp:orders-new", status: "COMPLETED", created: "2026-12-01T03:00:00Z" },
    { region: "eu-central-1", vault: "dr", resourceArn: TABLE_ARN, arn: "arn:rp:orders-partial", status: "PARTIAL", created: "2026-12-01T04:00:00Z" },
    { region: "eu-central-1", vault: "dr", resourceArn: `arn:aws:elasticfilesystem:eu-west-1:${ACCOUNT}:file-system/fs-0abc`, arn: "arn:rp:fs", status: "COMPLETED", created: "2026-12-01T03:00:00Z" },
  ],
  stores: [
    { service: "s3", region: "eu-central-1", name: "bg-data-dr" },
    { service: "dynamodb", region: "eu-central-1", name: "sessions" },
  ],
  automatedBackups: [{ region: "eu-central-1", instance: "billing", arn: "arn:aws:rds:eu-central-1:123456789012:auto-backup:ab-billing" }],
  snapshots: [{ region: "eu-west-1", id: "ledger-final" }],
};
