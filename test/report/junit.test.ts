import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validateXML } from "xmllint-wasm";
import { renderJunit } from "../../src/report/junit.js";
import { repoRoot, runCli } from "../support/paths.js";
import { scenario } from "../support/scenarios.js";
import { DIGEST, sampleCatalog, sampleReport } from "../support/sample-report.js";

// Jenkins' junit-10.xsd (see fixtures/PROVENANCE.md), checked by libxml2 (xmllint-wasm).
const junitXsd = readFileSync(join(repoRoot, "test/report/fixtures/junit-10.xsd"), "utf8");
async function xsdErrors(xml: string): Promise<string[]> {
  const result = await validateXML({ xml: { fileName: "report.xml", contents: xml }, schema: { fileName: "junit-10.xsd", contents: junitXsd } });
  return result.errors.map((e) => e.message);
}

describe("junit report", () => {
  it("has one test case per policy and resource: failure, warning output, skipped override", () => {
    expect(renderJunit([sampleReport()], sampleCatalog)).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="blastguard" tests="3" failures="1" errors="0">
  <testsuite name="blastguard: preview.json" tests="3" failures="1" errors="0" skipped="1">
    <properties>
      <property name="verdict" value="blocked"/>
      <property name="digest" value="${DIGEST}"/>
    </properties>
    <testcase classname="bulk-delete" name="the change">
      <system-out>warning: Too many deletions [high]
deletes 3 cloud resources; the limit is 2
- urn:pulumi:prod::shop::aws:rds/instance:Instance::orders-db
- urn:pulumi:prod::shop::aws:sqs/queue:Queue::jobs
- urn:pulumi:prod::shop::aws:s3/bucket:Bucket::logs
fix: Split the change.</system-out>
    </testcase>
    <testcase classname="protected-delete" name="urn:pulumi:prod::shop::aws:rds/instance:Instance::orders-db">
      <failure type="violation" message="deletes orders-db, which is protected">Protected resource deleted [critical]
deletes orders-db, which is protected
fix: Keep the resource.</failure>
    </testcase>
    <testcase classname="unprotect-and-delete" name="urn:pulumi:prod::shop::aws:s3/bucket:Bucket::logs">
      <skipped message="overridden: approved by bob until 2026-12-01T00:00:00Z: moved to the logging stack, OPS-12"/>
      <system-out>Unprotected and deleted at once [critical]
removes protect from logs and deletes it
fix: Unprotect first, delete later.</system-out>
    </testcase>
  </testsuite>
</testsuites>
`);
  });

  it("passes each policy that found nothing, skips a disabled one, and reports undecided as an error", () => {
    const report = sampleReport();
    report.verdict = "undecided";
    report.disabledPolicies = ["unprotect-and-delete"];
    report.rejectedOverrides = [];
    report.findings = [
      { ...report.findings[0]!, level: "undecided", kind: "undecidable", message: 'needs the stack\'s total: <pass "--state"> & retry', resources: [] },
    ];
    expect(renderJunit([report], sampleCatalog)).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="blastguard" tests="3" failures="0" errors="1">
  <testsuite name="blastguard: preview.json" tests="3" failures="0" errors="1" skipped="1">
    <properties>
      <property name="verdict" value="undecided"/>
      <property name="digest" value="${DIGEST}"/>
    </properties>
    <testcase classname="bulk-delete" name="the change">
      <error type="undecidable" message="needs the stack&apos;s total: &lt;pass &quot;--state&quot;&gt; &amp; retry">Too many deletions [high]
needs the stack&apos;s total: &lt;pass &quot;--state&quot;&gt; &amp; retry
fix: Split the change.</error>
    </testcase>
    <testcase classname="protected-delete" name="all resources"/>
    <testcase classname="unprotect-and-delete" name="all resources">
      <skipped message="disabled by config"/>
    </testcase>
  </testsuite>
</testsuites>
`);
  });

  it("is valid against Jenkins' junit-10 XSD for every recorded scenario and for the sample reports", async () => {
    for (const name of ["incident-site-ids-as-app-ids", "unprotect-and-replace-table", "add-tenant", "delete-app-with-intent"]) {
      const r = runCli(["check", scenario(name, "plan.json"), scenario(name, "preview.json"), "--state", scenario(name, "state.json"), "--format", "junit"]);
      expect({ name, errors: await xsdErrors(r.stdout) }).toEqual({ name, errors: [] });
    }
    expect(await xsdErrors(renderJunit([sampleReport(), sampleReport()], sampleCatalog))).toEqual([]);
  });

  it("has a validator that rejects what junit-10 does not allow (skipped on <testsuites>)", async () => {
    const xml = renderJunit([sampleReport()], sampleCatalog).replace('<testsuites name="blastguard"', '<testsuites skipped="1" name="blastguard"');
    expect((await xsdErrors(xml)).join("\n")).toContain("skipped");
  });
});
