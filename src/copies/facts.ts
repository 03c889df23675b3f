// The copy facts: for every data store, the paths by which a copy of its data reaches another
// location, computed once in TypeScript (src/copies/build.ts) and handed to Rego as
// `input.copies`. The policies decide (how many regions and accounts, which paths survive the
// change, what is unverifiable); these facts only say what each mechanism does.

/** The mechanism that makes a copy. */
export type CopyMechanism =
  | "backup" // AWS Backup: a selection covers the store, its plan's rule copies to another vault
  | "s3-replication" // S3 replication (inline replicationConfiguration or BucketReplicationConfig)
  | "dynamodb-replica" // a DynamoDB global table replica (inline `replicas` or TableReplica)
  | "rds-backup-replication" // RDS automated backups replicated to another region
  | "rds-read-replica" // an RDS read replica (cross-region when its region differs)
  | "efs-replication"; // EFS replication to a file system in another region

/** Where a copy lands, with the identifiers a restore needs (null: not known). */
export interface CopyDestination {
  region: string | null;
  account: string | null;
  /** AWS Backup: the destination vault. */
  vault_arn?: string | null;
  vault_name?: string | null;
  /** AWS Backup: the recovery points are those of this resource ARN (the store's). */
  resource_arn?: string | null;
  /** AWS Backup: the plan's id and the rule's name. */
  plan_id?: string | null;
  rule_name?: string | null;
  /** S3 replication: the destination bucket (ARN and name). */
  bucket_arn?: string | null;
  bucket?: string | null;
  /** EFS replication: the destination file system id; RDS read replica: its identifier or ARN. */
  target_id?: string | null;
}

export interface CopyPath {
  mechanism: CopyMechanism;
  /** The URNs that make new copies (selection and plan, replication config, the replica). */
  via: string[];
  destination: CopyDestination;
  /** false when the mechanism copies only part of the store (an S3 rule with a filter). */
  full: boolean;
  /** "unverifiable" when a value that decides the path is unknown; `why` says which. */
  status: "known" | "unverifiable";
  why: string | null;
  /**
   * The URNs that hold the copied data or must exist for it to be restorable (destination
   * vault, destination bucket, the replica, the store itself for inline replicas that die with
   * it). The path survives a change that destroys none of them.
   */
  needs: string[];
}

/** A copy path and the views it exists in ("before": prior states; "after": goal states). */
export type ViewedPath = CopyPath & { before: boolean; after: boolean };

/** Where the store itself is, in one view. */
export interface StoreView {
  arn: string | null;
  region: string | null;
  account: string | null;
}

export interface StoreCopies {
  /** True for a data store by type (built-in list or config `dataClass.storeTypes`). */
  data_store: boolean;
  /** The store's own ARN, region and account per view; null when it has no such state. */
  before: StoreView | null;
  after: StoreView | null;
  /** Its copy paths, each once, flagged with the views it exists in. */
  paths: ViewedPath[];
  /**
   * A copy holder: the destination of another store's copy (a replica bucket, a read replica)
   * that copies nowhere itself. The location rule does not ask a copy of a copy.
   */
  holder: boolean;
}

/** A context resource (another stack's, read-only) that some path needs or goes via. */
export interface ContextResource {
  urn: string;
  name: string;
  type: string;
  op: string;
  /** True when its own change destroys it (removed and not retained). */
  destroyed: boolean;
}

/** `input.copies`. */
export interface CopyFacts {
  /** By store URN: every cloud resource that is a data store type or carries a data-class tag. */
  stores: Record<string, StoreCopies>;
  /** By URN: the context resources that paths refer to (none without context). */
  context: Record<string, ContextResource>;
}
