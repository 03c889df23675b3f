// S3 replication: the separate BucketReplicationConfig resource and the inline rules of a bucket
// (classic `replicationConfiguration`, BucketV2 `replicationConfigurations`, aws-native
// `replicationConfiguration`). Per the S3 ReplicationRule API reference: a rule copies only while
// its status is Enabled; a rule with a `filter` (a prefix, a tag, or an `and` of them) or the
// legacy `prefix` copies only the objects that match, so it is a partial copy; an empty prefix
// or an empty filter selects every object. A bucket ARN carries no region: the destination's
// region is known only when the destination bucket is listed.
import type { Value } from "../model/changeset.js";
import type { CopyPath } from "./facts.js";
import { field, isMap, isUnknownValue, items, knownString } from "./locate.js";
import { S3_BUCKET_TYPES } from "./stores.js";
import { type Node, type Store, type ViewIndex, bucketName, refs } from "./view.js";

export const REPLICATION_CONFIG_TYPE = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";

/** "full", "partial", or "unknown" (the filter is unknown at preview). */
function scopeOf(rule: Value): "full" | "partial" | "unknown" {
  const prefix = field(rule, "prefix");
  if (isUnknownValue(prefix)) return "unknown";
  if (knownString(prefix)) return "partial";
  const filter = field(rule, "filter");
  if (filter === undefined || filter === null) return "full";
  if (isUnknownValue(filter)) return "unknown";
  let scope: "full" | "partial" | "unknown" = "full";
  for (const f of items(filter)) {
    for (const part of [f, field(f, "and")]) {
      if (!isMap(part)) continue;
      for (const [key, v] of Object.entries(part)) {
        if (key === "and") continue;
        if (isUnknownValue(v)) scope = scope === "full" ? "unknown" : scope;
        else if (knownString(v) || (Array.isArray(v) && v.length > 0) || (isMap(v) && Object.keys(v).length > 0)) scope = "partial";
      }
    }
  }
  return scope;
}

interface Source {
  via: Node;
  rules: Value[];
  /** URNs of buckets the rules reference (used while a destination ARN is unknown). */
  referenced: string[];
}

export function addS3Paths(ix: ViewIndex, source: (urn: string) => void, destination: (urn: string) => void): void {
  const bySource = new Map<Store, Source[]>();
  const open: Node[] = [];
  const add = (s: Store, src: Source) => {
    const list = bySource.get(s);
    if (list) list.push(src);
    else bySource.set(s, [src]);
  };
  for (const n of ix.mechanisms()) {
    if (n.r.type === REPLICATION_CONFIG_TYPE) {
      const src: Source = { via: n, rules: items(n.state.props["rules"]), referenced: refs(n.state, "rules") };
      const name = n.state.props["bucket"];
      if (knownString(name)) for (const s of ix.withBucket(name)) add(s, src);
      else {
        const urns = refs(n.state, "bucket");
        if (urns.length === 0) open.push(n);
        for (const u of urns) {
          const s = ix.storeAt(u);
          if (s) add(s, src);
        }
      }
    } else if (S3_BUCKET_TYPES.has(n.r.type)) {
      const p = n.state.props;
      const confs = [...items(p["replicationConfiguration"]), ...items(p["replicationConfigurations"])];
      const referenced = [...refs(n.state, "replicationConfiguration"), ...refs(n.state, "replicationConfigurations")];
      const store = ix.storeAt(n.r.urn);
      for (const conf of confs) {
        const rules = isUnknownValue(conf) ? [conf] : items(field(conf, "rules"));
        if (store) add(store, { via: n, rules, referenced });
        else if (rules.length > 0) source(n.r.urn); // a context bucket replicating elsewhere
      }
    }
  }
  for (const [store, sources] of bySource) {
    for (const src of sources) {
      for (const rule of src.rules) {
        const paths = rulePaths(ix, store, src, rule, destination);
        if (paths.length > 0) source(store.r.urn);
        store.paths.push(...paths);
      }
    }
  }
  for (const n of open) {
    for (const store of ix.stores) {
      if (!S3_BUCKET_TYPES.has(store.r.type)) continue;
      store.paths.push(unverifiable(n, `which bucket replication ${n.r.name} copies is unknown at preview`));
    }
  }
}

function unverifiable(via: Node, why: string): CopyPath {
  return { mechanism: "s3-replication", via: [via.r.urn], destination: { region: null, account: null, bucket_arn: null, bucket: null }, full: true, status: "unverifiable", why, needs: [] };
}

function rulePaths(ix: ViewIndex, store: Store, src: Source, rule: Value, destination: (urn: string) => void): CopyPath[] {
  const status = field(rule, "status");
  if (knownString(status) && status !== "Enabled") return [];
  if (isUnknownValue(rule) || !knownString(status)) return [unverifiable(src.via, `whether replication ${src.via.r.name} is enabled is unknown at preview`)];
  const scope = scopeOf(rule);
  const results: CopyPath[] = [];
  for (const dest of [...items(field(rule, "destination")), ...items(field(rule, "destinations"))]) {
    const arn = field(dest, "bucket");
    const acct = [field(dest, "account"), field(dest, "accountId")].find(knownString) ?? null;
    let target: Node | null = null;
    let why: string | null = null;
    if (knownString(arn)) {
      target = ix.nodeAt(arn);
      if (target === null || target.region === null) why = `the region of destination bucket ${arn} is unknown (it is not listed once with a region)`;
    } else {
      const listed = src.referenced.map((u) => ix.nodes.get(u)).filter((n): n is Node => n !== undefined && S3_BUCKET_TYPES.has(n.r.type) && n.r.urn !== store.r.urn);
      if (listed.length === 1) target = listed[0]!;
      if (target === null) why = `the destination bucket of replication ${src.via.r.name} is unknown at preview`;
      else if (target.region === null) why = `the region of destination bucket ${target.r.name} is unknown`;
    }
    if (scope === "unknown" && why === null) why = `the filter of replication ${src.via.r.name} is unknown at preview`;
    if (target) destination(target.r.urn);
    const name = target ? bucketName(target.r, target.state) : knownString(arn) ? arn.replace(/^arn:aws:s3:::/, "") : null;
    results.push({
      mechanism: "s3-replication",
      via: [src.via.r.urn],
      destination: { region: why === null ? target!.region : null, account: acct, bucket_arn: knownString(arn) ? arn : target?.arn ?? null, bucket: name },
      full: scope !== "partial",
      status: why === null ? "known" : "unverifiable",
      why,
      needs: target ? [target.r.urn] : [],
    });
  }
  return results;
}
