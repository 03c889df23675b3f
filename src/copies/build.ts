// Builds the copy facts (src/copies/facts.ts) once per check: two indexed views of the stack
// (prior and goal states), each mechanism's adapter adding paths to the stores it covers. Cost
// is linear in resources plus rules: every lookup goes through an index (ARN, name, id, tag,
// URN, or a literal-prefix range of sorted ARNs for wildcard patterns).
import type { Resource, ResourceState, Value } from "../model/changeset.js";
import { PLAN_TYPE, SELECTION_TYPE, VAULT_TYPES, addBackupPaths } from "./backup.js";
import type { ContextResource, CopyFacts, CopyPath, StoreCopies, StoreView, ViewedPath } from "./facts.js";
import { Locator, arnAccount, tagValue } from "./locate.js";
import { EFS_REPLICATION_TYPE, RDS_BACKUP_REPLICATION_TYPE, TABLE_REPLICA_TYPE, addReplicaPaths } from "./replicas.js";
import { REPLICATION_CONFIG_TYPE, addS3Paths } from "./s3.js";
import { S3_BUCKET_TYPES, StoreTypes } from "./stores.js";
import { MECHANISM, RELEVANT, STORE, type Store, ViewIndex } from "./view.js";

export interface CopyFactOptions {
  stackConfig: Record<string, Value>;
  /** config.dataClass.tagKey: a resource whose tag may say customer gets facts whatever its type. */
  tagKey: string;
  /** config.dataClass.storeTypes: more data-store type patterns. */
  storeTypes?: readonly string[];
  /** Other stacks' resources (read-only): they may provide copies and are never judged. */
  context?: readonly Resource[];
}

/** Resources the adapters read besides the stores (mechanisms, vaults, buckets and databases that receive copies): every type an adapter looks for among all nodes is here. */
const MECHANISM_TYPES = new Set([
  PLAN_TYPE, SELECTION_TYPE, ...VAULT_TYPES, REPLICATION_CONFIG_TYPE, TABLE_REPLICA_TYPE, RDS_BACKUP_REPLICATION_TYPE, EFS_REPLICATION_TYPE,
  ...S3_BUCKET_TYPES, "aws:rds/instance:Instance", "aws:efs/fileSystem:FileSystem",
]);

/** Accounts to try a pending store's ARN under: two that no real stack uses, plus the stack's own. */
function probeAccounts(resources: readonly Resource[]): string[] {
  const seen = new Set(["000000000000", "999999999999"]);
  for (const r of resources) {
    for (const s of [r.before, r.after]) {
      const arn = s?.props["arn"];
      const a = arnAccount(typeof arn === "string" ? arn : null);
      if (a !== null && !seen.has(a) && /^\d{12}$/.test(a)) seen.add(a);
    }
    if (seen.size > 6) break;
  }
  return [...seen];
}

/** A class tag value that is customer, or cannot be read (unknown at preview, secret). */
function mayDeclareCustomer(v: Value | undefined): boolean {
  if (v === undefined || v === null) return false;
  return typeof v !== "string" || v === "[secret]" || v.trim().toLowerCase() === "customer";
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function samePath(a: CopyPath, b: CopyPath): boolean {
  if (a.mechanism !== b.mechanism || a.status !== b.status || a.full !== b.full || a.why !== b.why) return false;
  if (!sameList(a.via, b.via) || !sameList(a.needs, b.needs)) return false;
  const da = a.destination as unknown as Record<string, unknown>;
  const db = b.destination as unknown as Record<string, unknown>;
  const keys = Object.keys(da);
  return keys.length === Object.keys(db).length && keys.every((k) => da[k] === db[k]);
}

/** Each path once, flagged with its views: a path that is the same before and after is kept once. */
function mergeViews(before: CopyPath[], after: CopyPath[]): ViewedPath[] {
  if (before.length === 0 && after.length === 0) return [];
  const out: ViewedPath[] = before.map((p) => ({ ...p, before: true, after: false }));
  for (const p of after) {
    const twin = out.find((q) => !q.after && samePath(q, p));
    if (twin) twin.after = true;
    else out.push({ ...p, before: false, after: true });
  }
  return out;
}

/** A flag of build.ts's own beside those of view.ts: the type is a data store type. */
const DATA_STORE = 8;

const destroys = (r: Resource) => r.kind === "cloud" && (r.op === "delete" || r.op === "replace") && r.before?.retain_on_delete !== true;

export function buildCopyFacts(resources: readonly Resource[], options: CopyFactOptions): CopyFacts {
  const context = options.context ?? [];
  const types = new StoreTypes(options.storeTypes);
  const locator = new Locator([...resources, ...context], options.stackConfig);
  // Facts go to every data store by type, and to any other resource whose class tag may say
  // customer (now or before the change): Rego decides the class, these only need to exist for it.
  const mayBeCustomer = (s: ResourceState | null) => s !== null && mayDeclareCustomer(tagValue(s.props, options.tagKey));
  // Decided once per resource (resources, then context) for both views.
  const flags = new Uint8Array(resources.length + context.length);
  for (let i = 0; i < flags.length; i++) {
    const r = i < resources.length ? resources[i]! : context[i - resources.length]!;
    const typed = types.has(r.type);
    const store = r.kind === "cloud" && (typed || mayBeCustomer(r.before) || mayBeCustomer(r.after));
    const mechanism = MECHANISM_TYPES.has(r.type) ? MECHANISM | RELEVANT : 0;
    flags[i] = (store ? STORE | RELEVANT : 0) | mechanism | (typed ? DATA_STORE : 0);
  }
  let probed: string[] | null = null;
  const accounts = () => (probed ??= probeAccounts(resources));
  const sources = new Set<string>();
  const destinations = new Set<string>();
  const views = (["before", "after"] as const).map((view) => {
    const ix = new ViewIndex(view, resources, context, flags, locator, accounts);
    addBackupPaths(ix, (urn) => destinations.add(urn));
    addS3Paths(ix, (urn) => sources.add(urn), (urn) => destinations.add(urn));
    addReplicaPaths(ix, (urn) => sources.add(urn), (urn) => destinations.add(urn));
    return ix;
  });
  const stores: Record<string, StoreCopies> = {};
  const referenced = new Set<string>();
  const where = (s: Store | null): StoreView | null => (s ? { arn: s.arn, region: s.region, account: s.account } : null);
  for (let i = 0; i < resources.length; i++) {
    if ((flags[i]! & STORE) === 0) continue;
    const r = resources[i]!;
    const before = views[0]!.storeAt(r.urn) ?? null;
    const after = views[1]!.storeAt(r.urn) ?? null;
    const paths = mergeViews(before?.paths ?? [], after?.paths ?? []);
    for (const p of paths) {
      for (const u of p.via) referenced.add(u);
      for (const u of p.needs) referenced.add(u);
    }
    stores[r.urn] = {
      data_store: (flags[i]! & DATA_STORE) !== 0,
      before: where(before),
      after: where(after),
      holder: destinations.has(r.urn) && !sources.has(r.urn),
      paths,
    };
  }
  const contextFacts: Record<string, ContextResource> = {};
  for (const r of context) {
    if (referenced.has(r.urn)) contextFacts[r.urn] = { urn: r.urn, name: r.name, type: r.type, op: r.op, destroyed: destroys(r) };
  }
  return { stores, context: contextFacts };
}
