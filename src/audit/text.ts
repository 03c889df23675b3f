// `blastguard audit` as text: the fleet verdict and totals, then every stack and every tenant,
// worst first, with the gaps of their customer-data stores, then the stacks that could not be
// judged and why. Findings themselves are in the json, sarif and junit formats.
import { oneLine } from "../report/escape.js";
import type { AuditRun } from "./run.js";
import { GAP_COLUMNS, gapValues } from "./table.js";

const verdictText = { allowed: "ALLOWED", blocked: "BLOCKED", undecided: "UNDECIDED (some stacks could not be judged)" } as const;

function table(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => "  " + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ").trimEnd();
  return [line(head), ...rows.map(line)];
}

export function renderAuditText(report: Pick<AuditRun, "summary" | "shard" | "fleetSize">): string {
  const { totals: t, stacks, tenants } = report.summary;
  const shard = report.shard ? ` (shard ${report.shard.index}/${report.shard.count} of a fleet of ${report.fleetSize})` : "";
  const lines = [
    `blastguard audit: ${verdictText[report.summary.verdict]}: ${t.stacksAtRisk} of ${t.stacks} stacks need attention${shard}`,
    `  customer-data stores: ${t.stores} checked, ${t.unprotected} unprotected, ${t.noCloudProtection} without cloud deletion protection, ` +
      `${t.singleRegion} single-region, ${t.notRestoreReady} not restore-ready, ${t.unverifiable} unverifiable, ${t.warningsOnly} with warnings only`,
    "",
    "stacks, worst first:",
    ...table(
      ["stack", "verdict", ...GAP_COLUMNS.map((c) => c.head)],
      stacks.map((s) => [oneLine(s.stack), s.error === null ? s.verdict : "error", ...gapValues(s).map(String)]),
    ),
    "",
    "tenants, worst first:",
    ...table(["tenant", "stacks", ...GAP_COLUMNS.map((c) => c.head)], tenants.map((r) => [oneLine(r.tenant), String(r.stacks), ...gapValues(r).map(String)])),
  ];
  const failed = stacks.filter((s) => s.error !== null);
  if (failed.length > 0) lines.push("", "could not be judged (exit 2):", ...failed.map((s) => `  ? ${oneLine(s.error!)}`));
  return lines.join("\n") + "\n";
}
