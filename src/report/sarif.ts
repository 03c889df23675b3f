// `--format sarif`: SARIF 2.1.0 for code scanning. One run per checked input; the rules are the
// policies of the METADATA catalog; each result names its resource URN as a logical location
// and, where Pulumi recorded one, the program's source position as a physical location
// (relative to the Pulumi project directory, uriBaseId PROJECTROOT). GitHub code scanning
// refuses results without a physical location, so a finding without a source position points
// at the checked input file instead. Overridden findings stay, as accepted suppressions.
import type { Catalog, PolicyMeta } from "../engine/bundle.js";
import type { Finding, Report } from "../model/report.js";
import { findingUrns } from "./overrides.js";

export const SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
export const PROJECT_ROOT = "PROJECTROOT";

export interface SarifOptions {
  catalog: Catalog;
  toolVersion: string;
}

type Json = Record<string, unknown>;

/** Percent-encodes each path segment, so the result is a relative reference with no scheme. */
function pathToUriReference(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

/** `project:///index.ts#5,20` (Pulumi's sourcePosition) as a project-relative file and region. */
export function parseSourcePosition(position: string): { uri: string; line: number; column: number | null } | null {
  const m = /^project:\/\/\/([^#?]+)#(\d+)(?:,(\d+))?$/.exec(position);
  if (!m) return null;
  let path: string;
  try {
    path = decodeURIComponent(m[1]!);
  } catch {
    return null;
  }
  const line = Number(m[2]);
  const column = m[3] === undefined ? null : Number(m[3]);
  if (!path || line < 1 || (column !== null && column < 1)) return null;
  return { uri: pathToUriReference(path), line, column };
}

/** The checked input as an artifact: a relative path stays relative, an absolute one is a file URI. */
function inputArtifact(label: string): Json | null {
  if (label === "standard input" || label === "") return null;
  const path = label.replaceAll("\\", "/");
  if (path.startsWith("/")) return { uri: `file://${pathToUriReference(path)}` };
  return { uri: pathToUriReference(path.replace(/^\.\//, "")) };
}

function physicalLocation(f: Finding, report: Report): Json | null {
  const source = f.sourcePosition ? parseSourcePosition(f.sourcePosition) : null;
  if (source) {
    const region: Json = { startLine: source.line };
    if (source.column !== null) region.startColumn = source.column;
    return { artifactLocation: { uri: source.uri, uriBaseId: PROJECT_ROOT }, region };
  }
  const artifact = inputArtifact(report.input.label);
  return artifact ? { artifactLocation: artifact } : null;
}

function location(f: Finding, report: Report): Json | null {
  const loc: Json = {};
  const physical = physicalLocation(f, report);
  if (physical) loc.physicalLocation = physical;
  if (f.urn) {
    loc.logicalLocations = [{ name: f.resourceName ?? f.urn, fullyQualifiedName: f.urn, kind: "resource" }];
  }
  return Object.keys(loc).length > 0 ? loc : null;
}

function rule(meta: PolicyMeta): Json {
  return {
    id: meta.id,
    name: meta.id,
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.description },
    help: { text: meta.remediation },
    defaultConfiguration: { level: meta.enforcement === "mandatory" ? "error" : "warning" },
    properties: { severity: meta.severity },
  };
}

function result(f: Finding, report: Report, ruleIndex: Map<string, number>): Json {
  const r: Json = { ruleId: f.policy };
  const index = ruleIndex.get(f.policy);
  if (index !== undefined) r.ruleIndex = index;
  // An undecided finding is SARIF's "open": the tool could not tell pass from fail.
  if (f.level === "undecided") r.kind = "open";
  else r.level = f.level;
  r.message = { text: f.message };
  const loc = location(f, report);
  if (loc) r.locations = [loc];
  if (f.override) {
    r.suppressions = [
      {
        kind: "external",
        status: "accepted",
        justification: `${f.override.reason} (approved by ${f.override.approver}, expires ${f.override.expires})`,
      },
    ];
  }
  const properties: Json = { severity: f.severity, findingKind: f.kind };
  if (f.resources.length > 0) properties.resources = findingUrns(f);
  r.properties = properties;
  return r;
}

function run(report: Report, options: SarifOptions, several: boolean): Json {
  const policies = [...options.catalog.policies].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ruleIndex = new Map(policies.map((p, i) => [p.id, i]));
  const r: Json = {
    tool: { driver: { name: "blastguard", version: options.toolVersion, rules: policies.map(rule) } },
  };
  // Several inputs in one upload need distinct categories, or code scanning merges the runs.
  if (several) r.automationDetails = { id: `blastguard/${report.input.label}/` };
  r.originalUriBaseIds = { [PROJECT_ROOT]: { description: { text: "The Pulumi project directory (where Pulumi.yaml is)" } } };
  r.results = report.findings.map((f) => result(f, report, ruleIndex));
  r.properties = {
    verdict: report.verdict,
    input: { label: report.input.label, format: report.input.format, digest: report.input.digest },
    rejectedOverrides: report.rejectedOverrides,
  };
  return r;
}

export function renderSarif(reports: readonly Report[], options: SarifOptions): string {
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0",
    runs: reports.map((report) => run(report, options, reports.length > 1)),
  };
  return JSON.stringify(log, null, 2) + "\n";
}
