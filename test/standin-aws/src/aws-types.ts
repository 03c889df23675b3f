// What the stand-in knows about each AWS resource type: its naming input, the inputs whose change
// forces a replacement (taken from the real provider's schema for these types) and the outputs
// AWS computes (ids and ARNs in AWS's real formats).
import { ACCOUNT_ID, UNKNOWN, asString, digest, isObject, stableUuid, type Props, type Value } from "./values.js";

export interface Place {
  region: string;
  urn: string;
  /** The logical name the program gave the resource (last URN segment). */
  name: string;
}

export interface AwsType {
  /** Input holding the physical name; filled from the logical name when the program omits it. */
  nameProp?: string;
  forceNew: readonly string[];
  taggable: boolean;
  /** False for global services (IAM): no `region` output. */
  regional: boolean;
  /** The id and the outputs AWS computes, from the checked inputs. */
  computed(inputs: Props, place: Place): { id: string; outputs: Props };
}

const S3_HOSTED_ZONES: Record<string, string> = {
  "eu-west-1": "Z1BKCTXD74EZPE",
  "eu-central-1": "Z21DNDUVLTQW6Q",
  "us-east-1": "Z3AQBSTGFYJSTF",
  "us-west-2": "Z3BJ6K6RIION7M",
};

const arn = (service: string, region: string, resource: string): string =>
  `arn:aws:${service}:${region}:${ACCOUNT_ID}:${resource}`;

/** S3 sub-resources (versioning, encryption, replication, ...) are identified by their bucket. */
function bucketScoped(extra: readonly string[] = []): AwsType {
  return {
    forceNew: ["bucket", "expectedBucketOwner", "region", ...extra],
    taggable: false,
    regional: true,
    computed: (inputs) => ({ id: asString(inputs["bucket"]) ?? UNKNOWN, outputs: {} }),
  };
}

const KNOWN: Record<string, AwsType> = {
  "aws:s3/bucket:Bucket": {
    nameProp: "bucket",
    forceNew: ["bucket", "bucketPrefix", "objectLockEnabled", "region"],
    taggable: true,
    regional: true,
    computed: (inputs, place) => {
      const bucket = asString(inputs["bucket"]) ?? UNKNOWN;
      return {
        id: bucket,
        outputs: {
          arn: `arn:aws:s3:::${bucket}`,
          bucketDomainName: `${bucket}.s3.amazonaws.com`,
          bucketRegionalDomainName: `${bucket}.s3.${place.region}.amazonaws.com`,
          hostedZoneId: S3_HOSTED_ZONES[place.region] ?? "Z3AQBSTGFYJSTF",
        },
      };
    },
  },
  "aws:s3/bucketVersioning:BucketVersioning": bucketScoped(),
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": bucketScoped(),
  "aws:s3/bucketReplicationConfig:BucketReplicationConfig": bucketScoped(),
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": bucketScoped(),
  "aws:dynamodb/table:Table": {
    nameProp: "name",
    forceNew: ["name", "hashKey", "rangeKey", "localSecondaryIndexes", "region"],
    taggable: true,
    regional: true,
    computed: (inputs, place) => {
      const name = asString(inputs["name"]) ?? UNKNOWN;
      const outputs: Props = { arn: arn("dynamodb", place.region, `table/${name}`) };
      if (inputs["streamEnabled"] === true) {
        const label = "2026-01-01T00:00:00.000";
        outputs["streamLabel"] = label;
        outputs["streamArn"] = arn("dynamodb", place.region, `table/${name}/stream/${label}`);
      }
      const replicas = inputs["replicas"];
      if (Array.isArray(replicas)) {
        outputs["replicas"] = replicas.map((replica): Value => {
          if (!isObject(replica)) return replica;
          const replicaRegion = asString(replica["regionName"]) ?? UNKNOWN;
          return { ...replica, arn: arn("dynamodb", replicaRegion, `table/${name}`) };
        });
      }
      return { id: name, outputs };
    },
  },
  "aws:backup/vault:Vault": {
    nameProp: "name",
    forceNew: ["name", "kmsKeyArn", "region"],
    taggable: true,
    regional: true,
    computed: (inputs, place) => {
      const name = asString(inputs["name"]) ?? UNKNOWN;
      return { id: name, outputs: { arn: arn("backup", place.region, `backup-vault:${name}`), recoveryPoints: 0 } };
    },
  },
  "aws:backup/plan:Plan": {
    nameProp: "name",
    forceNew: ["name", "region"],
    taggable: true,
    regional: true,
    computed: (_inputs, place) => {
      const id = stableUuid(place.urn);
      return {
        id,
        outputs: { arn: arn("backup", place.region, `backup-plan:${id}`), version: digest(`${place.urn}#v`, 32) },
      };
    },
  },
  "aws:backup/selection:Selection": {
    nameProp: "name",
    forceNew: ["name", "planId", "iamRoleArn", "resources", "notResources", "selectionTags", "conditions", "region"],
    taggable: false,
    regional: true,
    computed: (_inputs, place) => ({ id: stableUuid(place.urn), outputs: {} }),
  },
  "aws:iam/role:Role": {
    nameProp: "name",
    forceNew: ["name", "namePrefix", "path"],
    taggable: true,
    regional: false,
    computed: (inputs, place) => {
      const name = asString(inputs["name"]) ?? UNKNOWN;
      const path = asString(inputs["path"]) ?? "/";
      return {
        id: name,
        outputs: {
          arn: `arn:aws:iam::${ACCOUNT_ID}:role${path}${name}`,
          uniqueId: `AROA${digest(place.urn, 17).toUpperCase()}`,
          createDate: "2026-01-01T00:00:00Z",
          path,
        },
      };
    },
  },
  "aws:iam/rolePolicy:RolePolicy": {
    nameProp: "name",
    forceNew: ["name", "namePrefix", "role"],
    taggable: false,
    regional: false,
    computed: (inputs) => ({ id: `${asString(inputs["role"]) ?? UNKNOWN}:${asString(inputs["name"]) ?? UNKNOWN}`, outputs: {} }),
  },
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": {
    forceNew: ["role", "policyArn"],
    taggable: false,
    regional: false,
    computed: (inputs, place) => ({ id: `${asString(inputs["role"]) ?? UNKNOWN}-${digest(place.urn, 26)}`, outputs: {} }),
  },
  "aws:sqs/queue:Queue": {
    nameProp: "name",
    forceNew: ["name", "namePrefix", "fifoQueue", "region"],
    taggable: true,
    regional: true,
    computed: (inputs, place) => {
      const name = asString(inputs["name"]) ?? UNKNOWN;
      const url = `https://sqs.${place.region}.amazonaws.com/${ACCOUNT_ID}/${name}`;
      return { id: url, outputs: { arn: arn("sqs", place.region, name), url } };
    },
  },
};

/**
 * Types the stand-in does not model are accepted: inputs echo back as outputs, with an id and
 * an ARN shaped `arn:aws:<service>:<region>:<account>:<type>/<id>`.
 */
function generic(type: string): AwsType {
  const [, module = "unknown", kind = "Resource"] = /^aws:([^/]+)\/[^:]*:(.+)$/.exec(type) ?? [];
  return {
    nameProp: undefined,
    forceNew: ["region"],
    taggable: true,
    regional: true,
    computed: (inputs, place) => {
      const id = asString(inputs["name"]) ?? `${place.name}-${digest(place.urn)}`;
      return { id, outputs: { arn: arn(module, place.region, `${kind.toLowerCase()}/${id}`) } };
    },
  };
}

export function awsType(type: string): AwsType {
  return KNOWN[type] ?? generic(type);
}

export function isModelled(type: string): boolean {
  return type in KNOWN;
}
