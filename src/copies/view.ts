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

const NO_PROBES: readonly string[] = [];

/** A judged data store in one view: a node with the copy paths found for it. */
export class Store implements Node {
  /** ARNs the store may have while its own is unknown (its name under several accounts). */
  probes: readonly string[] = NO_PROBES;
  readonly paths: CopyPath[] = [];
  private tagMap: Map<string, Value> | null = null;
  constructor(
    readonly r: Resource,
    readonly state: ResourceState,
    readonly arn: string | null,
    readonly region: string | null,
    readonly account: string | null,
    /** Its bucket name when it is an S3 bucket. */
    readonly bucket: string | null,
  ) {}

  /** Its tags (src/copies/locate.ts tagsOf), read on first use: most mechanisms never ask. */
  get tags(): Map<string, Value> {
    return (this.tagMap ??= tagsOf(this.state.props));
  }
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

/** What build.ts decides once per resource (resources, then context), for both views. */
export const STORE = 1; // a store: gets copy facts (when judged)
export const RELEVANT = 2; // read at all: a store or a resource some mechanism reads
export const MECHANISM = 4; // of a type an adapter looks for among all nodes (src/copies/build.ts MECHANISM_TYPES)

export class ViewIndex {
  readonly nodes = new Map<string, Node>();
  readonly stores: Store[] = [];
  /** Stores whose ARN is unknown and cannot be guessed: any wildcard may match them. */
  readonly unresolved: Store[] = [];
  /** Every node in the order added (a URN listed twice is here twice, in `nodes` once). */
  private readonly all: Node[] = [];
  /** The MECHANISM nodes in the order added; `nodes` instead when a URN was listed twice. */
  private readonly mechanismList: Node[] = [];
  private duplicates = false;
  // Indexes only some mechanisms need, built on first use.
  private arnIndex: PrefixIndex<Store> | null = null;
  private byArn: Map<string, Node[]> | null = null;
  private byUrn: Map<string, Store> | null = null;
  private byBucket: Map<string, Store[]> | null = null;
  private byId: Map<string, Store[]> | null = null;
  private byName: Map<string, Store[]> | null = null;
  private byTag: Map<string, Map<string, Store[]>> | null = null;

  /** `flags[i]` (STORE, RELEVANT, MECHANISM) describes resources[i], then context[i - resources.length]. */
  constructor(
    readonly view: View,
    resources: readonly Resource[],
    context: readonly Resource[],
    flags: Uint8Array,
    locator: Locator,
    /** The accounts to probe a pending store's ARN under (src/copies/build.ts), asked only when one is pending. */
    accounts: () => readonly string[],
  ) {
    const count = resources.length + context.length;
    for (let i = 0; i < count; i++) {
      const f = flags[i]!;
      if ((f & RELEVANT) === 0) continue;
      const judged = i < resources.length;
      const r = judged ? resources[i]! : context[i - resources.length]!;
      const state = viewState(r, view);
      if (state === null) continue;
      let arn = resourceArn(r, state);
      const bucket = bucketName(r, state);
      if (arn === null && bucket !== null) arn = `arn:aws:s3:::${bucket}`;
      const region = locator.region(r, state, arn);
      const account = arnAccount(arn);
      const store = judged && (f & STORE) !== 0 ? new Store(r, state, arn, region, account, bucket) : null;
      const node: Node = store ?? { r, state, arn, region, account };
      const size = this.nodes.size;
      this.nodes.set(r.urn, node);
      if (this.nodes.size === size) this.duplicates = true;
      this.all.push(node);
      if ((f & MECHANISM) !== 0) this.mechanismList.push(node);
      if (store === null) continue;
      this.stores.push(store);
      if (arn === null) {
        const name = state.props[NAME_KEYS[r.type] ?? ""];
        const build = NAME_ARN[r.type];
        if (build && knownString(name) && region !== null) store.probes = accounts().map((a) => build(region, a, name));
        else this.unresolved.push(store);
      }
    }
  }

  /** The judged store with this URN (the last listed, should a URN be listed twice). */
  storeAt(urn: string): Store | undefined {
    if (!this.duplicates) {
      const n = this.nodes.get(urn);
      return n instanceof Store ? n : undefined;
    }
    if (this.byUrn === null) {
      this.byUrn = new Map();
      for (const s of this.stores) this.byUrn.set(s.r.urn, s);
    }
    return this.byUrn.get(urn);
  }

  /** The nodes an adapter scans for its mechanism's types (a superset of them, in the order of `nodes`). */
  mechanisms(): Iterable<Node> {
    return this.duplicates ? this.nodes.values() : this.mechanismList;
  }

  /** Stores by ARN, and pending stores by their probe ARNs. */
  get storeArns(): PrefixIndex<Store> {
    if (this.arnIndex === null) {
      const entries: [string, Store][] = [];
      for (const s of this.stores) {
        if (s.arn !== null) entries.push([s.arn, s]);
        else for (const p of s.probes) entries.push([p, s]);
      }
      this.arnIndex = new PrefixIndex(entries);
    }
    return this.arnIndex;
  }

  /** Every listed node with this ARN. */
  withArn(arn: string): readonly Node[] {
    if (this.byArn === null) {
      this.byArn = new Map();
      for (const n of this.all) if (n.arn !== null) push(this.byArn, n.arn, n);
    }
    return this.byArn.get(arn) ?? [];
  }

  /** The stores that are S3 buckets of this name. */
  withBucket(name: string): readonly Store[] {
    if (this.byBucket === null) {
      this.byBucket = new Map();
      for (const s of this.stores) if (s.bucket !== null) push(this.byBucket, s.bucket, s);
    }
    return this.byBucket.get(name) ?? [];
  }

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
    const list = this.withArn(arn);
    return list.length === 1 ? list[0]! : null;
  }
}

export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The URNs a property depends on (Pulumi's propertyDependencies). */
export const refs = (state: ResourceState, key: string): string[] => state.refs?.[key] ?? [];
