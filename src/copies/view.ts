// One view of the stack ("before": prior states, "after": goal states), indexed once so that each
// copy mechanism finds the stores it covers by lookups (ARN, name, id, tag, URN), never by a scan
// of every store per rule.
import type { Resource, ResourceState, Value } from "../model/changeset.js";
import type { CopyPath } from "./facts.js";
import { type Locator, type View, arnAccount, knownString, resourceArn, tagsOf, viewState } from "./locate.js";
import { PrefixIndex } from "./patterns.js";
import { S3_BUCKET_TYPES } from "./stores.js";

export interface Node {
  r: Resource;
  state: ResourceState;
  arn: string | null;
  region: string | null;
  account: string | null;
}

export interface Store extends Node {
  tags: Map<string, Value>;
  /** ARNs the store may have while its own is unknown (its name under several accounts). */
  probes: string[];
  paths: CopyPath[];
}

/** The name a store's ARN is built from, by type, while the ARN itself is not known yet. */
const NAME_ARN: Record<string, (region: string, account: string, name: string) => string> = {
  "aws:dynamodb/table:Table": (g, a, n) => `arn:aws:dynamodb:${g}:${a}:table/${n}`,
  "aws-native:dynamodb:Table": (g, a, n) => `arn:aws:dynamodb:${g}:${a}:table/${n}`,
  "aws:rds/instance:Instance": (g, a, n) => `arn:aws:rds:${g}:${a}:db:${n}`,
  "aws:rds/cluster:Cluster": (g, a, n) => `arn:aws:rds:${g}:${a}:cluster:${n}`,
};
const NAME_KEYS: Record<string, string> = {
  "aws:dynamodb/table:Table": "name", "aws-native:dynamodb:Table": "tableName",
  "aws:rds/instance:Instance": "identifier", "aws:rds/cluster:Cluster": "clusterIdentifier",
};

/** An S3 bucket's name (classic `bucket`, aws-native `bucketName`). */
export function bucketName(r: Resource, state: ResourceState): string | null {
  if (!S3_BUCKET_TYPES.has(r.type)) return null;
  const name = state.props["bucket"] ?? state.props["bucketName"];
  return knownString(name) ? name : null;
}

export class ViewIndex {
  readonly nodes = new Map<string, Node>();
  readonly stores: Store[] = [];
  readonly storeByUrn = new Map<string, Store>();
  /** Stores by ARN, and pending stores by their probe ARNs. */
  readonly storeArns: PrefixIndex<Store>;
  /** Stores whose ARN is unknown and cannot be guessed: any wildcard may match them. */
  readonly unresolved: Store[] = [];
  readonly nodeByArn = new Map<string, Node[]>();
  readonly storesByBucket = new Map<string, Store[]>();
  private byId: Map<string, Store[]> | null = null;
  private byName: Map<string, Store[]> | null = null;
  private byTag: Map<string, Map<string, Store[]>> | null = null;

  constructor(
    readonly view: View,
    resources: readonly Resource[],
    context: readonly Resource[],
    isStore: (r: Resource) => boolean,
    relevant: (r: Resource) => boolean,
    locator: Locator,
    accounts: readonly string[],
  ) {
    const arnEntries: [string, Store][] = [];
    const add = (r: Resource, judged: boolean) => {
      if (!relevant(r)) return;
      const state = viewState(r, view);
      if (state === null) return;
      let arn = resourceArn(r, state);
      const bucket = bucketName(r, state);
      if (arn === null && bucket !== null) arn = `arn:aws:s3:::${bucket}`;
      const node: Node = { r, state, arn, region: locator.region(r, state, arn), account: arnAccount(arn) };
      this.nodes.set(r.urn, node);
      if (arn !== null) push(this.nodeByArn, arn, node);
      if (!judged || !isStore(r)) return;
      const store: Store = { ...node, tags: tagsOf(state.props), probes: [], paths: [] };
      this.stores.push(store);
      this.storeByUrn.set(r.urn, store);
      if (arn !== null) arnEntries.push([arn, store]);
      else {
        const name = state.props[NAME_KEYS[r.type] ?? ""];
        const build = NAME_ARN[r.type];
        if (build && knownString(name) && store.region !== null) {
          store.probes = accounts.map((a) => build(store.region!, a, name));
          for (const p of store.probes) arnEntries.push([p, store]);
        } else this.unresolved.push(store);
      }
      if (bucket !== null) push(this.storesByBucket, bucket, store);
    };
    for (const r of resources) add(r, true);
    for (const r of context) add(r, false);
    this.storeArns = new PrefixIndex(arnEntries);
  }

  // Indexes only some mechanisms need, built on first use.
  withTag(key: string, value: string): readonly Store[] {
    if (this.byTag === null) {
      this.byTag = new Map();
      for (const s of this.stores) {
        for (const [k, v] of s.tags) {
          if (typeof v !== "string") continue;
          let values = this.byTag.get(k);
          if (!values) this.byTag.set(k, (values = new Map()));
          push(values, v, s);
        }
      }
    }
    return this.byTag.get(key)?.get(value) ?? [];
  }

  withId(id: string): readonly Store[] {
    if (this.byId === null) {
      this.byId = new Map();
      for (const s of this.stores) if (knownString(s.state.id as Value)) push(this.byId, s.state.id as string, s);
    }
    return this.byId.get(id) ?? [];
  }

  withName(name: string): readonly Store[] {
    if (this.byName === null) {
      this.byName = new Map();
      for (const s of this.stores) {
        const n = s.state.props[NAME_KEYS[s.r.type] ?? ""];
        if (knownString(n)) push(this.byName, n, s);
      }
    }
    return this.byName.get(name) ?? [];
  }

  /** The one listed resource with this ARN, if exactly one. */
  nodeAt(arn: string): Node | null {
    const list = this.nodeByArn.get(arn);
    return list && list.length === 1 ? list[0]! : null;
  }
}

export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The URNs a property depends on (Pulumi's propertyDependencies). */
export const refs = (state: ResourceState, key: string): string[] => state.refs?.[key] ?? [];
