// The restore runbook: for every customer-data store a change destroys (deleted or replaced;
// retainOnDelete keeps the cloud object, so those are not listed), where a copy of its data
// survives the change and what restoring from it means. It is a plan, written at check time and
// executed later by the script `blastguard runbook` generates: values that only exist after the
// deletion (the newest recovery point, the automated backup's ARN) are looked up when it runs,
// never guessed now. Versioned; the JSON Schema is generated from this zod schema.
import { z } from "zod";

export const RUNBOOK_SCHEMA_VERSION = 1;

/** A value from the store's or the copy's state; null when unknown at check time or secret. */
const Maybe = z.string().nullable();

const Common = {
  /** The URNs of the resources that make the copy (selection and plan, replication config, replica). */
  via: z.array(z.string()),
  /** What restoring from this copy means, in one sentence. */
  means: z.string(),
};

/** AWS Backup: recovery points of the store copied into a vault in another location. */
export const BackupCopy = z.strictObject({
  kind: z.literal("aws-backup"),
  ...Common,
  vault: z.strictObject({ arn: z.string(), name: z.string(), region: z.string(), account: Maybe }),
  /** The resource ARN whose recovery points are listed in the vault when the script runs (the newest completed one is used). */
  recoveryPointsOf: z.string(),
  restore: z.strictObject({
    /** StartRestoreJob's resource type. */
    resourceType: z.enum(["DynamoDB", "RDS", "Aurora", "EFS", "S3"]),
    /** Restore jobs run in the vault's region. */
    region: z.string(),
    /** The role of the backup selection that covers the store; the script takes another with --role-arn. */
    iamRoleArn: Maybe,
    /** StartRestoreJob metadata for the resource type (target name, new resource). */
    metadata: z.record(z.string(), z.string()),
    /** The name the restored store gets (what the script checks before it restores). */
    target: z.string(),
  }),
});

/** S3 replication: the objects live on in a replica bucket. */
export const S3ReplicaCopy = z.strictObject({
  kind: z.literal("s3-replication"),
  ...Common,
  bucket: z.string(),
  region: z.string(),
  account: Maybe,
  /** false when the replication rule copies only part of the bucket (a filter). */
  full: z.boolean(),
  /** The bucket the script creates and copies the replica's objects into. */
  target: z.string(),
});

/** A replica that is itself live data in another region: nothing to copy, the app moves there. */
export const LiveReplicaCopy = z.strictObject({
  kind: z.enum(["dynamodb-replica", "efs-replication", "rds-read-replica"]),
  ...Common,
  /** The replica's name: the table name, the destination file system id, the replica's identifier. */
  replica: z.string(),
  region: z.string(),
  account: Maybe,
});

/** RDS automated backups replicated to another region: restore to the latest restorable time there. */
export const RdsBackupReplicationCopy = z.strictObject({
  kind: z.literal("rds-backup-replication"),
  ...Common,
  region: z.string(),
  /** The deleted instance's ARN: its retained automated backups are looked up in `region` when the script runs. */
  sourceArn: z.string(),
  target: z.string(),
});

/** The final snapshot RDS takes when the instance or cluster is deleted. */
export const RdsFinalSnapshotCopy = z.strictObject({
  kind: z.literal("rds-final-snapshot"),
  ...Common,
  snapshot: z.string(),
  region: z.string(),
  /** A cluster's engine (restoring a cluster needs it); null for an instance. */
  engine: Maybe,
  target: z.string(),
});

export const Copy = z.discriminatedUnion("kind", [BackupCopy, S3ReplicaCopy, LiveReplicaCopy, RdsBackupReplicationCopy, RdsFinalSnapshotCopy]);
export type Copy = z.infer<typeof Copy>;

/** A copy path the copy facts list for the store that cannot be used to restore it, and why. */
export const UnusableCopy = z.strictObject({ mechanism: z.string(), via: z.array(z.string()), why: z.string() });
export type UnusableCopy = z.infer<typeof UnusableCopy>;

export const StoreService = z.enum(["s3", "dynamodb", "rds-instance", "rds-cluster", "efs", "other"]);
export type StoreService = z.infer<typeof StoreService>;

export const Store = z.strictObject({
  urn: z.string(),
  /** The Pulumi resource name and type. */
  name: z.string(),
  type: z.string(),
  service: StoreService,
  op: z.enum(["delete", "replace"]),
  /** Unit IDs per scope level (null: none), from the store's prior state. */
  scope: z.record(z.string(), z.string().nullable()),
  /** From the store's prior state (what the cloud holds now). */
  identifiers: z.strictObject({ name: Maybe, id: Maybe, arn: Maybe, region: Maybe, account: Maybe }),
  /** Surviving copies, the most direct first; empty when the store is not restorable. */
  copies: z.array(Copy),
  unusableCopies: z.array(UnusableCopy),
  restorable: z.boolean(),
});
export type Store = z.infer<typeof Store>;

export const Group = z.strictObject({
  /** tenant/site/app of the unit, "shared" for stores outside every unit. */
  path: z.string(),
  scope: z.record(z.string(), z.string().nullable()),
  stores: z.array(Store),
});
export type Group = z.infer<typeof Group>;

export const Runbook = z.strictObject({
  schemaVersion: z.literal(RUNBOOK_SCHEMA_VERSION),
  kind: z.literal("blastguard-restore-runbook"),
  input: z.strictObject({
    label: z.string(),
    digest: z.string(),
    /** false when the input lists only changed resources: copies outside the change are not seen. */
    inventoryComplete: z.boolean(),
  }),
  /** The scope levels, outermost first (the keys of every `scope`). */
  levels: z.array(z.string()),
  summary: z.strictObject({ stores: z.number().int(), restorable: z.number().int(), notRestorable: z.number().int() }),
  /** Grouped by unit (tenant, site, app), in path order; shared last. */
  groups: z.array(Group),
});
export type Runbook = z.infer<typeof Runbook>;

/** The runbook as the report carries it: the report's own `input` says which change it is. */
export const RunbookSection = Runbook.omit({ input: true });
export type RunbookSection = z.infer<typeof RunbookSection>;

/** The runbook's JSON Schema (draft 2020-12), generated from the zod schema. */
export function runbookJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(Runbook, { target: "draft-2020-12" }) as Record<string, unknown>;
}
