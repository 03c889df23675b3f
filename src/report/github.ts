// `--format github`: GitHub Actions workflow commands, so findings show as annotations on the
// run. Blocking findings are errors, warnings are warnings, overridden findings and the verdict
// of an allowed change are notices; every one has a title. No file= is given: a Pulumi source
// position is relative to the Pulumi project, which need not be the repository root.
// GitHub shows at most 10 errors, 10 warnings and 10 notices per step: the verdict comes first,
// then the most severe findings, and one last notice says how many more the SARIF and the job
// summary hold.
import type { Finding, Report } from "../model/report.js";
import { severityRank } from "./text.js";

/** GitHub's limit of annotations of each kind per step. */
export const ANNOTATIONS_PER_KIND = 10;
type Kind = "error" | "warning" | "notice";
import { ghData, ghProperty, oneLine } from "./escape.js";
import { findingUrns } from "./overrides.js";

function command(kind: Kind, title: string, message: string): string {
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

const kindOf = (line: string) => line.slice(2, line.indexOf(" ")) as Kind;
const levelRank = (f: Finding) => (f.override ? 2 : f.level === "warning" ? 1 : 0);
const mostUrgent = (a: Finding, b: Finding) =>
  levelRank(a) - levelRank(b) || severityRank[a.severity] - severityRank[b.severity] || (a.policy < b.policy ? -1 : a.policy > b.policy ? 1 : 0);

export function renderGithub(reports: readonly Report[], limit = ANNOTATIONS_PER_KIND): string {
  const lines = reports.map(verdict);
  for (const report of reports) {
    for (const f of [...report.findings].sort(mostUrgent)) lines.push(annotation(f));
    for (const o of report.rejectedOverrides) {
      const message = `${plural(o.urns.length, "resource")}, approved by ${oneLine(o.approver)}: ${o.reasons.map(oneLine).join("; ")}`;
      lines.push(command("warning", `override not applied: ${o.policy}`, message));
    }
  }
  const shown: string[] = [];
  const used: Record<Kind, number> = { error: 0, warning: 0, notice: 0 };
  const hidden: Record<Kind, number> = { error: 0, warning: 0, notice: 0 };
  const overflows = lines.some((l, i) => lines.slice(0, i + 1).filter((m) => kindOf(m) === kindOf(l)).length > limit);
  for (const line of lines) {
    const kind = kindOf(line);
    // keep one notice free for the line that says what was left out
    const room = kind === "notice" && overflows ? limit - 1 : limit;
    if (used[kind] < room) {
      used[kind]++;
      shown.push(line);
    } else hidden[kind]++;
  }
  if (overflows) {
    const more = (["error", "warning", "notice"] as const).filter((k) => hidden[k] > 0).map((k) => plural(hidden[k], k));
    shown.push(command("notice", "blastguard: more findings", `${more.join(", ")} not shown here (GitHub shows ${limit} of each kind per step): see the SARIF upload and the job summary`));
  }
  return shown.join("\n") + "\n";
}
