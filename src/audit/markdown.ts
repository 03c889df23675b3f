// `blastguard audit --format markdown`: a job summary or issue body. The verdict, a Mermaid pie
// chart of the fleet's customer-data stores (GitHub renders it), then the stacks and tenants
// worst first. Long fleets are cut to fit GitHub's 65,536-character limit, saying how many rows
// were left out.
import { mdText } from "../report/escape.js";
import type { AuditRun } from "./run.js";
import { GAP_COLUMNS, gapValues } from "./table.js";

const MAX_ROWS = 100;

const headline = {
  allowed: "✅ **blastguard audit: allowed**",
  blocked: "❌ **blastguard audit: blocked**",
  undecided: "❓ **blastguard audit: undecided**: some stacks could not be judged",
} as const;

function rowsTable(head: string[], rows: string[][], what: string): string[] {
  const shown = rows.slice(0, MAX_ROWS);
  const out = [`| ${head.join(" | ")} |`, `| ${head.map((_, i) => (i < 2 ? "---" : "---:")).join(" | ")} |`, ...shown.map((r) => `| ${r.join(" | ")} |`)];
  if (rows.length > shown.length) out.push("", `_${rows.length - shown.length} more ${what} left out (the json, sarif and junit formats list every one)._`);
  return out;
}

/** Each resource once, by its worst state, so the slices add up to everything counted. */
function pie(report: Pick<AuditRun, "summary" | "shard" | "fleetSize">): string[] {
  const w = report.summary.totals.byWorstState;
  const slices = [
    ["at risk (blocking gaps)", w.atRisk],
    ["unverifiable", w.unverifiableOnly],
    ["warnings only", w.warningsOnly],
    ["no gaps", w.clean],
  ] as const;
  return [
    "```mermaid",
    `pie showData title Customer-data stores in ${report.summary.totals.stacks} stacks`,
    ...slices.filter(([, v]) => v > 0).map(([label, v]) => `  "${label}" : ${v}`),
    "```",
  ];
}

export function renderAuditMarkdown(report: Pick<AuditRun, "summary" | "shard" | "fleetSize">): string {
  const { totals: t, stacks, tenants, verdict } = report.summary;
  const shard = report.shard ? ` (shard ${report.shard.index}/${report.shard.count})` : "";
  const lines = [
    `${headline[verdict]}${shard}: ${t.stacksAtRisk} of ${t.stacks} stacks need attention; ${t.stores} customer-data stores checked.`,
    "",
    ...pie(report),
    "",
    "#### Stacks, worst first",
    "",
    ...rowsTable(
      ["stack", "verdict", ...GAP_COLUMNS.map((c) => c.head)],
      stacks.map((s) => [mdText(s.stack, 80), s.error === null ? s.verdict : `error: ${mdText(s.error, 120)}`, ...gapValues(s).map(String)]),
      "stacks",
    ),
    "",
    "#### Tenants, worst first",
    "",
    ...rowsTable(["tenant", "stacks", ...GAP_COLUMNS.map((c) => c.head)], tenants.map((r) => [mdText(r.tenant, 80), String(r.stacks), ...gapValues(r).map(String)]), "tenants"),
  ];
  return lines.join("\n") + "\n";
}
