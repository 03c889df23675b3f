// Builds the restore runbook from what the check already knows: the stores the policies count as
// destroyed customer data (the same set as the blast radius), their scopes, their prior states,
// and the copy facts (src/copies/: which copy paths each store had before the change and what
// each path needs to survive). Nothing here decides whether a copy counts for the verdict; it
// only turns the surviving paths into restore steps.
import type { Value } from "../model/changeset.js";
import type { PolicyInput } from "../engine/input.js";
import type { CopyFacts, CopyPath, StoreView } from "../copies/facts.js";
import { RUNBOOK_SCHEMA_VERSION, type Copy, type Group, type Runbook, type Store, type StoreService, type UnusableCopy } from "./model.js";

type Resource = PolicyInput["resources"][number];

export interface RunbookSource {
  label: string;
  digest: string;
  inventoryComplete: boolean;
  /** Scope level names, outermost first. */
  levels: readonly string[];
  resources: readonly Resource[];
  /** URNs the change destroys (deleted or replaced, not retained), by the policies' classification. */
  destroyed: ReadonlySet<string>;
  /** Of those, the customer-data stores. */
  customerData: ReadonlySet<string>;
  copies: CopyFacts;
}

const SERVICES: Record<string, StoreService> = {
  "aws:s3/bucket:Bucket": "s3",
  "aws:s3/bucketV2:BucketV2": "s3",
  "aws:dynamodb/table:Table": "dynamodb",
  "aws:rds/instance:Instance": "rds-instance",
  "aws:rds/cluster:Cluster": "rds-cluster",
  "aws:efs/fileSystem:FileSystem": "efs",
};

/** The property that holds each service's own name for the store. */
const NAME_KEYS: Record<StoreService, readonly string[]> = {
  s3: ["bucket"],
  dynamodb: ["name"],
  "rds-instance": ["identifier"],
  "rds-cluster": ["clusterIdentifier"],
  efs: [],
  other: ["name"],
};

const known = (v: Value | undefined): string | null => (typeof v === "string" && v !== "" && v !== "[secret]" ? v : null);

/** Directness: live data first, then copies back, then restores from backups. */
const ORDER: Record<Copy["kind"], number> = {
  "dynamodb-replica": 0,
  "efs-replication": 0,
  "rds-read-replica": 0,
  "s3-replication": 1,
  "rds-backup-replication": 2,
  "aws-backup": 3,
  "rds-final-snapshot": 4,
};

interface StoreContext {
  r: Resource;
  service: StoreService;
  identifiers: Store["identifiers"];
  /** The name the restored store gets: its own, or beside the replacement when it is replaced. */
  target: string | null;
  source: RunbookSource;
  byUrn: ReadonlyMap<string, Resource>;
}

function backupMetadata(ctx: StoreContext, target: string): { resourceType: "DynamoDB" | "RDS" | "Aurora" | "EFS" | "S3"; metadata: Record<string, string> } | null {
  switch (ctx.service) {
    case "dynamodb":
      return { resourceType: "DynamoDB", metadata: { targetTableName: target } };
    case "rds-instance":
      return { resourceType: "RDS", metadata: { DBInstanceIdentifier: target } };
    case "rds-cluster": {
      const engine = known(ctx.r.before?.props["engine"]);
      return { resourceType: "Aurora", metadata: { DBClusterIdentifier: target, ...(engine ? { Engine: engine } : {}) } };
    }
    case "efs":
      return ctx.identifiers.id
        ? { resourceType: "EFS", metadata: { "file-system-id": ctx.identifiers.id, newFileSystem: "true", CreationToken: target, Encrypted: "true", PerformanceMode: "generalPurpose" } }
        : null;
    case "s3":
      return { resourceType: "S3", metadata: { DestinationBucketName: target, NewBucket: "true" } };
    case "other":
      return null;
  }
}

/** The IAM role of the backup selection a backup path goes through, from its prior state. */
function selectionRole(path: CopyPath, ctx: StoreContext): string | null {
  for (const urn of path.via) {
    const r = ctx.byUrn.get(urn);
    if (r?.type === "aws:backup/selection:Selection") return known(r.before?.props["iamRoleArn"]);
  }
  return null;
}

const bucketOfArn = (arn: string | null | undefined): string | null => (arn?.startsWith("arn:aws:s3:::") ? arn.slice("arn:aws:s3:::".length) || null : null);

/** One surviving path as a restore step, or why it cannot be one. */
function toCopy(path: CopyPath, ctx: StoreContext): Copy | string {
  const d = path.destination;
  const { region, account } = d;
  if (path.status !== "known") return path.why ?? "the path is not known for certain at check time";
  if (!region) return "the copy's region is unknown";
  const base = { via: [...path.via] };
  const where = `${ctx.identifiers.region ?? "its region"}`;
  switch (path.mechanism) {
    case "backup": {
      const vaultArn = d.vault_arn ?? null;
      const recoveryPointsOf = d.resource_arn ?? ctx.identifiers.arn;
      if (!vaultArn) return "the destination vault's ARN is unknown";
      if (!recoveryPointsOf) return "the store's ARN is unknown, so its recovery points cannot be looked up";
      if (!ctx.target) return "the store's name is unknown";
      const restore = backupMetadata(ctx, ctx.target);
      if (!restore) return `an AWS Backup restore of ${ctx.r.type} is not automated here`;
      const vaultName = d.vault_name ?? vaultArn.split(":backup-vault:")[1] ?? vaultArn;
      return {
        kind: "aws-backup",
        ...base,
        means: `restore the newest completed recovery point of ${recoveryPointsOf} in vault ${vaultName} (${region}) as ${ctx.target} in ${region}`,
        vault: { arn: vaultArn, name: vaultName, region, account },
        recoveryPointsOf,
        restore: { resourceType: restore.resourceType, region, iamRoleArn: selectionRole(path, ctx), metadata: restore.metadata, target: ctx.target },
      };
    }
    case "s3-replication": {
      const bucket = d.bucket ?? bucketOfArn(d.bucket_arn);
      if (!bucket) return "the replica bucket is unknown";
      if (!ctx.target || !ctx.identifiers.region) return "the bucket's name or region is unknown";
      return {
        kind: "s3-replication",
        ...base,
        means: `copy the objects of replica bucket ${bucket} (${region}) back into a new bucket ${ctx.target} in ${where}, or point the app at the replica`,
        bucket,
        region,
        account,
        full: path.full,
        target: ctx.target,
      };
    }
    case "dynamodb-replica": {
      const table = ctx.identifiers.name;
      if (!table) return "the table's name is unknown";
      return { kind: "dynamodb-replica", ...base, means: `the table ${table} is live in ${region}: point the app at that region`, replica: table, region, account };
    }
    case "efs-replication":
    case "rds-read-replica": {
      const replica = d.target_id ?? null;
      if (!replica) return "the replica's identifier is unknown";
      const what = path.mechanism === "efs-replication" ? `file system ${replica}` : `read replica ${replica} (promote it)`;
      return { kind: path.mechanism, ...base, means: `the data is live in ${region} as ${what}: point the app at it`, replica, region, account };
    }
    case "rds-backup-replication": {
      if (!ctx.identifiers.arn) return "the database's ARN is unknown";
      if (!ctx.target) return "the database's identifier is unknown";
      return {
        kind: "rds-backup-replication",
        ...base,
        means: `restore ${ctx.target} in ${region} to the latest restorable time from the automated backups replicated from ${ctx.identifiers.arn}`,
        region,
        sourceArn: ctx.identifiers.arn,
        target: ctx.target,
      };
    }
  }
}

/** RDS takes a final snapshot on delete unless told to skip it: a way back in the same region. */
function finalSnapshot(ctx: StoreContext): Copy | null {
  if (ctx.service !== "rds-instance" && ctx.service !== "rds-cluster") return null;
  if (ctx.r.op !== "delete") return null; // a replaced database keeps its identifier; its snapshot name comes from the provider
  const props = ctx.r.before?.props ?? {};
  const snapshot = known(props["finalSnapshotIdentifier"]);
  if (props["skipFinalSnapshot"] !== false || !snapshot || !ctx.identifiers.region || !ctx.target) return null;
  const engine = ctx.service === "rds-cluster" ? known(props["engine"]) : null;
  if (ctx.service === "rds-cluster" && !engine) return null;
  return {
    kind: "rds-final-snapshot",
    via: [ctx.r.urn],
    means: `restore ${ctx.target} from its final snapshot ${snapshot} in ${ctx.identifiers.region}`,
    snapshot,
    region: ctx.identifiers.region,
    engine,
    target: ctx.target,
  };
}

function survives(path: CopyPath, source: RunbookSource): boolean {
  return path.needs.every((urn) => !source.destroyed.has(urn) && source.copies.context[urn]?.destroyed !== true);
}

function storeOf(r: Resource, source: RunbookSource, byUrn: ReadonlyMap<string, Resource>): Store {
  const service = SERVICES[r.type] ?? "other";
  const facts = source.copies.stores[r.urn];
  const view: StoreView | null = facts?.before ?? null;
  const props = r.before?.props ?? {};
  const name = NAME_KEYS[service].map((k) => known(props[k])).find((v) => v !== null) ?? null;
  const identifiers = {
    name,
    id: known(r.before?.id as Value | undefined),
    arn: view?.arn ?? null,
    region: view?.region ?? null,
    account: view?.account ?? null,
  };
  const target = name === null ? (service === "efs" ? identifiers.id : null) : r.op === "replace" ? `${name}-restored` : name;
  const ctx: StoreContext = { r, service, identifiers, target, source, byUrn };
  const copies: Copy[] = [];
  const unusableCopies: UnusableCopy[] = [];
  for (const path of facts?.paths ?? []) {
    if (!path.before || !survives(path, source)) continue;
    const copy = toCopy(path, ctx);
    if (typeof copy === "string") unusableCopies.push({ mechanism: path.mechanism, via: [...path.via], why: copy });
    else copies.push(copy);
  }
  const snapshot = finalSnapshot(ctx);
  if (snapshot) copies.push(snapshot);
  copies.sort((a, b) => ORDER[a.kind] - ORDER[b.kind]);
  const scope = Object.fromEntries(source.levels.map((l) => [l, r.scope[l] ?? null]));
  return {
    urn: r.urn,
    name: r.name,
    type: r.type,
    service,
    op: r.op as "delete" | "replace",
    scope,
    identifiers,
    copies,
    unusableCopies,
    restorable: copies.length > 0,
  };
}

const SHARED_PATH = "shared";

function pathOf(scope: Record<string, string | null>, levels: readonly string[]): string {
  const ids = levels.map((l) => scope[l]).filter((v): v is string => v !== null && v !== undefined);
  return ids.length === 0 ? SHARED_PATH : ids.join("/");
}

// Numbers in IDs sort as numbers (site-9 before site-10), the same on every machine.
const collator = new Intl.Collator("en", { numeric: true });
const byString = (a: string, b: string) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);

export function buildRunbook(source: RunbookSource): Runbook {
  const byUrn = new Map(source.resources.map((r) => [r.urn, r]));
  const groups = new Map<string, Group>();
  for (const r of source.resources) {
    if (!source.customerData.has(r.urn) || !source.destroyed.has(r.urn)) continue;
    if (r.op !== "delete" && r.op !== "replace") continue;
    const store = storeOf(r, source, byUrn);
    const path = pathOf(store.scope, source.levels);
    let group = groups.get(path);
    if (!group) {
      group = { path, scope: store.scope, stores: [] };
      groups.set(path, group);
    }
    group.stores.push(store);
  }
  const list = [...groups.values()].sort((a, b) =>
    a.path === SHARED_PATH ? 1 : b.path === SHARED_PATH ? -1 : byString(a.path, b.path),
  );
  for (const g of list) g.stores.sort((a, b) => byString(a.urn, b.urn));
  const stores = list.flatMap((g) => g.stores);
  const restorable = stores.filter((s) => s.restorable).length;
  return {
    schemaVersion: RUNBOOK_SCHEMA_VERSION,
    kind: "blastguard-restore-runbook",
    input: { label: source.label, digest: source.digest, inventoryComplete: source.inventoryComplete },
    levels: [...source.levels],
    summary: { stores: stores.length, restorable, notRestorable: stores.length - restorable },
    groups: list,
  };
}
