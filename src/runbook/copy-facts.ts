// TEMPORARY: the shape of the copy facts (src/copies/facts.ts on the copies branch), until that
// branch is merged; then this file goes and build.ts imports the real types.
export interface CopyPath {
  id: string;
  mechanism: "backup" | "s3-replication" | "dynamodb-replica" | "rds-backup-replication" | "rds-read-replica" | "efs-replication";
  via: string[];
  destination: {
    region: string | null;
    account: string | null;
    vault_arn?: string | null;
    vault_name?: string | null;
    resource_arn?: string | null;
    bucket_arn?: string | null;
    bucket?: string | null;
    target_id?: string | null;
  };
  full: boolean;
  status: "known" | "unverifiable";
  why: string | null;
  needs: string[];
}
export interface StoreView {
  arn: string | null;
  region: string | null;
  account: string | null;
  paths: CopyPath[];
}
export interface CopyFacts {
  stores: Record<string, { before: StoreView | null }>;
  context: Record<string, { destroyed: boolean }>;
}
