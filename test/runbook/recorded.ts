// What the recorded scenarios say, read straight from their files (never from the code under
// test): which customer-data stores a preview destroys, where their copies are in the prior
// state, and a stand-in cloud as it would be after the change (every store the change leaves
// exists; the tenant's backup plan has run once).
import { readFileSync } from "node:fs";
import type { StandinState } from "./support.js";

const STORE_TYPES = new Set([
  "aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2", "aws:dynamodb/table:Table",
  "aws:rds/instance:Instance", "aws:rds/cluster:Cluster", "aws:efs/fileSystem:FileSystem",
]);
const CLASS_TAG = "blastguard:data-class";

interface StateResource {
  urn: string;
  type: string;
  custom?: boolean;
  retainOnDelete?: boolean;
  outputs?: Record<string, unknown>;
}

const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));
export const stateResources = (file: string): StateResource[] => readJson(file).deployment.resources;

function isCustomerData(r: StateResource): boolean {
  const tags = (r.outputs?.["tags"] ?? {}) as Record<string, unknown>;
  const cls = tags[CLASS_TAG];
  return cls === undefined ? STORE_TYPES.has(r.type) : cls === "customer";
}

/** URNs of the customer-data stores a preview digest deletes or replaces, minus those retainOnDelete keeps. */
export function destroyedCustomerData(previewFile: string): string[] {
  const steps = readJson(previewFile).steps as { op: string; urn: string; oldState?: StateResource }[];
  const urns = new Set<string>();
  for (const s of steps) {
    if (!["delete", "replace", "delete-replaced"].includes(s.op) || !s.oldState) continue;
    const old = s.oldState;
    if (old.custom !== true || old.retainOnDelete === true || !isCustomerData(old)) continue;
    urns.add(s.urn);
  }
  return [...urns].sort();
}

const out = (r: StateResource, key: string) => r.outputs?.[key] as string;
export const nameOf = (r: StateResource) => out(r, r.type.startsWith("aws:s3/") ? "bucket" : "name");

export function byUrn(stateFile: string, urn: string): StateResource {
  const r = stateResources(stateFile).find((x) => x.urn === urn);
  if (!r) throw new Error(`${urn} is not in ${stateFile}`);
  return r;
}

/** The bucket a bucket replicates to, from its BucketReplicationConfig in the state. */
export function replicaOf(stateFile: string, bucket: string): string {
  const config = stateResources(stateFile).find((r) => r.type === "aws:s3/bucketReplicationConfig:BucketReplicationConfig" && out(r, "bucket") === bucket);
  const rules = config?.outputs?.["rules"] as { destination: { bucket: string } }[];
  return rules[0]!.destination.bucket.replace("arn:aws:s3:::", "");
}

/** The destination vault (name, region) of a tenant's backup plan copy action, from the state. */
export function drVaultOf(stateFile: string, tenant: string): { name: string; region: string } {
  const plan = stateResources(stateFile).find((r) => r.type === "aws:backup/plan:Plan" && out(r, "name") === `${tenant}-daily`);
  const rules = plan?.outputs?.["rules"] as { copyActions: { destinationVaultArn: string }[] }[];
  const arn = rules[0]!.copyActions[0]!.destinationVaultArn;
  return { name: arn.split(":backup-vault:")[1]!, region: arn.split(":")[3]! };
}

/** The cloud after the change: the stores it leaves, and one completed recovery point per table in every vault. */
export function cloudAfter(stateFile: string, destroyed: readonly string[]): StandinState {
  const resources = stateResources(stateFile);
  const gone = new Set(destroyed);
  const stores = resources
    .filter((r) => (r.type === "aws:s3/bucket:Bucket" || r.type === "aws:dynamodb/table:Table") && !gone.has(r.urn))
    .map((r) => ({ service: r.type.startsWith("aws:s3/") ? "s3" : "dynamodb", region: out(r, "region"), name: nameOf(r) }));
  const vaults = resources.filter((r) => r.type === "aws:backup/vault:Vault");
  const tables = resources.filter((r) => r.type === "aws:dynamodb/table:Table");
  const recoveryPoints = tables.flatMap((t) =>
    vaults.map((v) => ({
      region: out(v, "region"),
      vault: out(v, "name"),
      resourceArn: out(t, "arn"),
      arn: `arn:aws:backup:${out(v, "region")}:123456789012:recovery-point:${nameOf(t)}-${out(v, "name")}`,
      status: "COMPLETED",
      created: "2026-12-01T03:00:00Z",
    })),
  );
  return { stores, recoveryPoints };
}
