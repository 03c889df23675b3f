import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import AjvDraft04 from "ajv-draft-04";
import ajvFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { check } from "../../src/check.js";
import { loadCatalog } from "../../src/engine/bundle.js";
import { parseSourcePosition, renderSarif } from "../../src/report/sarif.js";
import { fixture, repoRoot, runCli } from "../support/paths.js";
import { scenario } from "../support/scenarios.js";
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

interface SarifLog {
  runs: {
    automationDetails?: { id: string };
    tool: { driver: { rules: { id: string; helpUri?: string; properties: { "security-severity"?: string; tags?: string[] } }[] } };
    results: { ruleId: string; level?: string; message: { text: string }; locations?: { physicalLocation?: { artifactLocation?: { uri?: string } } }[] }[];
  }[];
}

/** The parts of GitHub's SARIF ingestion rules a program can check offline (docs: "SARIF support for code scanning"). */
function githubIngestionProblems(log: SarifLog): string[] {
  const problems: string[] = [];
  if (log.runs.length > 20) problems.push("more than 20 runs");
  const categories = log.runs.map((r) => r.automationDetails?.id ?? "");
  if (new Set(categories).size !== categories.length) problems.push("runs share a category (automationDetails.id)");
  for (const run of log.runs) {
    const rules = new Map(run.tool.driver.rules.map((r) => [r.id, r]));
    if (run.results.length > 25_000) problems.push("more than 25,000 results in a run");
    for (const rule of rules.values()) {
      const severity = Number(rule.properties["security-severity"]);
      if (!(severity > 0 && severity <= 10)) problems.push(`${rule.id}: security-severity is not a number in (0, 10]`);
      if (!rule.properties.tags?.includes("security")) problems.push(`${rule.id}: no "security" tag`);
      if ((rule.properties.tags?.length ?? 0) > 20) problems.push(`${rule.id}: more than 20 tags`);
      if (rule.helpUri !== undefined && !/^https:\/\//.test(rule.helpUri)) problems.push(`${rule.id}: helpUri is not https`);
    }
    for (const result of run.results) {
      if (!rules.has(result.ruleId)) problems.push(`${result.ruleId}: result of an unknown rule`);
      if (!["error", "warning", "note"].includes(result.level ?? "")) problems.push(`${result.ruleId}: level ${result.level} is not shown as an alert level`);
      if (!result.message.text) problems.push(`${result.ruleId}: empty message`);
      if (!result.locations?.some((l) => l.physicalLocation?.artifactLocation?.uri)) problems.push(`${result.ruleId}: no physical location with a file`);
    }
  }
  return problems;
}

const rule = (id: string, title: string, description: string, remediation: string, level: string, severity: string) => ({
  id,
  name: id,
  shortDescription: { text: title },
  fullDescription: { text: description },
  help: { text: remediation },
  defaultConfiguration: { level },
  // GitHub's scale: critical over 9.0, high 7.0 to 8.9
  properties: { severity, "security-severity": severity === "critical" ? "9.5" : "8.0", tags: ["security", "pulumi"] },
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

  it("links each rule to its README row and the tool to its home page", () => {
    const text = renderSarif([sampleReport()], {
      catalog: sampleCatalog,
      toolVersion: "9.9.9",
      informationUri: "https://example.org/blastguard",
      helpUri: (id) => `https://example.org/blastguard/README.md#policy-${id}`,
    });
    expect(schemaErrors(text)).toEqual([]);
    const driver = (JSON.parse(text) as { runs: { tool: { driver: { informationUri: string; rules: { id: string; helpUri: string }[] } } }[] }).runs[0]!.tool.driver;
    expect(driver.informationUri).toBe("https://example.org/blastguard");
    expect(driver.rules.map((r) => r.helpUri)).toEqual(sampleCatalog.policies.map((p) => `https://example.org/blastguard/README.md#policy-${p.id}`).sort());
  });

  it("the CLI's helpUri anchors exist in the README's policy table", () => {
    const r = runCli(["check", fixture("events/TestMultipleProtectedDeletes-1-preview.jsonl"), "--format", "sarif"]);
    const log = JSON.parse(r.stdout) as { runs: { tool: { driver: { informationUri: string; rules: { id: string; helpUri: string }[] } } }[] };
    const { rules, informationUri } = log.runs[0]!.tool.driver;
    const pkg = JSON.parse(readFileSync(`${repoRoot}package.json`, "utf8")) as { homepage: string };
    expect(informationUri).toBe(pkg.homepage.replace(/#readme$/, ""));
    const readme = readFileSync(`${repoRoot}README.md`, "utf8");
    expect(rules.length).toBe(loadCatalog().policies.length);
    for (const rule of rules) {
      expect(rule.helpUri).toBe(`${informationUri}/blob/main/README.md#policy-${rule.id}`);
      expect(readme).toContain(`<a id="policy-${rule.id}"></a>`);
    }
  });

  it("reports an undecided finding at level error, since it blocks the deployment", async () => {
    // a default preview without its prior state: no totals and copies among the unlisted
    // resources, so checks cannot decide, and nothing certain blocks
    const r = runCli(["check", scenario("delete-app-with-intent", "preview.json"), "--format", "sarif"]);
    expect(r.status).toBe(2);
    const results = (JSON.parse(r.stdout) as { runs: { results: { level: string; kind?: string; properties: { findingKind: string } }[] }[] }).runs[0]!.results;
    const undecidable = results.filter((x) => x.properties.findingKind === "undecidable");
    expect(undecidable.length).toBeGreaterThan(0);
    for (const x of undecidable) expect({ level: x.level, kind: x.kind }).toEqual({ level: "error", kind: undefined });
  });

  it("--project-root resolves PROJECTROOT: source positions become repository paths", () => {
    const plain = runCli(["check", fixture("preview/stratify-sample-preview-creates.json"), "--format", "sarif"]);
    const rooted = runCli(["check", fixture("preview/stratify-sample-preview-creates.json"), "--format", "sarif", "--project-root", "./infra/prod"]);
    expect(schemaErrors(rooted.stdout)).toEqual([]);
    type Run = { originalUriBaseIds: Record<string, unknown>; results: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }[] }[] };
    const before = (JSON.parse(plain.stdout) as { runs: Run[] }).runs[0]!;
    const after = (JSON.parse(rooted.stdout) as { runs: Run[] }).runs[0]!;
    expect(after.originalUriBaseIds["PROJECTROOT"]).toMatchObject({ uri: "infra/prod/", uriBaseId: "%SRCROOT%" });
    const located = before.results.map((x) => x.locations[0]!.physicalLocation.artifactLocation).filter((a) => a.uriBaseId === "PROJECTROOT");
    expect(located.length).toBeGreaterThan(0);
    const moved = after.results.map((x) => x.locations[0]!.physicalLocation.artifactLocation).filter((a) => a.uriBaseId === "%SRCROOT%");
    expect(moved).toEqual(located.map((a) => ({ uri: `infra/prod/${a.uri}`, uriBaseId: "%SRCROOT%" })));
  });

  it("refuses a --project-root outside the repository", () => {
    const r = runCli(["check", fixture("preview/stratify-sample-preview-creates.json"), "--project-root", "../elsewhere"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("blastguard: error: --project-root must be a folder relative to the repository root, without ..\n");
  });

  it("meets GitHub's documented upload limits and rules on every recorded scenario", () => {
    for (const name of ["incident-site-ids-as-app-ids", "unprotect-and-replace-table", "bucket-without-dr-copy", "delete-app-with-intent"]) {
      const r = runCli(["check", scenario(name, "plan.json"), scenario(name, "preview.json"), "--state", scenario(name, "state.json"), "--format", "sarif"]);
      expect(schemaErrors(r.stdout)).toEqual([]);
      expect({ name, problems: githubIngestionProblems(JSON.parse(r.stdout) as SarifLog) }).toEqual({ name, problems: [] });
    }
  });

  it("has a validator that really rejects a log that is not SARIF 2.1.0", () => {
    const text = renderSarif([sampleReport()], { catalog: sampleCatalog, toolVersion: "9.9.9" }).replace('"version": "2.1.0"', '"version": "2.0.0"');
    expect(schemaErrors(text)).not.toEqual([]);
  });
});
