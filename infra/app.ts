// One app of a site: its customer-data stores (an S3 bucket replicated to the DR region and a
// DynamoDB table covered by the tenant's backup plan) and one internal resource.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { InfraContext } from "./context";
import type { AppSpec } from "./model";
import { dataStoreOptions } from "./protection";
import { COMPONENT_TYPES, declareScope } from "./scope";

export interface AppScope {
  tenant: string;
  site: string;
  /** True when the app, its site or its tenant is being decommissioned. */
  decommissioning: boolean;
}

export class App extends pulumi.ComponentResource {
  readonly bucket: aws.s3.Bucket;
  readonly drBucket?: aws.s3.Bucket;
  readonly table: aws.dynamodb.Table;
  readonly queue: aws.sqs.Queue;

  constructor(spec: AppSpec, scope: AppScope, ctx: InfraContext, opts: pulumi.ComponentResourceOptions) {
    super(COMPONENT_TYPES.app, spec.id, {}, opts);
    declareScope(this, { tenant: scope.tenant, site: scope.site, app: spec.id });
    const decommissioning = scope.decommissioning || spec.decommissioning;
    const primary = { parent: this, provider: ctx.primary };
    const dr = { parent: this, provider: ctx.dr };

    this.bucket = this.versionedBucket(`${spec.id}-data`, ctx.regions.primary, {
      ...primary,
      ...dataStoreOptions("primary", decommissioning),
    });
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${spec.id}-data`,
      {
        bucket: this.bucket.id,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" }, bucketKeyEnabled: true }],
      },
      primary,
    );

    if (spec.bucketReplication) {
      this.drBucket = this.versionedBucket(`${spec.id}-data-dr`, ctx.regions.dr, {
        ...dr,
        ...dataStoreOptions("dr-copy", decommissioning),
      });
      new aws.s3.BucketReplicationConfig(
        `${spec.id}-data`,
        {
          bucket: this.bucket.id,
          role: ctx.replicationRoleArn,
          rules: [
            {
              id: "dr-copy",
              status: "Enabled",
              filter: {},
              deleteMarkerReplication: { status: "Disabled" },
              destination: { bucket: this.drBucket.arn, storageClass: "STANDARD" },
            },
          ],
        },
        primary,
      );
    }

    this.table = new aws.dynamodb.Table(
      `${spec.id}-records`,
      {
        name: `${spec.id}-records`,
        billingMode: "PAY_PER_REQUEST",
        hashKey: spec.recordsKey,
        attributes: [{ name: spec.recordsKey, type: "S" }],
        deletionProtectionEnabled: !decommissioning,
        pointInTimeRecovery: { enabled: true },
        serverSideEncryption: { enabled: true },
      },
      { ...primary, ...dataStoreOptions("primary", decommissioning) },
    );

    this.queue = new aws.sqs.Queue(`${spec.id}-events`, { name: `${spec.id}-events`, sqsManagedSseEnabled: true }, primary);
    this.registerOutputs({});
  }

  /** A bucket with versioning on (replication needs it on both sides; it also keeps old versions). */
  private versionedBucket(name: string, region: string, opts: pulumi.CustomResourceOptions): aws.s3.Bucket {
    const bucket = new aws.s3.Bucket(name, { bucket: `bg-${name}-${region}` }, opts);
    new aws.s3.BucketVersioning(
      name,
      { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
      { parent: this, provider: opts.provider },
    );
    return bucket;
  }
}
