// What the infra program promises about tenant data, as checks over the registered resources.
// Each check returns problems instead of throwing, so a test can both demand "no problems" for the
// real program and demand a specific problem for a program broken on purpose.
import { COMPONENT_TYPES, TAG_KEYS, type Scope } from "../../infra/scope.js";
import type { RegisteredResource } from "./harness.js";

export const TYPES = {
  bucket: "aws:s3/bucket:Bucket",
  versioning: "aws:s3/bucketVersioning:BucketVersioning",
  encryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  replication: "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
  table: "aws:dynamodb/table:Table",
  vault: "aws:backup/vault:Vault",
  plan: "aws:backup/plan:Plan",
  selection: "aws:backup/selection:Selection",
} as const;

/** Types whose SDK class has a `tags` input, among those the program uses. */
export const TAGGABLE_TYPES = [TYPES.bucket, TYPES.table, TYPES.vault, TYPES.plan, "aws:sqs/queue:Queue", "aws:iam/role:Role"];

export interface Problem {
  tenant: string;
  urn: string;
  message: string;
}

type Obj = Record<string, any>;
const obj = (value: unknown): Obj => (typeof value === "object" && value !== null ? (value as Obj) : {});
const list = (value: unknown): Obj[] => (Array.isArray(value) ? value.map(obj) : []);

export class Inventory {
  readonly byUrn: Map<string, RegisteredResource>;
  constructor(readonly resources: RegisteredResource[]) {
    this.byUrn = new Map(resources.map((r) => [r.urn, r]));
  }

  ofType(type: string): RegisteredResource[] {
    return this.resources.filter((r) => r.type === type);
  }

  /** The scope the URN parent chain gives: the names of the Tenant, Site and App ancestors. */
  scopeOf(resource: RegisteredResource): Scope {
    const scope: Scope = {};
    for (let r = this.byUrn.get(resource.parent); r; r = this.byUrn.get(r.parent)) {
      if (r.type === COMPONENT_TYPES.tenant) scope.tenant = r.name;
      if (r.type === COMPONENT_TYPES.site) scope.site = r.name;
      if (r.type === COMPONENT_TYPES.app) scope.app = r.name;
    }
    return scope;
  }

  region(resource: RegisteredResource): string {
    return String(resource.outputs["region"] ?? "");
  }

  /** Buckets that some replication rule writes to: they are copies, not primary stores. */
  replicaBuckets(): Set<string> {
    const destinations = this.ofType(TYPES.replication).flatMap((c) => list(c.inputs["rules"]).map((rule) => obj(rule["destination"])["bucket"]));
    return new Set(this.ofType(TYPES.bucket).filter((b) => destinations.includes(b.outputs["arn"])).map((b) => b.urn));
  }

  /** Tenant buckets and tables that hold the data itself (not a DR copy of it). */
  tenantDataStores(): RegisteredResource[] {
    const replicas = this.replicaBuckets();
    return this.resources.filter(
      (r) => (r.type === TYPES.bucket || r.type === TYPES.table) && this.scopeOf(r).tenant && !replicas.has(r.urn),
    );
  }
}

function tagProblems(inv: Inventory, r: RegisteredResource, dataClass: string): string[] {
  const tags = obj(r.inputs["tags"]);
  const scope = inv.scopeOf(r);
  const expected: Record<string, string | undefined> = {
    [TAG_KEYS.tenant]: scope.tenant,
    [TAG_KEYS.site]: scope.site,
    [TAG_KEYS.app]: scope.app,
    [TAG_KEYS.dataClass]: dataClass,
  };
  return Object.entries(expected)
    .filter(([key, value]) => tags[key] !== value)
    .map(([key, value]) => `tag ${key} is ${JSON.stringify(tags[key])}, expected ${JSON.stringify(value)}`);
}

function bucketProblems(inv: Inventory, bucket: RegisteredResource): string[] {
  const problems: string[] = [];
  const onBucket = (type: string) => inv.ofType(type).filter((r) => r.inputs["bucket"] === bucket.id);
  if (!onBucket(TYPES.versioning).some((v) => obj(v.inputs["versioningConfiguration"])["status"] === "Enabled")) {
    problems.push("versioning is not enabled");
  }
  if (onBucket(TYPES.encryption).length === 0) problems.push("no server-side encryption configuration");
  const copies = onBucket(TYPES.replication)
    .flatMap((c) => list(c.inputs["rules"]))
    .filter((rule) => rule["status"] === "Enabled")
    .map((rule) => inv.ofType(TYPES.bucket).find((b) => b.outputs["arn"] === obj(rule["destination"])["bucket"]))
    .filter((copy): copy is RegisteredResource => copy !== undefined && inv.region(copy) !== inv.region(bucket));
  if (copies.length === 0) problems.push("no replica in a second region");
  for (const copy of copies) {
    if (!copy.protect || !copy.retainOnDelete) problems.push(`its DR copy ${copy.name} is not protected and retained`);
  }
  return problems;
}

/** AWS Backup picks a resource when its ARN matches a pattern and every condition holds. */
function selects(selection: RegisteredResource, target: RegisteredResource): boolean {
  const arn = String(target.outputs["arn"]);
  const toRegex = (pattern: string) => new RegExp(`^${pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
  const patterns = (selection.inputs["resources"] as string[] | undefined) ?? [];
  const tags = obj(target.inputs["tags"]);
  const equals = list(selection.inputs["conditions"]).flatMap((c) => list(c["stringEquals"]));
  return (
    patterns.some((p) => toRegex(p).test(arn)) &&
    equals.every((e) => tags[String(e["key"]).replace(/^aws:ResourceTag\//, "")] === e["value"])
  );
}

function tableProblems(inv: Inventory, table: RegisteredResource): string[] {
  const problems: string[] = [];
  if (table.inputs["deletionProtectionEnabled"] !== true) problems.push("cloud deletion protection is off");
  if (obj(table.inputs["pointInTimeRecovery"])["enabled"] !== true) problems.push("point-in-time recovery is off");
  if (obj(table.inputs["serverSideEncryption"])["enabled"] !== true) problems.push("encryption is off");
  const drVaults = inv.ofType(TYPES.vault).filter((v) => inv.region(v) !== inv.region(table));
  const copied = inv.ofType(TYPES.selection).some((selection) => {
    const plan = inv.ofType(TYPES.plan).find((p) => p.id === selection.inputs["planId"]);
    const copyTargets = list(plan?.inputs["rules"]).flatMap((rule) => list(rule["copyActions"]).map((a) => a["destinationVaultArn"]));
    return selects(selection, table) && drVaults.some((v) => copyTargets.includes(v.outputs["arn"]));
  });
  if (!copied) problems.push("no backup copied to a vault in a second region");
  return problems;
}

/** Every promise about tenant data, for every tenant store; empty when the program keeps them all. */
export function tenantDataProblems(resources: RegisteredResource[]): Problem[] {
  const inv = new Inventory(resources);
  const problems: Problem[] = [];
  for (const store of inv.tenantDataStores()) {
    const found = [
      ...(store.protect ? [] : ["not protected"]),
      ...(store.retainOnDelete ? [] : ["not retainOnDelete"]),
      ...tagProblems(inv, store, "customer"),
      ...(store.type === TYPES.bucket ? bucketProblems(inv, store) : tableProblems(inv, store)),
    ];
    for (const message of found) problems.push({ tenant: inv.scopeOf(store).tenant ?? "", urn: store.urn, message });
  }
  return problems;
}

/** Every taggable resource carries the scope of its URN parent chain. */
export function labelProblems(resources: RegisteredResource[]): Problem[] {
  const inv = new Inventory(resources);
  return resources
    .filter((r) => TAGGABLE_TYPES.includes(r.type))
    .flatMap((r) => {
      const dataClass = [TYPES.bucket, TYPES.table, TYPES.vault].includes(r.type as never) ? "customer" : "internal";
      return tagProblems(inv, r, dataClass).map((message) => ({ tenant: inv.scopeOf(r).tenant ?? "", urn: r.urn, message }));
    });
}
