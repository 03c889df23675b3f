// The fleet summary, derived only from per-stack tallies (so an unsharded audit and a merge of its
// shards give the same summary): per stack and per tenant, the customer-data stores judged and
// how many of them have each posture gap. A resource counts once per column however many findings
// it has there. Worst first: most resources at risk, then most unverifiable, then name.
//
// A worker reduces each stack to its tally (a few numbers per tenant) as soon as it is judged, so
// the audit keeps nothing per stack that the summary does not need.
import type { Finding, Verdict } from "../model/report.js";
import type { AuditSummary, StackResult, StackRow, Target, TenantRow, Totals } from "./model.js";

/** The posture policies an audit reports on, and the column each one's blocking findings fill. */
export const POSTURE_COLUMNS = {
  "data-protect": "unprotected",
  "data-cloud-deletion-protection": "noCloudProtection",
  "data-multi-location-backup": "singleRegion",
  "data-restore-readiness": "notRestoreReady",
} as const;

type GapColumn = (typeof POSTURE_COLUMNS)[keyof typeof POSTURE_COLUMNS] | "unverifiable" | "warningsOnly" | "atRisk";
export type Gaps = Record<GapColumn | "stores", number>;
type WorstStates = Totals["byWorstState"];

/** One stack as the summary needs it. */
export interface StackTally {
  target: Target;
  /** The stack's check verdict ("undecided" when it has no report). */
  verdict: Verdict;
  error: string | null;
  stackName: string | null;
  /** The gaps of the stack's counted resources, per tenant; empty for a stack in error. */
  tenants: [string, Gaps][];
  /** Its counted resources by their worst state. */
  worst: WorstStates;
}

const emptyGaps = (): Gaps => ({
  stores: 0, unprotected: 0, noCloudProtection: 0, singleRegion: 0, notRestoreReady: 0, unverifiable: 0, warningsOnly: 0, atRisk: 0,
});
const emptyWorst = (): WorstStates => ({ atRisk: 0, unverifiableOnly: 0, warningsOnly: 0, clean: 0 });

/** The columns one resource counts in, from its open findings. */
function columnsOf(findings: readonly Finding[]): Set<GapColumn> {
  const columns = new Set<GapColumn>();
  let warning = false;
  for (const f of findings) {
    if (f.status !== "open") continue;
    if (f.kind === "unverifiable" || f.kind === "undecidable") columns.add("unverifiable");
    if (f.level === "warning") warning = true;
    if (f.level === "error" || f.level === "undecided") {
      columns.add("atRisk");
      const column = (POSTURE_COLUMNS as Record<string, GapColumn>)[f.policy];
      if (column && f.level === "error" && f.kind === "violation") columns.add(column);
    }
  }
  if (warning && !columns.has("atRisk") && !columns.has("unverifiable")) columns.add("warningsOnly");
  return columns;
}

function add(into: Gaps, columns: Set<GapColumn>, isStore: boolean): void {
  if (isStore) into.stores++;
  for (const c of columns) into[c]++;
}

const GAP_KEYS = Object.keys(emptyGaps()) as (keyof Gaps)[];

function addGaps(into: Gaps, gaps: Gaps): void {
  for (const k of GAP_KEYS) into[k] += gaps[k];
}

/** A stack in error counts nothing: its stores are unread, or counted under its twin. */
export function withError(tally: StackTally, error: string): StackTally {
  return { ...tally, error, tenants: [], worst: emptyWorst() };
}

export function tallyStack(s: StackResult): StackTally {
  const base: StackTally = { target: s.target, verdict: s.report?.verdict ?? "undecided", error: null, stackName: s.stackName, tenants: [], worst: emptyWorst() };
  if (s.error !== null) return withError(base, s.error);
  const findingsOf = new Map<string, Finding[]>();
  for (const f of s.report?.findings ?? []) {
    const list = findingsOf.get(f.urn);
    if (list) list.push(f);
    else findingsOf.set(f.urn, [f]);
  }
  const tenants = new Map<string, Gaps>();
  const count = (r: { urn: string; tenant: string }, isStore: boolean) => {
    const columns = columnsOf(findingsOf.get(r.urn) ?? []);
    let gaps = tenants.get(r.tenant);
    if (!gaps) tenants.set(r.tenant, (gaps = emptyGaps()));
    add(gaps, columns, isStore);
    const w = base.worst;
    if (columns.has("atRisk")) w.atRisk++;
    else if (columns.has("unverifiable")) w.unverifiableOnly++;
    else if (columns.has("warningsOnly")) w.warningsOnly++;
    else w.clean++;
  };
  for (const r of s.stores) count(r, true);
  for (const r of s.others) count(r, false);
  return { ...base, tenants: [...tenants] };
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const worstFirst = <T extends Gaps>(name: (row: T) => string) => (a: T, b: T) =>
  b.atRisk - a.atRisk || b.unverifiable - a.unverifiable || b.warningsOnly - a.warningsOnly || byName(name(a), name(b));

/**
 * The fleet's verdict, read exactly as the exit code: a stack that could not be judged makes it
 * undecided (exit 2); otherwise a blocked stack blocks (exit 1, as a block wins in `check`).
 */
export function fleetVerdict(rows: readonly Pick<StackRow, "verdict" | "error">[]): Verdict {
  if (rows.some((r) => r.error !== null)) return "undecided";
  if (rows.some((r) => r.verdict === "blocked")) return "blocked";
  return rows.some((r) => r.verdict === "undecided") ? "undecided" : "allowed";
}

export const exitCodeOf = (verdict: Verdict): 0 | 1 | 2 => ({ allowed: 0, blocked: 1, undecided: 2 } as const)[verdict];

export function summarize(stacks: readonly StackTally[]): AuditSummary {
  const stackRows: StackRow[] = [];
  const tenants = new Map<string, TenantRow>();
  const worst = emptyWorst();
  const totals: Totals = { stacks: stacks.length, stacksAtRisk: 0, stacksFailed: 0, ...emptyGaps(), byWorstState: worst };
  for (const s of stacks) {
    const row: StackRow = { stack: s.target.id, verdict: s.verdict, error: s.error, ...emptyGaps() };
    for (const [tenant, gaps] of s.tenants) {
      addGaps(row, gaps);
      let t = tenants.get(tenant);
      if (!t) tenants.set(tenant, (t = { tenant, stacks: 0, ...emptyGaps() }));
      addGaps(t, gaps);
      t.stacks++;
    }
    addGaps(totals, row);
    for (const k of Object.keys(worst) as (keyof WorstStates)[]) worst[k] += s.worst[k];
    if (s.error !== null) totals.stacksFailed++;
    if (row.verdict !== "allowed") totals.stacksAtRisk++;
    stackRows.push(row);
  }
  return {
    verdict: fleetVerdict(stackRows),
    totals,
    stacks: stackRows.sort((a, b) => rank(b) - rank(a) || worstFirst<StackRow>((r) => r.stack)(a, b)),
    tenants: [...tenants.values()].sort(worstFirst<TenantRow>((r) => r.tenant)),
  };
}

/** Stacks that could not be read or judged come first, then undecided, then blocked ones. */
function rank(row: StackRow): number {
  return row.error !== null ? 3 : { undecided: 2, blocked: 1, allowed: 0 }[row.verdict];
}
