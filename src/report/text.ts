// The human report: verdict first, then findings grouped by policy, each naming the resource,
// the policy id and the reason, then how to fix it.
import type { Finding, Report } from "../model/report.js";
import { blastRadiusLines } from "./blast-radius-text.js";
import { runbookSummary } from "../runbook/summary.js";

const verdictLine: Record<Report["verdict"], string> = {
  allowed: "ALLOWED",
  blocked: "BLOCKED",
  undecided: "UNDECIDED (the check could not decide; deployment blocked)",
};

const marker: Record<Finding["level"], string> = { error: "x", warning: "!", undecided: "?" };
const markerOf = (f: Finding) => (f.status === "overridden" ? "~" : marker[f.level]);

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export function renderText(report: Report): string {
  const { summary: s, input } = report;
  const lines = [
    `blastguard: ${verdictLine[report.verdict]}: ${plural(s.errors, "violation")}, ${plural(s.warnings, "warning")}` +
      (s.undecided ? `, ${plural(s.undecided, "undecided check")}` : "") +
      (s.overridden ? `, ${s.overridden} overridden` : ""),
    `  input: ${input.label} (${input.format}, ${plural(input.resources, "resource")}, ${plural(input.steps, "step")}` +
      `${input.withPriorState ? ", with prior state" : ""}${input.inventoryComplete ? "" : ", inventory incomplete"})`,
    `  change: ${plural(s.deletes, "delete")}, ${plural(s.replaces, "replacement")}`,
  ];
  const restore = runbookSummary(report.runbook);
  lines.splice(1, 0, ...blastRadiusLines(report.blastRadius), ...(restore ? [`  ${restore}`] : []));
  if (s.protectedDeletesRefusedByEngine > 0) {
    lines.push(`  engine: Pulumi itself refused ${plural(s.protectedDeletesRefusedByEngine, "protected deletion")} in this preview`);
  }
  const byPolicy = new Map<string, Finding[]>();
  for (const f of report.findings) byPolicy.set(f.policy, [...(byPolicy.get(f.policy) ?? []), f]);
  for (const [policy, findings] of byPolicy) {
    const first = findings[0]!;
    lines.push("", `${policy}: ${first.title} [${first.severity}]`);
    for (const f of findings) {
      const subject = f.urn ? `${f.resourceName ?? f.urn} (${f.resourceType ?? "resource"})` : "the change";
      lines.push(`  ${markerOf(f)} ${subject}: ${f.message}`);
      if (f.override) lines.push(`      overridden: approved by ${f.override.approver} until ${f.override.expires}: ${f.override.reason}`);
      if (f.urn) lines.push(`      ${f.urn}`);
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
