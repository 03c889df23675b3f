// Copies kept by the service itself in another region:
// - DynamoDB global table replicas (inline `replicas`, aws-native `replicas[].region`, or a
//   TableReplica). An inline replica belongs to the table: deleting the table deletes it (the
//   path needs the table itself), so it never counts as a copy that survives the table.
// - RDS automated backups replicated to another region (InstanceAutomatedBackupsReplication; its
//   provider's region is the destination), and read replicas (`replicateSourceDb`, an ARN when
//   cross-region), which are databases of their own.
// - EFS replication (ReplicationConfiguration: `destination[].region`).
import type { CopyPath } from "./facts.js";
import { field, items, knownString } from "./locate.js";
import { type Node, type Store, type ViewIndex, refs } from "./view.js";

export const TABLE_REPLICA_TYPE = "aws:dynamodb/tableReplica:TableReplica";
export const RDS_BACKUP_REPLICATION_TYPE = "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication";
export const EFS_REPLICATION_TYPE = "aws:efs/replicationConfiguration:ReplicationConfiguration";
const TABLE_TYPES = new Set(["aws:dynamodb/table:Table", "aws:dynamodb/globalTable:GlobalTable", "aws-native:dynamodb:Table", "aws-native:dynamodb:GlobalTable"]);
const RDS_INSTANCE_TYPES = new Set(["aws:rds/instance:Instance"]);

type Mechanism = CopyPath["mechanism"];

function path(mechanism: Mechanism, via: string, key: string, region: string | null, account: string | null, needs: string[], why: string | null, targetId: string | null = null): CopyPath {
  const unknown = why ?? (region === null ? "the destination region is unknown at preview" : null);
  return {
    mechanism,
    via: [via],
    destination: { region, account, target_id: targetId },
    full: true,
    status: unknown === null ? "known" : "unverifiable",
    why: unknown,
    needs,
  };
}

/** The store a mechanism names by ARN (or, while unknown, by its reference). */
function storeFor(ix: ViewIndex, node: Node, key: string, byId = false): Store[] | null {
  const value = node.state.props[key];
  if (knownString(value)) return [...(byId ? ix.withId(value) : ix.storeArns.get(value))];
  const urns = refs(node.state, key);
  if (urns.length === 0) return null;
  return urns.map((u) => ix.storeAt(u)).filter((s): s is Store => s !== undefined);
}

export function addReplicaPaths(ix: ViewIndex, source: (urn: string) => void, destination: (urn: string) => void): void {
  const openRds: Node[] = [];
  const openEfs: Node[] = [];
  for (const store of ix.stores) {
    if (!TABLE_TYPES.has(store.r.type)) continue;
    for (const replica of items(store.state.props["replicas"])) {
      const region = field(replica, "regionName") ?? field(replica, "region");
      const r = knownString(region) ? region : null;
      store.paths.push(path("dynamodb-replica", store.r.urn, r ?? "?", r, store.account, [store.r.urn], null));
    }
  }
  for (const n of ix.mechanisms()) {
    const add = (stores: Store[] | null, open: Node[], make: (s: Store) => CopyPath) => {
      if (stores === null) open.push(n);
      for (const s of stores ?? []) {
        s.paths.push(make(s));
        source(s.r.urn);
      }
    };
    if (n.r.type === TABLE_REPLICA_TYPE) {
      add(storeFor(ix, n, "globalTableArn"), [], (s) => path("dynamodb-replica", n.r.urn, n.r.urn, n.region, s.account, [n.r.urn], null));
    } else if (n.r.type === RDS_BACKUP_REPLICATION_TYPE) {
      add(storeFor(ix, n, "sourceDbInstanceArn"), openRds, (s) => path("rds-backup-replication", n.r.urn, n.r.urn, n.region, s.account, [n.r.urn], null));
    } else if (n.r.type === EFS_REPLICATION_TYPE) {
      add(storeFor(ix, n, "sourceFileSystemId", true), openEfs, (s) => efsPath(ix, n, s, destination));
    } else if (RDS_INSTANCE_TYPES.has(n.r.type)) {
      const src = n.state.props["replicateSourceDb"];
      if (src === undefined || src === null) continue;
      const stores = knownString(src) ? [...(src.startsWith("arn:") ? ix.storeArns.get(src) : ix.withName(src))] : storeFor(ix, n, "replicateSourceDb");
      destination(n.r.urn);
      const id = n.state.props["identifier"];
      add(stores, openRds, (s) => path("rds-read-replica", n.r.urn, n.r.urn, n.region, n.account ?? s.account, [n.r.urn], null, n.arn ?? (knownString(id) ? id : null)));
    }
  }
  const unknownSource = (n: Node, types: Set<string>, mechanism: Mechanism) => {
    for (const s of ix.stores) if (types.has(s.r.type)) s.paths.push(path(mechanism, n.r.urn, "?", null, null, [n.r.urn], `which store ${n.r.name} copies is unknown at preview`));
  };
  for (const n of openRds) unknownSource(n, RDS_INSTANCE_TYPES, "rds-backup-replication");
  for (const n of openEfs) unknownSource(n, new Set(["aws:efs/fileSystem:FileSystem"]), "efs-replication");
}

function efsPath(ix: ViewIndex, n: Node, s: Store, destination: (urn: string) => void): CopyPath {
  const dests = items(n.state.props["destination"]);
  const d = dests[0];
  const region = field(d, "region");
  const fsId = field(d, "fileSystemId");
  const target = knownString(fsId) ? (ix.withId(fsId)[0] ?? null) : null;
  if (target) destination(target.r.urn);
  const needs = target ? [n.r.urn, target.r.urn] : [n.r.urn];
  return path("efs-replication", n.r.urn, n.r.urn, knownString(region) ? region : (target?.region ?? null), s.account, needs, dests.length === 0 ? `the destination of ${n.r.name} is unknown` : null, knownString(fsId) ? fsId : null);
}
