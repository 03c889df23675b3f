// Stack-wide resources outside every tenant: the service roles tenants use, and the shared
// customer-contact store. Nothing in the tenants file reaches them.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { Regions } from "./context";
import { dataStoreOptions } from "./protection";
import { COMPONENT_TYPES } from "./scope";

const assumedBy = (service: string): string =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
  });

export class SharedPlatform extends pulumi.ComponentResource {
  readonly backupRole: aws.iam.Role;
  readonly replicationRole: aws.iam.Role;
  readonly contacts: aws.dynamodb.Table;

  constructor(regions: Regions, primary: aws.Provider, opts: pulumi.ComponentResourceOptions = {}) {
    super(COMPONENT_TYPES.shared, "shared", {}, opts);
    const own = { parent: this, provider: primary };

    this.backupRole = new aws.iam.Role(
      "blastguard-backup",
      { name: "blastguard-backup", assumeRolePolicy: assumedBy("backup.amazonaws.com") },
      own,
    );
    new aws.iam.RolePolicyAttachment(
      "blastguard-backup",
      {
        role: this.backupRole.name,
        policyArn: "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
      },
      own,
    );

    this.replicationRole = new aws.iam.Role(
      "blastguard-replication",
      { name: "blastguard-replication", assumeRolePolicy: assumedBy("s3.amazonaws.com") },
      own,
    );
    new aws.iam.RolePolicy(
      "blastguard-replication",
      {
        name: "replicate-tenant-buckets",
        role: this.replicationRole.name,
        policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Action: ["s3:GetReplicationConfiguration", "s3:ListBucket", "s3:GetObjectVersion*"],
              Resource: ["arn:aws:s3:::bg-*"],
            },
            {
              Effect: "Allow",
              Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"],
              Resource: ["arn:aws:s3:::bg-*/*"],
            },
          ],
        }),
      },
      own,
    );

    // A global table: its replica in the DR region is the copy.
    this.contacts = new aws.dynamodb.Table(
      "customer-contacts",
      {
        name: "customer-contacts",
        billingMode: "PAY_PER_REQUEST",
        hashKey: "contactId",
        attributes: [{ name: "contactId", type: "S" }],
        streamEnabled: true,
        streamViewType: "NEW_AND_OLD_IMAGES",
        deletionProtectionEnabled: true,
        pointInTimeRecovery: { enabled: true },
        serverSideEncryption: { enabled: true },
        replicas: [{ regionName: regions.dr, pointInTimeRecovery: true, deletionProtectionEnabled: true, propagateTags: true }],
      },
      { ...own, ...dataStoreOptions("primary", false) },
    );
    this.registerOutputs({});
  }
}
