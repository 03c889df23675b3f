// The audit's output formats, one table like the check's (src/report/formats.ts). Each writes its
// output piece by piece: text and markdown from the summary alone; json, sarif and junit, which
// list every stack's findings, read one stack's full result at a time. sarif and junit are the
// check's own reporters over every judged stack's report; a stack that could not be judged is
// added as a failed tool execution (SARIF) or an erroring test suite (JUnit).
import { loadCatalog } from "../engine/bundle.js";
import { xml, xmlAttr } from "../report/escape.js";
import { renderJunit } from "../report/junit.js";
import { renderSarif } from "../report/sarif.js";
import type { Report } from "../model/report.js";
import { packageVersion } from "../version.js";
import { STREAMED, writeJsonStreamingArray } from "./json-stream.js";
import { renderAuditMarkdown } from "./markdown.js";
import { AUDIT_SCHEMA_VERSION, type StackResult } from "./model.js";
import type { AuditRun } from "./run.js";
import { renderAuditText } from "./text.js";

type Write = (chunk: string) => void;

/** The reports of the judged stacks, one at a time, in the run's order. */
function* judged(run: AuditRun): Generator<Report> {
  for (let i = 0; i < run.stacks.length; i++) {
    if (run.stacks[i]!.error !== null) continue;
    const { report } = JSON.parse(run.result(i)) as StackResult;
    if (report) yield report;
  }
}

const failed = (run: AuditRun) => run.stacks.filter((s) => s.error !== null);

/** The audit report (what `blastguard merge` reads): every stack's full result, then the summary. */
function json(run: AuditRun, write: Write): void {
  const doc = { schemaVersion: AUDIT_SCHEMA_VERSION, kind: "blastguard-audit", shard: run.shard, fleetSize: run.fleetSize, context: run.context, stacks: STREAMED, summary: run.summary };
  writeJsonStreamingArray(doc, (function* () {
    for (let i = 0; i < run.stacks.length; i++) yield run.result(i);
  })(), write);
}

type SarifLog = { runs: (Record<string, unknown> & { results: unknown[] })[] };

/**
 * One run for the whole fleet: GitHub code scanning refuses files of more than 20 runs, and a
 * fleet has hundreds of stacks. Each result keeps its stack's input as its location and its URN
 * (which names the stack) as its logical location; a stack that could not be judged is a failed
 * execution notification, so the run says it is incomplete.
 */
function sarif(run: AuditRun, write: Write): void {
  const options = { catalog: loadCatalog(), toolVersion: packageVersion() };
  const sarifOf = (reports: Report[]) => JSON.parse(renderSarif(reports, options)) as SarifLog;
  const firstReport = judged(run).next().value;
  const log = sarifOf(firstReport ? [firstReport] : []);
  const first = log.runs[0];
  const doc = {
    ...log,
    runs: [
      {
        tool: first?.tool ?? { driver: { name: "blastguard", version: packageVersion() } },
        automationDetails: { id: "blastguard-audit/" },
        invocations: [
          {
            executionSuccessful: failed(run).length === 0,
            toolExecutionNotifications: failed(run).map((s) => ({ level: "error", message: { text: s.error! } })),
          },
        ],
        originalUriBaseIds: first?.originalUriBaseIds,
        results: STREAMED,
        properties: { verdict: run.summary.verdict, stacks: run.summary.totals.stacks, shard: run.shard },
      },
    ],
  };
  writeJsonStreamingArray(doc, (function* () {
    for (const report of judged(run)) for (const result of sarifOf([report]).runs[0]!.results) yield JSON.stringify(result, null, 2);
  })(), write);
}

/**
 * The check's JUnit suite for every judged stack, plus one erroring suite per stack that could not
 * be judged. The root's totals come first, so the suites are made twice: counted, then written.
 */
function junit(run: AuditRun, write: Write): void {
  const catalog = loadCatalog();
  const suitesOf = (report: Report) => {
    const lines = renderJunit([report], catalog).split("\n");
    const root = lines.findIndex((l) => l.startsWith("<testsuites "));
    const close = lines.lastIndexOf("</testsuites>");
    if (root < 0 || close < 0) throw new Error("unexpected JUnit document");
    const count = (attr: string) => Number(new RegExp(` ${attr}="(\\d+)"`).exec(lines[root]!)![1]);
    return { head: lines.slice(0, root), suites: lines.slice(root + 1, close), tests: count("tests"), failures: count("failures"), errors: count("errors") };
  };
  const extra = failed(run);
  const total = { tests: extra.length, failures: 0, errors: extra.length };
  for (const report of judged(run)) {
    const s = suitesOf(report);
    total.tests += s.tests;
    total.failures += s.failures;
    total.errors += s.errors;
  }
  const head = renderJunit([], catalog).split("\n");
  const root = head.findIndex((l) => l.startsWith("<testsuites "));
  const totals = Object.entries(total).reduce((line, [attr, n]) => line.replace(new RegExp(` ${attr}="\\d+"`), ` ${attr}="${n}"`), head[root]!);
  write([...head.slice(0, root), totals, ""].join("\n"));
  for (const report of judged(run)) write(suitesOf(report).suites.join("\n") + "\n");
  for (const s of extra) {
    write(
      [
        `  <testsuite name="${xmlAttr(`blastguard: ${s.target.id}`)}" tests="1" failures="0" errors="1" skipped="0">`,
        `    <testcase classname="blastguard" name="${xmlAttr(s.target.id)}">`,
        `      <error type="undecidable" message="${xmlAttr(s.error!)}">${xml(s.error!)}</error>`,
        "    </testcase>",
        "  </testsuite>",
        "",
      ].join("\n"),
    );
  }
  write("</testsuites>\n");
}

export const auditFormats = {
  text: { description: "the fleet summary: stacks and tenants, worst first", write: (run: AuditRun, w: Write) => w(renderAuditText(run)), listsFindings: false },
  json: { description: "the audit report (schemaVersion 1); `blastguard merge` reads it", write: json, listsFindings: true },
  markdown: { description: "a job summary with a Mermaid chart of the fleet", write: (run: AuditRun, w: Write) => w(renderAuditMarkdown(run)), listsFindings: false },
  sarif: { description: "SARIF 2.1.0, one run for the fleet (code scanning takes at most 20 runs per file)", write: sarif, listsFindings: true },
  junit: { description: "JUnit XML, one test suite per stack", write: junit, listsFindings: true },
} satisfies Record<string, { description: string; write(run: AuditRun, write: Write): void; listsFindings: boolean }>;

export type AuditFormatName = keyof typeof auditFormats;
export const auditFormatNames = Object.keys(auditFormats) as AuditFormatName[];
