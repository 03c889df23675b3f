// Builders for copy-fact tests: normalised resources (as the readers produce them), stating only
// what a test needs, and a helper that builds the facts the policies would receive.
import { buildCopyFacts, type CopyFactOptions } from "../../src/copies/build.js";
import type { CopyPath, StoreCopies } from "../../src/copies/facts.js";
import type { Resource, ResourceOp, ResourceState, Value } from "../../src/model/changeset.js";

export const ACCOUNT = "111111111111";
export const DR_ACCOUNT = "222222222222";
export const UNKNOWN = { $unknown: true } as unknown as Value;

export const urnOf = (type: string, name: string) => `urn:pulumi:dev::proj::${type}::${name}`;

export function state(props: Record<string, Value>, extra: Partial<ResourceState> = {}): ResourceState {
  return { id: (props["id"] as string | undefined) ?? "id-1", protect: true, retain_on_delete: false, external: false, deleted_with: null, props, ...extra };
}

export function res(type: string, name: string, op: ResourceOp, before: ResourceState | null, after: ResourceState | null): Resource {
  return { urn: urnOf(type, name), type, name, kind: "cloud", parent: null, provider: null, op, before, after, source_position: null };
}

export const same = (type: string, name: string, s: ResourceState) => res(type, name, "same", s, s);
export const created = (type: string, name: string, s: ResourceState) => res(type, name, "create", null, s);
export const deleted = (r: Resource): Resource => ({ ...r, op: "delete", after: null });

export const TABLE = "aws:dynamodb/table:Table";
export const BUCKET = "aws:s3/bucket:Bucket";
export const tableArn = (region: string, name: string, account = ACCOUNT) => `arn:aws:dynamodb:${region}:${account}:table/${name}`;
export const vaultArn = (region: string, account: string, name: string) => `arn:aws:backup:${region}:${account}:backup-vault:${name}`;

export const table = (name: string, region: string, props: Record<string, Value> = {}) =>
  same(TABLE, name, state({ arn: tableArn(region, name), name, region, ...props }));

export const bucket = (name: string, region: string, props: Record<string, Value> = {}) =>
  same(BUCKET, name, state({ arn: `arn:aws:s3:::${name}`, bucket: name, region, ...props }));

export const planProps = (dests: Value[]) => ({
  rules: [{ ruleName: "daily", targetVaultName: "main", copyActions: dests.map((d) => ({ destinationVaultArn: d })) }],
});

export const plan = (name: string, id: string, dests: Value[]) => same("aws:backup/plan:Plan", name, state({ id, ...planProps(dests) }));

export const selection = (name: string, planId: Value, props: Record<string, Value>, refs?: Record<string, string[]>) =>
  same("aws:backup/selection:Selection", name, state({ id: name, planId, ...props }, refs ? { refs } : {}));

export const vault = (name: string, arn: string) => same("aws:backup/vault:Vault", name, state({ id: name, arn, name }));

export const replication = (name: string, props: Record<string, Value>, refs?: Record<string, string[]>) =>
  same("aws:s3/bucketReplicationConfig:BucketReplicationConfig", name, state(props, refs ? { refs } : {}));

export function facts(resources: Resource[], options: Partial<CopyFactOptions> = {}) {
  return buildCopyFacts(resources, { stackConfig: {}, tagKey: "blastguard:data-class", ...options });
}

/** A store's paths in a view, reduced to what a test compares. */
export function paths(resources: Resource[], store: Resource, view: "before" | "after" = "after", options: Partial<CopyFactOptions> = {}) {
  const s = facts(resources, options).stores[store.urn];
  return (s ? inView(s, view) : []).map((p: CopyPath) => ({ mechanism: p.mechanism, region: p.destination.region, status: p.status, full: p.full }));
}

export const known = (mechanism: string, region: string | null, full = true) => ({ mechanism, region, status: "known", full });

/** A store's paths that exist in a view. */
export const inView = (s: StoreCopies, view: "before" | "after") => s.paths.filter((p) => p[view]);
