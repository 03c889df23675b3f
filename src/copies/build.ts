// Builds the copy facts (src/copies/facts.ts) once per check: two indexed views of the stack
// (prior and goal states), each mechanism's adapter adding paths to the stores it covers. Cost
// is linear in resources plus rules: every lookup goes through an index (ARN, name, id, tag,
// URN, or a literal-prefix range of sorted ARNs for wildcard patterns).
import type { Resource, Value } from "../model/changeset.js";
import { addBackupPaths } from "./backup.js";
import type { ContextResource, CopyFacts, StoreCopies, StoreView } from "./facts.js";
import { Locator, arnAccount, tagsOf } from "./locate.js";
import { addReplicaPaths } from "./replicas.js";
import { addS3Paths } from "./s3.js";
import { StoreTypes } from "./stores.js";
import { ViewIndex } from "./view.js";

export interface CopyFactOptions {
  stackConfig: Record<string, Value>;
  /** config.dataClass.tagKey: a resource carrying it gets facts whatever its type. */
  tagKey: string;
  /** config.dataClass.storeTypes: more data-store type patterns. */
  storeTypes?: readonly string[];
  /** Other stacks' resources (read-only): they may provide copies and are never judged. */
  context?: readonly Resource[];
}

/** Accounts to try a pending store's ARN under: two that no real stack uses, plus the stack's own. */
function probeAccounts(resources: readonly Resource[]): string[] {
  const seen = new Set(["000000000000", "999999999999"]);
  for (const r of resources) {
    for (const s of [r.before, r.after]) {
      const a = arnAccount(typeof s?.props["arn"] === "string" ? (s.props["arn"] as string) : null);
      if (a !== null && /^\d{12}$/.test(a)) seen.add(a);
    }
    if (seen.size > 6) break;
  }
  return [...seen];
}

const destroys = (r: Resource) => r.kind === "cloud" && (r.op === "delete" || r.op === "replace") && r.before?.retain_on_delete !== true;

export function buildCopyFacts(resources: readonly Resource[], options: CopyFactOptions): CopyFacts {
  const context = options.context ?? [];
  const types = new StoreTypes(options.storeTypes);
  const locator = new Locator([...resources, ...context], options.stackConfig);
  const hasClassTag = (r: Resource) => [r.before, r.after].some((s) => s !== null && tagsOf(s.props).has(options.tagKey));
  const isStore = (r: Resource) => r.kind === "cloud" && (types.has(r.type) || hasClassTag(r));
  const accounts = probeAccounts(resources);
  const sources = new Set<string>();
  const destinations = new Set<string>();
  const views = (["before", "after"] as const).map((view) => {
    const ix = new ViewIndex(view, resources, context, isStore, locator, accounts);
    addBackupPaths(ix, (urn) => destinations.add(urn));
    addS3Paths(ix, (urn) => sources.add(urn), (urn) => destinations.add(urn));
    addReplicaPaths(ix, (urn) => sources.add(urn), (urn) => destinations.add(urn));
    return ix;
  });
  const stores: Record<string, StoreCopies> = {};
  const referenced = new Set<string>();
  for (const r of resources) {
    if (!isStore(r)) continue;
    const [before, after] = views.map((ix): StoreView | null => {
      const s = ix.storeByUrn.get(r.urn);
      if (!s) return null;
      for (const p of s.paths) for (const u of [...p.via, ...p.needs]) referenced.add(u);
      return { arn: s.arn, region: s.region, account: s.account, paths: s.paths };
    });
    stores[r.urn] = {
      data_store: types.has(r.type),
      before: before ?? null,
      after: after ?? null,
      holder: destinations.has(r.urn) && !sources.has(r.urn),
    };
  }
  const contextFacts: Record<string, ContextResource> = {};
  for (const r of context) {
    if (referenced.has(r.urn)) contextFacts[r.urn] = { urn: r.urn, name: r.name, type: r.type, op: r.op, destroyed: destroys(r) };
  }
  return { stores, context: contextFacts };
}
