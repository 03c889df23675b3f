// The human report: verdict first, then findings grouped by policy (most severe policy first,
// then by id), each naming the resource, the policy id and the reason, then how to fix it.
import type { Finding, Report } from "../model/report.js";
import { blastRadiusLines } from "./blast-radius-text.js";
import { runbookSummary } from "../runbook/summary.js";

export interface TextOptions {
  /** ANSI colours for a terminal (the CLI decides: TTY, NO_COLOR, FORCE_COLOR). */
  colour?: boolean;
}

const verdictWord: Record<Report["verdict"], string> = {
  allowed: "ALLOWED",
  blocked: "BLOCKED",
  undecided: "UNDECIDED (the check could not decide; deployment blocked)",
};

const marker: Record<Finding["level"], string> = { error: "x", warning: "!", undecided: "?" };
const markerOf = (f: Finding) => (f.status === "overridden" ? "~" : marker[f.level]);
export const LEGEND = "markers: x blocks, ! warning, ? could not decide (blocks), ~ overridden";

export const severityRank: Record<Finding["severity"], number> = { critical: 0, high: 1, medium: 2, low: 3 };

type Paint = (code: number, text: string) => string;
const ansi: Paint = (code, text) => `\u001b[${code}m${text}\u001b[0m`;
const plain: Paint = (_code, text) => text;
const RED = 31;
const GREEN = 32;
const YELLOW = 33;
const BOLD = 1;
const DIM = 2;
const verdictColour: Record<Report["verdict"], number> = { allowed: GREEN, blocked: RED, undecided: YELLOW };
const markerColour: Record<string, number> = { x: RED, "!": YELLOW, "?": YELLOW, "~": DIM };

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The first line of the report: the verdict and its counts (all that --quiet prints). */
export function verdictLine(report: Report, options: TextOptions = {}): string {
  const paint = options.colour ? ansi : plain;
  const s = report.summary;
  return (
    `blastguard: ${paint(BOLD, paint(verdictColour[report.verdict], verdictWord[report.verdict]))}: ${plural(s.errors, "violation")}, ${plural(s.warnings, "warning")}` +
    (s.undecided ? `, ${plural(s.undecided, "undecided check")}` : "") +
    (s.overridden ? `, ${s.overridden} overridden` : "")
  );
}

/** Policies most severe first, then by id; each policy's findings in report order. */
export function findingsByPolicy(findings: readonly Finding[]): [string, Finding[]][] {
  const byPolicy = new Map<string, Finding[]>();
  for (const f of findings) byPolicy.set(f.policy, [...(byPolicy.get(f.policy) ?? []), f]);
  return [...byPolicy].sort(([a, fa], [b, fb]) => severityRank[fa[0]!.severity] - severityRank[fb[0]!.severity] || (a < b ? -1 : a > b ? 1 : 0));
}

export function renderText(report: Report, options: TextOptions = {}): string {
  const paint = options.colour ? ansi : plain;
  const { summary: s, input } = report;
  const lines = [
    verdictLine(report, options),
    `  input: ${input.label} (${input.format}, ${plural(input.resources, "resource")}, ${plural(input.steps, "step")}` +
      `${input.withPriorState ? ", with prior state" : ""}${input.inventoryComplete ? "" : ", inventory incomplete"})`,
    `  change: ${plural(s.deletes, "delete")}, ${plural(s.replaces, "replacement")}`,
  ];
  const restore = runbookSummary(report);
  lines.splice(1, 0, ...blastRadiusLines(report.blastRadius), ...(restore ? [`  ${restore}`] : []));
  if (s.protectedDeletesRefusedByEngine > 0) {
    lines.push(`  engine: Pulumi itself refused ${plural(s.protectedDeletesRefusedByEngine, "protected deletion")} in this preview`);
  }
  if (report.findings.length > 0) lines.push(`  ${paint(DIM, LEGEND)}`);
  for (const [policy, findings] of findingsByPolicy(report.findings)) {
    const first = findings[0]!;
    lines.push("", `${paint(BOLD, policy)}: ${first.title} [${first.severity}]`);
    for (const f of findings) {
      const subject = f.urn ? `${f.resourceName ?? f.urn} (${f.resourceType ?? "resource"})` : "the change";
      const m = markerOf(f);
      lines.push(`  ${paint(markerColour[m]!, m)} ${subject}: ${f.message}`);
      if (f.override) lines.push(`      overridden: approved by ${f.override.approver} until ${f.override.expires}: ${f.override.reason}`);
      if (f.urn) lines.push(`      ${paint(DIM, f.urn)}`);
      if (f.resources.length > 0) {
        const shown = f.resources.slice(0, 10);
        for (const urn of shown) lines.push(`      - ${urn}`);
        if (f.resources.length > shown.length) lines.push(`      ... and ${f.resources.length - shown.length} more`);
      }
    }
    lines.push(`  fix: ${first.remediation}`);
  }
  for (const o of report.rejectedOverrides) {
    lines.push("", `override not applied: ${o.policy} on ${plural(o.urns.length, "resource")}, approved by ${o.approver}`);
    for (const reason of o.reasons) lines.push(`  - ${reason}`);
  }
  if (report.disabledPolicies.length > 0) lines.push("", `disabled by config: ${report.disabledPolicies.join(", ")}`);
  return lines.join("\n") + "\n";
}
