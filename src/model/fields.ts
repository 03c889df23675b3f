// The resource properties policies may read. Readers copy only these top-level keys into the
// normalised document (sanitised: secrets become "[secret]", unknowns the marker), so the
// document handed to Wasm stays a small fraction of the input. A policy that needs another
// property adds its key here.
export const POLICY_PROPERTY_KEYS: ReadonlySet<string> = new Set([
  // identity and placement
  "arn", "region", "name", "bucket", "identifier", "clusterIdentifier",
  // labels
  "tags", "tagsAll", "labels",
  // cloud deletion protection and restore readiness
  "deletionProtection", "deletionProtectionEnabled", "skipFinalSnapshot", "finalSnapshotIdentifier",
  "backupRetentionPeriod", "forceDestroy", "pointInTimeRecovery",
  // versioning and replication
  "versioning", "versioningConfiguration", "replicationConfiguration", "replicas", "replica",
  // backup plans, selections and vaults
  "rules", "rule", "planId", "resources", "selectionTags", "conditions", "notResources", "iamRoleArn",
  "backupVaultName", "targetVaultName",
  // RDS cross-region automated backups
  "sourceDbInstanceArn", "sourceDbClusterArn",
  // customer-data copies (@pulumi/aws 7: legacy BucketV2 lists, TableReplica, EFS replication)
  "versionings", "replicationConfigurations", "globalTableArn", "sourceFileSystemId", "destination",
  // more copy facts: aws-native names, RDS read replicas
  "bucketName", "tableName", "replicateSourceDb",
  // storage and encryption
  "engine", "storageEncrypted", "kmsKeyId", "serverSideEncryption", "serverSideEncryptionConfiguration",
  "role", "destinationRegion",
]);
