// `--format sarif`: SARIF 2.1.0 for code scanning. One run per checked input; the rules are the
// policies of the METADATA catalog; each result names its resource URN as a logical location
// and, where Pulumi recorded one, the program's source position as a physical location
// (relative to the Pulumi project directory, uriBaseId PROJECTROOT). GitHub code scanning
// refuses results without a physical location, so a finding without a source position points
// at the checked input file instead. Overridden findings stay, as accepted suppressions.
// For GitHub: each rule's `security-severity` (from its METADATA severity) ranks the alerts, its
// `helpUri` links the policy's row in the README, and undecided findings are errors, since they
// block the deployment. `projectRoot` (the Pulumi project's folder in the repository) resolves
// PROJECTROOT, so source positions point at files of the repository.
import type { Catalog, PolicyMeta } from "../engine/bundle.js";
import type { Finding, Report } from "../model/report.js";
import { findingUrns } from "./overrides.js";

export const SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
export const PROJECT_ROOT = "PROJECTROOT";
export const SOURCE_ROOT = "%SRCROOT%";

/** GitHub's scale: over 9.0 critical, 7.0 to 8.9 high, 4.0 to 6.9 medium, 0.1 to 3.9 low. */
export const SECURITY_SEVERITY: Record<PolicyMeta["severity"], string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0" };

export interface SarifOptions {
  catalog: Catalog;
  toolVersion: string;
  /** The tool's home page (SARIF informationUri). */
  informationUri?: string | undefined;
  /** Where a policy is documented (SARIF helpUri). */
  helpUri?: ((policyId: string) => string) | undefined;
  /** The Pulumi project's folder relative to the repository root, e.g. "infra". */
  projectRoot?: string | undefined;
}

/** A project root as a relative folder reference ending in "/": no "..", no absolute path. */
export function projectRootReference(root: string): string {
  const parts = root.replaceAll("\\", "/").split("/").filter((p) => p !== "" && p !== ".");
  if (root.startsWith("/") || /^[A-Za-z]:/.test(root) || parts.includes("..")) {
    throw new SarifOptionError("--project-root must be a folder relative to the repository root, without ..");
  }
  return parts.length === 0 ? "" : `${pathToUriReference(parts.join("/"))}/`;
}

export class SarifOptionError extends Error {}

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

function physicalLocation(f: Finding, report: Report, projectRoot: string | null): Json | null {
  const source = f.sourcePosition ? parseSourcePosition(f.sourcePosition) : null;
  if (source) {
    const region: Json = { startLine: source.line };
    if (source.column !== null) region.startColumn = source.column;
    // With a known project root the location is resolved to the repository root, which GitHub reads.
    const artifactLocation = projectRoot === null ? { uri: source.uri, uriBaseId: PROJECT_ROOT } : { uri: `${projectRoot}${source.uri}`, uriBaseId: SOURCE_ROOT };
    return { artifactLocation, region };
  }
  const artifact = inputArtifact(report.input.label);
  return artifact ? { artifactLocation: artifact } : null;
}

function location(f: Finding, report: Report, projectRoot: string | null): Json | null {
  const loc: Json = {};
  const physical = physicalLocation(f, report, projectRoot);
  if (physical) loc.physicalLocation = physical;
  if (f.urn) {
    loc.logicalLocations = [{ name: f.resourceName ?? f.urn, fullyQualifiedName: f.urn, kind: "resource" }];
  }
  return Object.keys(loc).length > 0 ? loc : null;
}

function rule(meta: PolicyMeta, options: SarifOptions): Json {
  const r: Json = {
    id: meta.id,
    name: meta.id,
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.description },
    help: { text: meta.remediation },
  };
  if (options.helpUri) r.helpUri = options.helpUri(meta.id);
  r.defaultConfiguration = { level: meta.enforcement === "mandatory" ? "error" : "warning" };
  r.properties = { severity: meta.severity, "security-severity": SECURITY_SEVERITY[meta.severity], tags: ["security", "pulumi"] };
  return r;
}

function result(f: Finding, report: Report, ruleIndex: Map<string, number>, projectRoot: string | null): Json {
  const r: Json = { ruleId: f.policy };
  const index = ruleIndex.get(f.policy);
  if (index !== undefined) r.ruleIndex = index;
  // An undecided finding blocks the deployment (exit 2), so it is an error, not SARIF's "open"
  // (which code scanning reads as level none); properties.findingKind says it was undecidable.
  r.level = f.level === "undecided" ? "error" : f.level;
  r.message = { text: f.message };
  const loc = location(f, report, projectRoot);
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
  const driver: Json = { name: "blastguard", version: options.toolVersion };
  if (options.informationUri) driver.informationUri = options.informationUri;
  driver.rules = policies.map((p) => rule(p, options));
  const r: Json = { tool: { driver } };
  // Several inputs in one upload need distinct categories, or code scanning merges the runs.
  if (several) r.automationDetails = { id: `blastguard/${report.input.label}/` };
  const projectRoot = options.projectRoot === undefined ? null : projectRootReference(options.projectRoot);
  const project: Json = { description: { text: "The Pulumi project directory (where Pulumi.yaml is)" } };
  if (projectRoot === null) r.originalUriBaseIds = { [PROJECT_ROOT]: project };
  else {
    r.originalUriBaseIds = {
      [SOURCE_ROOT]: { description: { text: "The repository root" } },
      [PROJECT_ROOT]: projectRoot === "" ? { uriBaseId: SOURCE_ROOT, ...project } : { uri: projectRoot, uriBaseId: SOURCE_ROOT, ...project },
    };
  }
  r.results = report.findings.map((f) => result(f, report, ruleIndex, projectRoot));
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
