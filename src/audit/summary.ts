// The fleet summary, derived only from the stack results (so an unsharded audit and a merge of
// its shards give the same summary): per stack and per tenant, the customer-data stores judged
// and how many of them have each posture gap. A resource counts once per column however many
// findings it has there. Worst first: most resources at risk, then most unverifiable, then name.
import type { Finding } from "../model/report.js";
import type { AuditSummary, StackResult, StackRow, TenantRow, Totals } from "./model.js";

/** The posture policies an audit reports on, and the column each one's blocking findings fill. */
export const POSTURE_COLUMNS = {
  "data-protect": "unprotected",
  "data-cloud-deletion-protection": "noCloudProtection",
  "data-multi-location-backup": "singleRegion",
  "data-restore-readiness": "notRestoreReady",
} as const;

type GapColumn = (typeof POSTURE_COLUMNS)[keyof typeof POSTURE_COLUMNS] | "unverifiable" | "warningsOnly" | "atRisk";
type Gaps = Record<GapColumn | "stores", number>;

const emptyGaps = (): Gaps => ({
  stores: 0, unprotected: 0, noCloudProtection: 0, singleRegion: 0, notRestoreReady: 0, unverifiable: 0, warningsOnly: 0, atRisk: 0,
});

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

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const worstFirst = <T extends Gaps>(name: (row: T) => string) => (a: T, b: T) =>
  b.atRisk - a.atRisk || b.unverifiable - a.unverifiable || b.warningsOnly - a.warningsOnly || byName(name(a), name(b));

function add(into: Gaps, columns: Set<GapColumn>, isStore: boolean): void {
  if (isStore) into.stores++;
  for (const c of columns) into[c]++;
}

export function summarize(stacks: readonly StackResult[]): AuditSummary {
  const stackRows: StackRow[] = [];
  const tenants = new Map<string, TenantRow & { stackIds: Set<string> }>();
  const worst = { atRisk: 0, unverifiableOnly: 0, warningsOnly: 0, clean: 0 };
  const totals: Totals = { stacks: stacks.length, stacksAtRisk: 0, stacksFailed: 0, ...emptyGaps(), byWorstState: worst };
  for (const s of stacks) {
    const row: StackRow = { stack: s.target.id, verdict: s.report?.verdict ?? "undecided", error: s.error, ...emptyGaps() };
    const findingsOf = new Map<string, Finding[]>();
    for (const f of s.report?.findings ?? []) findingsOf.set(f.urn, [...(findingsOf.get(f.urn) ?? []), f]);
    // A stack in error counts nothing: its stores are unread, or counted under its twin.
    const counted = s.error === null ? s : { stores: [], others: [] };
    const resources = [...counted.stores.map((r) => ({ ...r, isStore: true })), ...counted.others.map((r) => ({ ...r, isStore: false }))];
    for (const r of resources) {
      const columns = columnsOf(findingsOf.get(r.urn) ?? []);
      add(row, columns, r.isStore);
      add(totals, columns, r.isStore);
      if (columns.has("atRisk")) worst.atRisk++;
      else if (columns.has("unverifiable")) worst.unverifiableOnly++;
      else if (columns.has("warningsOnly")) worst.warningsOnly++;
      else worst.clean++;
      let t = tenants.get(r.tenant);
      if (!t) {
        t = { tenant: r.tenant, stacks: 0, ...emptyGaps(), stackIds: new Set() };
        tenants.set(r.tenant, t);
      }
      add(t, columns, r.isStore);
      t.stackIds.add(s.target.id);
    }
    if (s.error !== null) totals.stacksFailed++;
    if (row.verdict !== "allowed") totals.stacksAtRisk++;
    stackRows.push(row);
  }
  const tenantRows = [...tenants.values()].map(({ stackIds, ...t }) => ({ ...t, stacks: stackIds.size }));
  const verdict = stackRows.some((r) => r.verdict === "undecided") ? "undecided" : stackRows.some((r) => r.verdict === "blocked") ? "blocked" : "allowed";
  return {
    verdict,
    totals,
    stacks: stackRows.sort((a, b) => rank(b) - rank(a) || worstFirst<StackRow>((r) => r.stack)(a, b)),
    tenants: tenantRows.sort(worstFirst<TenantRow>((r) => r.tenant)),
  };
}

/** Stacks that could not be read or judged come first, then undecided, then blocked ones. */
function rank(row: StackRow): number {
  return row.error !== null ? 3 : { undecided: 2, blocked: 1, allowed: 0 }[row.verdict];
}
