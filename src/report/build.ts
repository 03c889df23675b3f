// Turns the policies' raw findings into the report: facts from the METADATA catalog, the level
// from enforcement and config, a stable order, and the verdict. The verdict is decided here,
// once, and every format shows it; the exit code is derived from it in exactly one place
// (exitCode), so a format can never say "allowed" while the process exits 1.
import type { Config } from "../model/config.js";
import type { ChangeSet, Resource } from "../model/changeset.js";
import { REPORT_SCHEMA_VERSION, type FailOn, type Finding, type Level, type Report, type Verdict } from "../model/report.js";
import type { Catalog, PolicyMeta } from "../engine/bundle.js";
import type { RawFinding } from "../engine/evaluate.js";
import type { OverrideContext } from "../model/override.js";
import type { BlastRadius, RejectedOverride } from "../model/report.js";
import type { Runbook, RunbookSection } from "../runbook/model.js";
import { applyOverrides } from "./overrides.js";
import { EvaluationError } from "../errors.js";
import { parseUrn } from "../readers/resource.js";

export type { FailOn } from "../model/report.js";

function levelOf(raw: RawFinding, meta: PolicyMeta, config: Config): Level | null {
  const params = (config.policies as Record<string, { enforcement?: string } | undefined>)[meta.id];
  const enforcement = params?.enforcement ?? meta.enforcement;
  if (enforcement === "disabled") return null;
  switch (raw.kind) {
    case "undecidable":
      return "undecided";
    case "advisory":
      return "warning";
    case "unverifiable":
      return config.unverifiable === "warning" || enforcement === "advisory" ? "warning" : "error";
    case "violation":
      return enforcement === "mandatory" ? "error" : "warning";
  }
}

/**
 * " (renamed from old-name)", or " (re-parented: was <old URN>)" when only its parents changed:
 * for a resource the change keeps under a new URN through aliases. Only a URN matched to the prior
 * state says so; a plan's alias candidates without the prior state do not.
 */
function renamedNote(r: Resource | undefined): string {
  if (!r || r.before === null || r.aliases?.length !== 1) return "";
  const was = r.aliases[0]!;
  const oldName = parseUrn(was, "alias").name;
  return oldName === r.name ? ` (re-parented: was ${was})` : ` (renamed from ${oldName})`;
}

const compare = (a: Finding, b: Finding) =>
  a.policy.localeCompare(b.policy) || a.urn.localeCompare(b.urn) || a.message.localeCompare(b.message);

export interface BuildContext {
  label: string;
  change: ChangeSet;
  withPriorState: boolean;
  config: Config;
  catalog: Catalog;
  /** --override entries and what deciding them needs; findings they cover stop blocking. */
  overrides?: OverrideContext | undefined;
  /** Per-tenant reach of the change (src/scope/blast-radius.ts); empty when not given. */
  blastRadius?: BlastRadius | undefined;
  /** With "warning", an open warning blocks too (--fail-on warning). */
  failOn?: FailOn | undefined;
  /** The restore runbook (src/runbook/build.ts); null when not built. */
  runbook?: Runbook | undefined;
}

/**
 * A certain, open violation blocks whatever else could not be decided (the report still lists
 * the undecided checks); the check is undecided only when nothing certain blocks.
 */
export function decideVerdict(summary: Pick<Report["summary"], "errors" | "warnings" | "undecided">, failOn: FailOn): Verdict {
  if (summary.errors > 0) return "blocked";
  if (summary.undecided > 0) return "undecided";
  if (failOn === "warning" && summary.warnings > 0) return "blocked";
  return "allowed";
}

export function buildReport(raw: readonly RawFinding[], ctx: BuildContext): Report {
  const metas = new Map(ctx.catalog.policies.map((p) => [p.id, p]));
  const byUrn = new Map(ctx.change.resources.map((r) => [r.urn, r]));
  let findings: Finding[] = [];
  for (const f of raw) {
    const meta = metas.get(f.policy);
    if (!meta) throw new EvaluationError("policy returned a finding for a policy the catalog does not list");
    const level = levelOf(f, meta, ctx.config);
    if (level === null) continue;
    const r = byUrn.get(f.urn);
    findings.push({
      policy: meta.id,
      title: meta.title,
      severity: meta.severity,
      kind: f.kind,
      level,
      urn: f.urn,
      resourceType: r?.type ?? null,
      resourceName: r?.name ?? null,
      sourcePosition: r?.source_position ?? null,
      message: f.message + renamedNote(r),
      remediation: meta.remediation,
      resources: [...f.resources].sort(),
      status: "open",
      override: null,
    });
  }
  findings.sort(compare);
  let rejectedOverrides: RejectedOverride[] = [];
  if (ctx.overrides) {
    ({ findings, rejected: rejectedOverrides } = applyOverrides(findings, ctx.overrides, ctx.change.source.digest, new Set(metas.keys())));
  }
  const count = (l: Level) => findings.filter((f) => f.level === l && f.status === "open").length;
  const summary = {
    errors: count("error"),
    warnings: count("warning"),
    undecided: count("undecided"),
    deletes: ctx.change.resources.filter((r) => r.op === "delete").length,
    replaces: ctx.change.resources.filter((r) => r.op === "replace").length,
    protectedDeletesRefusedByEngine: ctx.change.diagnostics.filter((d) => d.kind === "protected-delete-refused").length,
    overridden: findings.filter((f) => f.status === "overridden").length,
  };
  const failOn = ctx.failOn ?? "violation";
  const verdict = decideVerdict(summary, failOn);
  const disabledPolicies = ctx.catalog.policies
    .filter((p) => (ctx.config.policies as Record<string, { enforcement?: string } | undefined>)[p.id]?.enforcement === "disabled")
    .map((p) => p.id);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    verdict,
    failOn,
    input: {
      label: ctx.label,
      format: ctx.change.source.format,
      digest: ctx.change.source.digest,
      resources: ctx.change.resources.length,
      steps: ctx.change.steps.length,
      inventoryComplete: ctx.change.inventory.complete,
      withPriorState: ctx.withPriorState,
    },
    summary,
    blastRadius: ctx.blastRadius ?? { tenantsAffected: 0, tenants: [] },
    findings,
    disabledPolicies,
    rejectedOverrides,
    runbook: ctx.runbook ? sectionOf(ctx.runbook) : null,
  };
}

/** The report's input already names the change; the section leaves it out. */
function sectionOf({ input: _input, ...section }: Runbook): RunbookSection {
  return section;
}

/** 0 allowed, 1 blocked, 2 undecided: the only place a verdict becomes a code. Over several reports a block wins. */
export function exitCode(reports: readonly Report[]): 0 | 1 | 2 {
  if (reports.some((r) => r.verdict === "blocked")) return 1;
  if (reports.some((r) => r.verdict === "undecided")) return 2;
  return 0;
}
