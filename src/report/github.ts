// `--format github`: GitHub Actions workflow commands, so findings show as annotations on the
// run. Blocking findings are errors, warnings are warnings, overridden findings and the verdict
// of an allowed change are notices; every one has a title. No file= is given: a Pulumi source
// position is relative to the Pulumi project, which need not be the repository root.
import type { Finding, Report } from "../model/report.js";
import { ghData, ghProperty, oneLine } from "./escape.js";
import { findingUrns } from "./overrides.js";

function command(kind: "error" | "warning" | "notice", title: string, message: string): string {
  return `::${kind} title=${ghProperty(oneLine(title))}::${ghData(message)}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function subject(f: Finding): string {
  if (!f.urn) return `the change (${plural(findingUrns(f).length, "resource")})`;
  return `${f.resourceName ?? f.urn} (${f.resourceType ?? "resource"}) ${f.urn}`;
}

function annotation(f: Finding): string {
  const what = `${subject(f)}: ${oneLine(f.message)}`;
  if (f.override) {
    const o = f.override;
    return command("notice", `${f.policy} (overridden)`, `${what}\nOverridden: approved by ${oneLine(o.approver)} until ${o.expires}: ${oneLine(o.reason)}`);
  }
  const fix = `\nFix: ${oneLine(f.remediation)}`;
  if (f.level === "undecided") return command("error", `${f.policy}: could not decide`, what + fix);
  return command(f.level, `${f.policy}: ${f.title}`, what + fix);
}

function verdict(report: Report): string {
  const s = report.summary;
  const counts = `${plural(s.errors, "violation")}, ${plural(s.warnings, "warning")}, ${s.overridden} overridden`;
  const where = `${report.input.label} (${report.input.digest})`;
  switch (report.verdict) {
    case "allowed":
      return command("notice", "blastguard: allowed", `${counts}: ${where}`);
    case "blocked":
      return command("error", "blastguard: blocked", `${counts}: ${where}`);
    case "undecided":
      return command("error", "blastguard: undecided", `the check could not decide, so the deployment is blocked; ${counts}: ${where}`);
  }
}

export function renderGithub(reports: readonly Report[]): string {
  const lines: string[] = [];
  for (const report of reports) {
    for (const f of report.findings) lines.push(annotation(f));
    for (const o of report.rejectedOverrides) {
      const message = `${plural(o.urns.length, "resource")}, approved by ${oneLine(o.approver)}: ${o.reasons.map(oneLine).join("; ")}`;
      lines.push(command("warning", `override not applied: ${o.policy}`, message));
    }
    lines.push(verdict(report));
  }
  return lines.join("\n") + "\n";
}
