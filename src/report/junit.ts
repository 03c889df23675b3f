// `--format junit`: JUnit XML for CI dashboards. One test suite per checked input; one test
// case per policy and resource it found something about (classname = policy id, name = the
// resource URN, or "the change" for change-wide findings), and one passing case per policy that
// found nothing. Blocking findings are failures, undecided ones errors, overridden findings and
// disabled policies skipped; a warning passes and says so in its output.
import type { Catalog } from "../engine/bundle.js";
import type { Finding, Report } from "../model/report.js";
import { xml, xmlAttr } from "./escape.js";
import { findingUrns } from "./overrides.js";

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function testcase(f: Finding, counts: Counts): string[] {
  counts.tests++;
  const name = f.urn || "the change";
  const open = `    <testcase classname="${xmlAttr(f.policy)}" name="${xmlAttr(name)}">`;
  const detail = [
    `${f.title} [${f.severity}]`,
    f.message,
    ...(f.urn ? [] : findingUrns(f).map((u) => `- ${u}`)),
    `fix: ${f.remediation}`,
  ].join("\n");
  let body: string;
  if (f.override) {
    counts.skipped++;
    const why = `overridden: approved by ${f.override.approver} until ${f.override.expires}: ${f.override.reason}`;
    body = `      <skipped message="${xmlAttr(why)}"/>\n      <system-out>${xml(detail)}</system-out>`;
  } else if (f.level === "error") {
    counts.failures++;
    body = `      <failure type="${f.kind}" message="${xmlAttr(f.message)}">${xml(detail)}</failure>`;
  } else if (f.level === "undecided") {
    counts.errors++;
    body = `      <error type="${f.kind}" message="${xmlAttr(f.message)}">${xml(detail)}</error>`;
  } else {
    body = `      <system-out>${xml(`warning: ${detail}`)}</system-out>`;
  }
  return [open, body, "    </testcase>"];
}

function suite(report: Report, catalog: Catalog, total: Counts): string[] {
  const counts: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const cases: string[] = [];
  const disabled = new Set(report.disabledPolicies);
  const policies = [...new Set([...catalog.policies.map((p) => p.id), ...report.findings.map((f) => f.policy)])].sort(byId);
  for (const policy of policies) {
    const findings = report.findings.filter((f) => f.policy === policy);
    if (findings.length > 0) {
      for (const f of findings) cases.push(...testcase(f, counts));
      continue;
    }
    counts.tests++;
    if (disabled.has(policy)) {
      counts.skipped++;
      cases.push(`    <testcase classname="${xmlAttr(policy)}" name="all resources">`, `      <skipped message="disabled by config"/>`, "    </testcase>");
    } else {
      cases.push(`    <testcase classname="${xmlAttr(policy)}" name="all resources"/>`);
    }
  }
  for (const key of ["tests", "failures", "errors", "skipped"] as const) total[key] += counts[key];
  const attrs = `tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}"`;
  return [
    `  <testsuite name="${xmlAttr(`blastguard: ${report.input.label}`)}" ${attrs}>`,
    "    <properties>",
    `      <property name="verdict" value="${report.verdict}"/>`,
    `      <property name="digest" value="${xmlAttr(report.input.digest)}"/>`,
    "    </properties>",
    ...cases,
    "  </testsuite>",
  ];
}

export function renderJunit(reports: readonly Report[], catalog: Catalog): string {
  const total: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const suites = reports.flatMap((r) => suite(r, catalog, total));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    // junit-10.xsd (Jenkins) has no `skipped` on <testsuites>; each <testsuite> carries it.
    `<testsuites name="blastguard" tests="${total.tests}" failures="${total.failures}" errors="${total.errors}">`,
    ...suites,
    "</testsuites>",
    "",
  ].join("\n");
}
