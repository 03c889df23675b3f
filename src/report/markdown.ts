// `--format markdown`: the pull-request comment. Verdict first, the blast radius per tenant
// (a table, then a Mermaid diagram of tenant, sites and apps that GitHub draws), the findings that block (with ids), warnings, overridden findings with who approved them,
// overrides that did not apply and why, how to fix each policy, then the full URNs in a
// collapsed section. Stable order. It always fits GitHub's comment limit: sections are filled in
// that order until the budget is spent, and the comment then says exactly what it left out.
import { runbookSummary } from "../runbook/summary.js";
import type { Finding, Report } from "../model/report.js";
import { mdCode, mdText } from "./escape.js";
import { findingUrns } from "./overrides.js";

/** GitHub refuses comments over 65,536 characters; counting UTF-8 bytes keeps well inside it. */
export const MARKDOWN_LIMIT_BYTES = 65_000;
/** First line of every blastguard comment, so a workflow can find and update its own. */
export const COMMENT_MARKER = "<!-- blastguard-report -->";

/** URNs listed per finding in the details section. */
const DETAIL_URNS = 50;

const bytes = (s: string) => Buffer.byteLength(s, "utf8");

const headline: Record<Report["verdict"], string> = {
  allowed: "✅ **blastguard: allowed**",
  blocked: "❌ **blastguard: blocked**",
  undecided: "❓ **blastguard: undecided**: the check could not decide, so the deployment is blocked",
};
const icon = (f: Finding) => (f.status === "overridden" ? "☑️" : f.level === "error" ? "❌" : f.level === "undecided" ? "❓" : "⚠️");

function plural(n: number, word: string): string {
  return `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;
}

function subject(f: Finding): string {
  if (!f.urn) return `the change (${plural(findingUrns(f).length, "resource")})`;
  return `${mdCode(f.resourceName ?? f.urn, true, 120)} ${mdCode(f.resourceType ?? "resource", true, 120)}`;
}

interface Section {
  /** What its rows are, for the note on what was cut. */
  what: string;
  head: string[];
  rows: string[];
  foot?: string[];
}

function findingTable(what: string, title: string, findings: Finding[]): Section {
  return {
    what,
    head: [`#### ${title} (${findings.length.toLocaleString("en-US")})`, "", "| | policy | resource | why |", "| --- | --- | --- | --- |"],
    rows: findings.map((f) => `| ${icon(f)} | ${mdCode(f.policy, true)} | ${subject(f)} | ${mdText(f.message)} |`),
  };
}

/** Units drawn per parent in the diagram; the rest become one "n more" node. */
const DIAGRAM_CHILDREN = 12;

/** Text for a Mermaid node label: IDs and words only (anything else becomes "?"), short. */
function mermaidText(text: string): string {
  const clean = text.replace(/[^A-Za-z0-9 ._:/@+-]/g, "?");
  return clean.length > 60 ? `${clean.slice(0, 60)}...` : clean;
}

function nodeLabel(title: string, destroyed: number, data: number): string {
  const lines = [mermaidText(title), `${destroyed.toLocaleString("en-US")} destroyed`];
  if (data > 0) lines.push(plural(data, "customer-data store"));
  return `"${lines.join("<br/>")}"`;
}

/**
 * The blast radius as a Mermaid flowchart (GitHub draws it): tenant, then each unit below it
 * (e.g. site, then app) with what it loses; nodes with customer data are marked. Each row defines
 * the nodes it links, so a diagram cut short to fit the comment still draws.
 */
function blastRadiusDiagram(report: Report): Section | null {
  const tenants = report.blastRadius.tenants.filter((t) => t.units !== undefined && t.tenant !== "shared");
  if (tenants.length === 0) return null;
  const rows: string[] = [];
  tenants.forEach((t, ti) => {
    const root = `t${ti}`;
    const mark = (data: number) => (data > 0 ? ":::data" : "");
    rows.push(`  ${root}[${nodeLabel(t.tenant, t.deletes + t.replaces, t.customerData)}]${mark(t.customerData)}`);
    const units = t.units ?? [];
    const ids = new Map<string, string>();
    const children = new Map<string, typeof units>();
    for (const u of units) {
      const parent = JSON.stringify(u.path.slice(0, -1));
      children.set(parent, [...(children.get(parent) ?? []), u]);
    }
    const walk = (parentKey: string, parentId: string) => {
      const list = [...(children.get(parentKey) ?? [])].sort((a, b) => b.destroyed - a.destroyed || (a.path.at(-1)! < b.path.at(-1)! ? -1 : 1));
      list.slice(0, DIAGRAM_CHILDREN).forEach((u, i) => {
        const id = `${parentId}_${i}`;
        ids.set(JSON.stringify(u.path), id);
        rows.push(`  ${parentId} --> ${id}[${nodeLabel(`${u.level} ${u.path.at(-1)!}`, u.destroyed, u.customerData)}]${mark(u.customerData)}`);
        walk(JSON.stringify(u.path), id);
      });
      const rest = list.slice(DIAGRAM_CHILDREN);
      if (rest.length > 0) {
        const destroyed = rest.reduce((n, u) => n + u.destroyed, 0);
        const data = rest.reduce((n, u) => n + u.customerData, 0);
        rows.push(`  ${parentId} --> ${parentId}_more[${nodeLabel(`${rest.length} more ${rest[0]!.level}s`, destroyed, data)}]${mark(data)}`);
      }
    };
    walk(JSON.stringify([]), root);
  });
  return {
    what: "diagram line",
    head: ["#### Blast radius diagram", "", "```mermaid", "flowchart LR", "  classDef data fill:#fde2e2,stroke:#b00020"],
    rows,
    foot: ["```"],
  };
}

function sections(report: Report): Section[] {
  const open = report.findings.filter((f) => f.status === "open");
  const blocking = open.filter((f) => f.level !== "warning");
  const warnings = open.filter((f) => f.level === "warning");
  const overridden = report.findings.filter((f) => f.status === "overridden");
  const out: Section[] = [];
  const restore = runbookSummary(report);
  if (report.blastRadius.tenants.length > 0) {
    out.push({
      what: "tenant",
      head: [
        `#### Blast radius: ${plural(report.blastRadius.tenantsAffected, "tenant")} affected`,
        "",
        "| tenant | deletes | replaces | by scope level | customer data | left in the cloud (retained) |",
        "| --- | ---: | ---: | --- | ---: | ---: |",
      ],
      rows: report.blastRadius.tenants.map((t) => {
        const levels = Object.entries(t.byLevel)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([level, n]) => `${mdText(level, 60)} ${n}`)
          .join(", ");
        return `| ${mdCode(t.tenant, true, 120)} | ${t.deletes} | ${t.replaces} | ${levels || "none"} | ${t.customerData} | ${t.orphaned} |`;
      }),
      ...(restore ? { foot: ["", mdText(restore.charAt(0).toUpperCase() + restore.slice(1))] } : {}),
    });
  }
  const diagram = blastRadiusDiagram(report);
  if (diagram) out.push(diagram);
  if (blocking.length > 0) out.push(findingTable("blocking finding", "Blocking", blocking));
  if (warnings.length > 0) out.push(findingTable("warning", "Warnings", warnings));
  if (overridden.length > 0) {
    out.push({
      what: "overridden finding",
      head: [
        `#### Overridden (${overridden.length.toLocaleString("en-US")})`,
        "",
        "| policy | resource | approved by | until | reason |",
        "| --- | --- | --- | --- | --- |",
      ],
      rows: overridden.map(
        (f) =>
          `| ${mdCode(f.policy, true)} | ${subject(f)} | ${mdText(f.override!.approver, 200)} | ${mdText(f.override!.expires, 60)} | ${mdText(f.override!.reason)} |`,
      ),
    });
  }
  if (report.rejectedOverrides.length > 0) {
    out.push({
      what: "override not applied",
      head: [`#### Overrides not applied (${report.rejectedOverrides.length.toLocaleString("en-US")})`, ""],
      rows: report.rejectedOverrides.map(
        (o) =>
          `- ${mdCode(o.policy, false)} on ${plural(o.urns.length, "resource")}, approved by ${mdText(o.approver, 200)}: ` +
          o.reasons.map((r) => mdText(r)).join("; "),
      ),
    });
  }
  const policies = [...new Map(open.map((f) => [f.policy, f])).values()];
  if (policies.length > 0) {
    out.push({
      what: "fix",
      head: ["#### How to fix", ""],
      rows: policies.map((f) => `- ${mdCode(f.policy, false)} ${mdText(f.title)}: ${mdText(f.remediation)}`),
    });
  }
  if (report.findings.length > 0) {
    out.push({
      what: "detail",
      head: [`<details><summary>Every finding with its full URNs (${report.findings.length.toLocaleString("en-US")})</summary>`, ""],
      rows: report.findings.map((f) => {
        const all = findingUrns(f);
        const urns = all.slice(0, DETAIL_URNS).map((u) => `  - ${mdCode(u, false, 2000)}`);
        if (all.length > DETAIL_URNS) urns.push(`  - and ${plural(all.length - DETAIL_URNS, "more resource")}`);
        const status = f.status === "overridden" ? ", overridden" : "";
        return [`- ${icon(f)} ${mdCode(f.policy, false)} (${f.level}${status}): ${mdText(f.message)}`, ...urns].join("\n");
      }),
      foot: ["", "</details>"],
    });
  }
  return out;
}

function renderOne(report: Report, budget: number): string {
  const s = report.summary;
  const counts = [plural(s.errors, "violation"), plural(s.warnings, "warning")];
  if (s.undecided > 0) counts.push(plural(s.undecided, "undecided check"));
  if (s.overridden > 0) counts.push(`${s.overridden.toLocaleString("en-US")} overridden`);
  const lines = [
    `### ${headline[report.verdict]}`,
    "",
    `${counts.join(", ")}. ${mdCode(report.input.label, false, 200)} (${report.input.format}, ` +
      `${plural(report.input.resources, "resource")}): ${plural(s.deletes, "delete")}, ${plural(s.replaces, "replacement")}.`,
    "",
    `Input digest (what an override must name): ${mdCode(report.input.digest, false)}`,
  ];
  // Room kept for the closing note on what was cut.
  let used = bytes(lines.join("\n")) + 600;
  const all = sections(report);
  // The budget goes first to the fixes (a few lines), then to the sections in display order.
  // The diagram only repeats the blast radius table, so it gets what the findings leave.
  const byPriority = [...all.filter((x) => x.what === "fix"), ...all.filter((x) => x.what !== "fix" && x.what !== "diagram line"), ...all.filter((x) => x.what === "diagram line")];
  const shown = new Map<Section, string[]>();
  for (const section of byPriority) {
    const fixed = bytes(["", ...section.head].join("\n")) + bytes((section.foot ?? []).join("\n")) + 2;
    const rows: string[] = [];
    for (const row of section.rows) {
      const size = bytes(row) + 1;
      if (used + fixed + size > budget) break;
      rows.push(row);
      used += size;
    }
    if (rows.length > 0) used += fixed;
    shown.set(section, rows);
  }
  const cut: string[] = [];
  for (const section of all) {
    const rows = shown.get(section) ?? [];
    if (rows.length > 0) lines.push("", ...section.head, ...rows, ...(section.foot ?? []));
    const left = section.rows.length - rows.length;
    if (left > 0) cut.push(plural(left, section.what));
  }
  if (cut.length > 0) {
    lines.push(
      "",
      `**Shortened to fit GitHub's comment limit.** Not shown: ${cut.join(", ")}. ` +
        "The job log, `--format json` and the SARIF upload list everything.",
    );
  }
  return lines.join("\n");
}

export function renderMarkdown(reports: readonly Report[], limitBytes = MARKDOWN_LIMIT_BYTES): string {
  const separator = "\n\n---\n\n";
  const share = Math.floor((limitBytes - bytes(COMMENT_MARKER) - 2 - separator.length * reports.length) / Math.max(1, reports.length));
  return [COMMENT_MARKER, reports.map((r) => renderOne(r, share)).join(separator)].join("\n") + "\n";
}
