// What every tenant component needs from the stack: the two regions' providers and the shared
// service roles.
import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

export interface Regions {
  primary: string;
  dr: string;
}

export interface InfraContext {
  regions: Regions;
  primary: aws.Provider;
  dr: aws.Provider;
  /** Role AWS Backup assumes to back up and copy tenant tables. */
  backupRoleArn: pulumi.Output<string>;
  /** Role S3 assumes to replicate tenant buckets to the DR region. */
  replicationRoleArn: pulumi.Output<string>;
}
