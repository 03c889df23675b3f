// The audit's output formats, one table like the check's (src/report/formats.ts). sarif and junit
// are the check's own reporters over every judged stack's report; a stack that could not be
// judged is added as a failed tool run (SARIF) or an erroring test case (JUnit).
import { loadCatalog } from "../engine/bundle.js";
import { xml, xmlAttr } from "../report/escape.js";
import { renderJunit } from "../report/junit.js";
import { renderSarif } from "../report/sarif.js";
import { packageVersion } from "../version.js";
import { renderAuditMarkdown } from "./markdown.js";
import type { AuditReport, StackResult } from "./model.js";
import { renderAuditText } from "./text.js";

const judged = (r: AuditReport) => r.stacks.flatMap((s) => (s.report ? [s.report] : []));
const failed = (r: AuditReport): StackResult[] => r.stacks.filter((s) => s.error !== null);

type SarifRun = Record<string, unknown> & { results: unknown[] };

/**
 * One run for the whole fleet: GitHub code scanning refuses files of more than 20 runs, and a
 * fleet has hundreds of stacks. Each result keeps its stack's input as its location and its URN
 * (which names the stack) as its logical location; a stack that could not be judged is a failed
 * execution notification, so the run says it is incomplete.
 */
function sarif(report: AuditReport): string {
  const reports = judged(report);
  const log = JSON.parse(renderSarif(reports, { catalog: loadCatalog(), toolVersion: packageVersion() })) as { runs: SarifRun[] };
  const first = log.runs[0];
  const run: Record<string, unknown> = {
    tool: first?.tool ?? { driver: { name: "blastguard", version: packageVersion() } },
    automationDetails: { id: "blastguard-audit/" },
    invocations: [
      {
        executionSuccessful: failed(report).length === 0,
        toolExecutionNotifications: failed(report).map((s) => ({ level: "error", message: { text: s.error! } })),
      },
    ],
    originalUriBaseIds: first?.originalUriBaseIds,
    results: log.runs.flatMap((r) => r.results),
    properties: { verdict: report.summary.verdict, stacks: report.summary.totals.stacks, shard: report.shard },
  };
  return JSON.stringify({ ...log, runs: [run] }, null, 2) + "\n";
}

/** The check's JUnit for every judged stack, plus one erroring suite per stack that could not be judged. */
function junit(report: AuditReport): string {
  const lines = renderJunit(judged(report), loadCatalog()).split("\n");
  const rootAt = lines.findIndex((l) => l.startsWith("<testsuites "));
  const close = lines.lastIndexOf("</testsuites>");
  if (rootAt < 0 || close < 0) throw new Error("unexpected JUnit document");
  const extra = failed(report);
  // The root's totals count the added suites too (each one test, one error).
  const add = (attr: string) => (line: string) => line.replace(new RegExp(` ${attr}="(\\d+)"`), (_, n: string) => ` ${attr}="${Number(n) + extra.length}"`);
  lines[rootAt] = add("errors")(add("tests")(lines[rootAt]!));
  const suites = extra.flatMap((s) => [
    `  <testsuite name="${xmlAttr(`blastguard: ${s.target.id}`)}" tests="1" failures="0" errors="1" skipped="0">`,
    `    <testcase classname="blastguard" name="${xmlAttr(s.target.id)}">`,
    `      <error type="undecidable" message="${xmlAttr(s.error!)}">${xml(s.error!)}</error>`,
    "    </testcase>",
    "  </testsuite>",
  ]);
  return [...lines.slice(0, close), ...suites, ...lines.slice(close)].join("\n");
}

export const auditFormats = {
  text: { description: "the fleet summary: stacks and tenants, worst first", render: renderAuditText },
  json: { description: "the audit report (schemaVersion 1); `blastguard merge` reads it", render: (r: AuditReport) => JSON.stringify(r, null, 2) + "\n" },
  markdown: { description: "a job summary with a Mermaid chart of the fleet", render: renderAuditMarkdown },
  sarif: { description: "SARIF 2.1.0, one run for the fleet (code scanning takes at most 20 runs per file)", render: sarif },
  junit: { description: "JUnit XML, one test suite per stack", render: junit },
} satisfies Record<string, { description: string; render(r: AuditReport): string }>;

export type AuditFormatName = keyof typeof auditFormats;
export const auditFormatNames = Object.keys(auditFormats) as AuditFormatName[];
