import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import AjvDraft04 from "ajv-draft-04";
import ajvFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { check } from "../../src/check.js";
import { loadCatalog } from "../../src/engine/bundle.js";
import { parseSourcePosition, renderSarif } from "../../src/report/sarif.js";
import { fixture, runCli } from "../support/paths.js";
import { DB, DIGEST, LOGS, QUEUE, sampleCatalog, sampleReport } from "../support/sample-report.js";

// The SARIF 2.1.0 schema as Microsoft's SARIF SDK ships it (rtm.5, JSON Schema draft-04).
const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8")) as object;
// strict off: ajv's strict mode is stricter than draft-04 (e.g. "required" inside "anyOf");
// unicodeRegExp off: the schema's `language` pattern has a stray "]" that only the u flag rejects.
// Both are CommonJS; under NodeNext their default import is the whole module.exports.
const Ajv = AjvDraft04.default;
const addFormats = ajvFormats.default;
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);
function schemaErrors(text: string): unknown[] {
  return validate(JSON.parse(text)) ? [] : (validate.errors ?? []);
}

const rule = (id: string, title: string, description: string, remediation: string, level: string, severity: string) => ({
  id,
  name: id,
  shortDescription: { text: title },
  fullDescription: { text: description },
  help: { text: remediation },
  defaultConfiguration: { level },
  properties: { severity },
});

describe("sarif report", () => {
  it("writes rules from the catalog, URNs as logical and source positions as physical locations", () => {
    const expected = {
      $schema: "https://json.schemastore.org/sarif-2.1.0.json",
      version: "2.1.0",
      runs: [
        {
          tool: {
            driver: {
              name: "blastguard",
              version: "9.9.9",
              rules: [
                rule("bulk-delete", "Too many deletions", "Deletes more than one change should.", "Split the change.", "error", "high"),
                rule("protected-delete", "Protected resource deleted", "Deletes a protected resource.", "Keep the resource.", "error", "critical"),
                rule("unprotect-and-delete", "Unprotected and deleted at once", "Removes protect and deletes together.", "Unprotect first, delete later.", "warning", "critical"),
              ],
            },
          },
          originalUriBaseIds: { PROJECTROOT: { description: { text: "The Pulumi project directory (where Pulumi.yaml is)" } } },
          results: [
            {
              ruleId: "bulk-delete",
              ruleIndex: 0,
              level: "warning",
              message: { text: "deletes 3 cloud resources; the limit is 2" },
              locations: [{ physicalLocation: { artifactLocation: { uri: "preview.json" } } }],
              properties: { severity: "high", findingKind: "violation", resources: [DB, QUEUE, LOGS] },
            },
            {
              ruleId: "protected-delete",
              ruleIndex: 1,
              level: "error",
              message: { text: "deletes orders-db, which is protected" },
              locations: [
                {
                  physicalLocation: { artifactLocation: { uri: "index.ts", uriBaseId: "PROJECTROOT" }, region: { startLine: 12, startColumn: 5 } },
                  logicalLocations: [{ name: "orders-db", fullyQualifiedName: DB, kind: "resource" }],
                },
              ],
              properties: { severity: "critical", findingKind: "violation" },
            },
            {
              ruleId: "unprotect-and-delete",
              ruleIndex: 2,
              level: "error",
              message: { text: "removes protect from logs and deletes it" },
              locations: [
                {
                  physicalLocation: { artifactLocation: { uri: "preview.json" } },
                  logicalLocations: [{ name: "logs", fullyQualifiedName: LOGS, kind: "resource" }],
                },
              ],
              suppressions: [
                {
                  kind: "external",
                  status: "accepted",
                  justification: "moved to the logging stack, OPS-12 (approved by bob, expires 2026-12-01T00:00:00Z)",
                },
              ],
              properties: { severity: "critical", findingKind: "violation" },
            },
          ],
          properties: {
            verdict: "blocked",
            input: { label: "preview.json", format: "preview", digest: DIGEST },
            rejectedOverrides: [
              { policy: "protected-delete", urns: [DB], approver: "alice", reasons: ["approved by the requester of the change; an override needs a second person"] },
            ],
          },
        },
      ],
    };
    const text = renderSarif([sampleReport()], { catalog: sampleCatalog, toolVersion: "9.9.9" });
    expect(text).toBe(JSON.stringify(expected, null, 2) + "\n");
    expect(schemaErrors(text)).toEqual([]);
  });

  it("reads Pulumi source positions and refuses ones it cannot turn into a file reference", () => {
    expect(parseSourcePosition("project:///index.ts#5,20")).toEqual({ uri: "index.ts", line: 5, column: 20 });
    expect(parseSourcePosition("project:///src/my%20stack.ts#7")).toEqual({ uri: "src/my%20stack.ts", line: 7, column: null });
    expect(parseSourcePosition("project:///index.ts#0,1")).toBeNull();
    expect(parseSourcePosition("file:///etc/passwd#1,1")).toBeNull();
    expect(parseSourcePosition("project:///bad%zz.ts#1,1")).toBeNull();
  });

  it("validates against the SARIF 2.1.0 schema for a real preview with two protected deletes", () => {
    const r = runCli(["check", fixture("events/TestMultipleProtectedDeletes-1-preview.jsonl"), "--format", "sarif"]);
    expect(r.status).toBe(1);
    expect(schemaErrors(r.stdout)).toEqual([]);
    const log = JSON.parse(r.stdout) as { runs: { results: { ruleId: string; locations: { logicalLocations: { fullyQualifiedName: string }[] }[] }[] }[] };
    expect(log.runs[0]!.results.map((x) => [x.ruleId, x.locations[0]!.logicalLocations[0]!.fullyQualifiedName])).toEqual([
      ["protected-delete", "urn:pulumi:test::test::pkgA:m:typA::resA"],
      ["protected-delete", "urn:pulumi:test::test::pkgA:m:typA::resB"],
    ]);
  });

  it("validates for a real preview whose resources carry source positions, checked through the library", async () => {
    const { report } = await check(fixture("preview/stratify-sample-preview-creates.json"));
    const text = renderSarif([report], { catalog: loadCatalog(), toolVersion: "0.0.0" });
    expect(schemaErrors(text)).toEqual([]);
    type Loc = { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region?: { startLine: number } }; logicalLocations?: unknown[] };
    const results = (JSON.parse(text) as { runs: { results: { locations: Loc[] }[] }[] }).runs[0]!.results;
    // every resource of this preview has a recorded source position (project:///index.ts#5,20, ...)
    for (const r of results.filter((x) => x.locations[0]!.logicalLocations)) {
      expect(r.locations[0]!.physicalLocation.artifactLocation.uriBaseId).toBe("PROJECTROOT");
      expect(r.locations[0]!.physicalLocation.region!.startLine).toBeGreaterThan(0);
    }
  });

  it("has a validator that really rejects a log that is not SARIF 2.1.0", () => {
    const text = renderSarif([sampleReport()], { catalog: sampleCatalog, toolVersion: "9.9.9" }).replace('"version": "2.1.0"', '"version": "2.0.0"');
    expect(schemaErrors(text)).not.toEqual([]);
  });
});
