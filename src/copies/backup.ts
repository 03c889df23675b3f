// AWS Backup: a selection assigns stores to a plan; each plan rule's copy actions copy every
// recovery point to a destination vault, whose ARN gives the copy's region and account.
// Assignment follows the BackupSelection API reference: `resources` and `notResources` are ARNs
// or wildcard patterns (src/copies/patterns.ts); `selectionTags` (ListOfTags) match when ANY of
// them matches (OR); `conditions` must ALL match (AND). When a selection sets both resources and
// selection tags, both must match: the stricter reading, so a copy is never assumed that AWS
// might not make. Matches are 2 (covered), 1 (cannot tell at preview), 0 (not covered).
import type { ResourceState, Value } from "../model/changeset.js";
import type { CopyPath } from "./facts.js";
import { arnAccount, arnRegion, field, isUnknownValue, items, knownString } from "./locate.js";
import { compilePattern, type Pattern } from "./patterns.js";
import { type Node, type Store, type ViewIndex, push, refs } from "./view.js";

export const PLAN_TYPE = "aws:backup/plan:Plan";
export const SELECTION_TYPE = "aws:backup/selection:Selection";
export const VAULT_TYPES = new Set(["aws:backup/vault:Vault", "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault"]);

type Match = 0 | 1 | 2;

interface Target {
  region: string | null;
  account: string | null;
  vault_arn: string | null;
  vault_name: string | null;
  rule_name: string | null;
  needs: string[];
  why: string | null;
}

const vaultNameOf = (arn: string): string | null => /:backup-vault:(.+)$/.exec(arn)?.[1] ?? null;

/** Where a plan's copy actions send copies. */
function planTargets(ix: ViewIndex, plan: Node): Target[] {
  const out: Target[] = [];
  const rules = items(plan.state.props["rules"]);
  for (const rule of rules) {
    const ruleName = field(rule, "ruleName");
    const base = { rule_name: knownString(ruleName) ? ruleName : null };
    if (isUnknownValue(rule)) {
      out.push({ ...base, region: null, account: null, vault_arn: null, vault_name: null, needs: [], why: `the rules of backup plan ${plan.r.name} are unknown` });
      continue;
    }
    for (const action of items(field(rule, "copyActions"))) {
      const arn = field(action, "destinationVaultArn");
      if (knownString(arn)) {
        // Every listed resource with the vault's ARN holds the copies (the same vault may be
        // listed by this stack and a context stack): destroying any of them loses them.
        const needs = ix.withArn(arn).map((v) => v.r.urn);
        out.push({ ...base, region: arnRegion(arn), account: arnAccount(arn), vault_arn: arn, vault_name: vaultNameOf(arn), needs, why: null });
        continue;
      }
      // The ARN is not known yet: the one vault the rules reference, other than the rule's own.
      const own = field(rule, "targetVaultName");
      const vaults = refs(plan.state, "rules")
        .map((u) => ix.nodes.get(u))
        .filter((v): v is Node => v !== undefined && VAULT_TYPES.has(v.r.type) && v.state.props["name"] !== own);
      if (vaults.length === 1) {
        const v = vaults[0]!;
        const name = v.state.props["name"];
        out.push({ ...base, region: v.region, account: v.account, vault_arn: v.arn, vault_name: knownString(name) ? name : null, needs: [v.r.urn], why: v.region === null ? `the region of vault ${v.r.name} is unknown` : null });
      } else {
        out.push({ ...base, region: null, account: null, vault_arn: null, vault_name: null, needs: [], why: `the destination vault of backup plan ${plan.r.name} is unknown at preview` });
      }
    }
  }
  return out;
}

/** A selection's resource patterns, split into exact ARNs (a Set) and wildcards. */
class ArnList {
  readonly exact = new Set<string>();
  readonly wild: Pattern[] = [];
  unknown = false;
  constructor(value: Value | undefined) {
    for (const item of items(value)) {
      if (!knownString(item)) this.unknown = true;
      else if (/[*?]/.test(item)) this.wild.push(compilePattern(item));
      else this.exact.add(item);
    }
  }
  get size(): number {
    return this.exact.size + this.wild.length + (this.unknown ? 1 : 0);
  }
  /** How surely a store with these candidate ARNs (one when known) is in the list. */
  match(store: Store): Match {
    const arns = store.arn !== null ? [store.arn] : store.probes;
    let best: Match = this.unknown ? 1 : 0;
    if (arns.length === 0) {
      for (const p of this.wild) best = Math.max(best, p.source.replace(/\*/g, "") === "" ? 2 : 1) as Match;
      return best;
    }
    const all = (test: (a: string) => boolean): Match => {
      const hits = arns.filter(test).length;
      return hits === arns.length ? 2 : hits > 0 ? 1 : 0;
    };
    best = Math.max(best, all((a) => this.exact.has(a))) as Match;
    for (const p of this.wild) if (best < 2) best = Math.max(best, all((a) => p.test(a))) as Match;
    return best;
  }
}

const CONDITION_KINDS: Record<string, "eq" | "ne" | "like" | "unlike"> = {
  stringEquals: "eq", stringNotEquals: "ne", stringLikes: "like", stringNotLikes: "unlike",
};

interface Condition {
  kind: "eq" | "ne" | "like" | "unlike";
  key: string | null;
  value: string | null;
  pattern: Pattern | null;
}

function tagKey(key: Value | undefined): string | null {
  return knownString(key) && key.startsWith("aws:ResourceTag/") ? key.slice("aws:ResourceTag/".length) : null;
}

function conditionMatch(c: Condition, tags: Map<string, Value>): Match {
  if (c.key === null || c.value === null) return 1;
  const actual = tags.get(c.key);
  let hit: Match;
  if (actual === undefined || actual === null) hit = 0;
  else if (!knownString(actual)) hit = 1;
  else hit = c.kind === "eq" || c.kind === "ne" ? (actual === c.value ? 2 : 0) : c.pattern!.test(actual) ? 2 : 0;
  return c.kind === "eq" || c.kind === "like" ? hit : ((2 - hit) as Match);
}

interface TagRule {
  key: string | null;
  value: string | null;
  equals: boolean;
}

/** One selection, compiled once. */
class Selection {
  readonly resources: ArnList;
  readonly notResources: ArnList;
  readonly tags: TagRule[];
  readonly conditions: Condition[] = [];
  readonly refStores: string[];

  constructor(readonly node: Node) {
    const p = node.state.props;
    this.resources = new ArnList(p["resources"]);
    this.notResources = new ArnList(p["notResources"]);
    // A dependency is evidence only while the value is unknown: a known list always wins.
    this.refStores = this.resources.unknown ? refs(node.state, "resources") : [];
    this.tags = items(p["selectionTags"]).map((t) => {
      const key = field(t, "key");
      const value = field(t, "value");
      const type = field(t, "type");
      return { key: knownString(key) ? key : null, value: knownString(value) ? value : null, equals: knownString(type) && type.toUpperCase() === "STRINGEQUALS" };
    });
    for (const cond of items(p["conditions"])) {
      for (const [name, kind] of Object.entries(CONDITION_KINDS)) {
        for (const c of items(field(cond, name))) {
          const value = field(c, "value");
          const v = knownString(value) ? value : null;
          this.conditions.push({ kind, key: tagKey(field(c, "key")), value: v, pattern: v !== null && (kind === "like" || kind === "unlike") ? compilePattern(v) : null });
        }
      }
      if (isUnknownValue(cond)) this.conditions.push({ kind: "eq", key: null, value: null, pattern: null });
    }
  }

  /** The stores worth testing: found through the most selective index the selection allows. */
  candidates(ix: ViewIndex): Iterable<Store> {
    const eq = this.conditions.find((c) => c.kind === "eq" && c.key !== null && c.value !== null);
    if (eq) return ix.withTag(eq.key!, eq.value!);
    if (this.tags.length > 0 && this.tags.every((t) => t.key !== null && t.value !== null && t.equals)) {
      return new Set(this.tags.flatMap((t) => ix.withTag(t.key!, t.value!)));
    }
    if (this.resources.size > 0 && (!this.resources.unknown || this.refStores.length > 0)) {
      const found = new Set<Store>();
      for (const arn of this.resources.exact) for (const s of ix.storeArns.get(arn)) found.add(s);
      for (const p of this.resources.wild) {
        for (const s of ix.storeArns.matches(p)) found.add(s);
        for (const s of ix.unresolved) found.add(s);
      }
      for (const u of this.refStores) {
        const s = ix.storeAt(u);
        if (s) found.add(s);
      }
      return found;
    }
    return ix.stores;
  }

  match(store: Store): Match {
    const anchors: Match[] = [];
    if (this.resources.size > 0) anchors.push(this.refStores.includes(store.r.urn) ? 2 : this.resources.match(store));
    if (this.tags.length > 0) {
      let best: Match = 0;
      for (const t of this.tags) {
        const m: Match = t.key === null || t.value === null || !t.equals ? 1 : store.tags.get(t.key) === t.value ? 2 : 0;
        best = Math.max(best, m) as Match;
      }
      anchors.push(best);
    }
    if (anchors.length === 0) return 0;
    let m = Math.min(...anchors, 2 - this.notResources.match(store)) as Match;
    for (const c of this.conditions) if (m > 0) m = Math.min(m, conditionMatch(c, store.tags)) as Match;
    return m;
  }
}

/** Adds every AWS Backup copy path of the view's stores. */
export function addBackupPaths(ix: ViewIndex, mark: (urn: string) => void): void {
  const plansById = new Map<string, Node[]>();
  const selections: Node[] = [];
  for (const n of ix.mechanisms()) {
    if (n.r.type === PLAN_TYPE && knownString(n.state.id as Value)) push(plansById, n.state.id as string, n);
    else if (n.r.type === SELECTION_TYPE) selections.push(n);
    else if (VAULT_TYPES.has(n.r.type)) mark(n.r.urn);
  }
  if (selections.length === 0) return;
  const targetsOf = new Map<Node, Target[]>();
  const targets = (plan: Node) => {
    let t = targetsOf.get(plan);
    if (!t) targetsOf.set(plan, (t = planTargets(ix, plan)));
    return t;
  };
  for (const node of selections) {
    const planId = node.state.props["planId"];
    let plans: Node[];
    let planWhy: string | null = null;
    if (knownString(planId)) {
      plans = plansById.get(planId) ?? [];
      // Plan ids are unique in an account: two listed plans with one id (another stack's, another
      // account's) cannot both be this selection's, and which one is cannot be told.
      if (plans.length > 1) planWhy = `backup plan id ${planId} is listed more than once`;
    }
    else {
      plans = refs(node.state, "planId").map((u) => ix.nodes.get(u)).filter((n): n is Node => n?.r.type === PLAN_TYPE);
      if (plans.length === 0) planWhy = `the backup plan of selection ${node.r.name} is unknown at preview`;
    }
    const sel = new Selection(node);
    for (const store of sel.candidates(ix)) {
      const m = sel.match(store);
      if (m === 0) continue;
      const coverWhy = m === 1 ? `whether backup selection ${node.r.name} covers it is unknown at preview` : null;
      if (planWhy !== null) {
        store.paths.push(path(node, null, store, emptyTarget(), planWhy));
        continue;
      }
      for (const plan of plans) {
        for (const t of targets(plan)) store.paths.push(path(node, plan, store, t, coverWhy ?? t.why));
      }
    }
  }
}

const emptyTarget = (): Target => ({ region: null, account: null, vault_arn: null, vault_name: null, rule_name: null, needs: [], why: null });

function path(sel: Node, plan: Node | null, store: Store, t: Target, why: string | null): CopyPath {
  const planId = plan?.state.id;
  return {
    mechanism: "backup",
    via: plan ? [sel.r.urn, plan.r.urn] : [sel.r.urn],
    destination: {
      region: why === null ? t.region : null,
      account: why === null ? t.account : null,
      vault_arn: t.vault_arn, vault_name: t.vault_name, resource_arn: store.arn,
      plan_id: typeof planId === "string" ? planId : null, rule_name: t.rule_name,
    },
    full: true,
    status: why === null ? "known" : "unverifiable",
    why,
    needs: t.needs,
  };
}

