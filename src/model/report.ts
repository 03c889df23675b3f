// The report every output format is made from, and the documented, versioned shape of
// `--format json`. Bump REPORT_SCHEMA_VERSION on any change that is not an addition.
import { z } from "zod";
import { InputFormat } from "./changeset.js";
import { RunbookSection } from "../runbook/model.js";

export const REPORT_SCHEMA_VERSION = 1;

/**
 * One word per exit code: allowed 0, blocked 1 (an open violation, or an open warning with
 * --fail-on warning; also when other checks could not decide), undecided 2 (nothing certain
 * blocks, but something could not be decided).
 */
export const Verdict = z.enum(["allowed", "blocked", "undecided"]);
export type Verdict = z.infer<typeof Verdict>;

/** What blocks besides violations: "warning" makes open warnings block too (--fail-on). */
export const FailOn = z.enum(["violation", "warning"]);
export type FailOn = z.infer<typeof FailOn>;

/** error blocks; warning is shown (blocks only with --fail-on warning); undecided means exit 2. */
export const Level = z.enum(["error", "warning", "undecided"]);
export type Level = z.infer<typeof Level>;

/** An override that applied to a finding: who approved it, why, until when. */
export const AppliedOverride = z.strictObject({
  approver: z.string(),
  reason: z.string(),
  expires: z.string(),
});
export type AppliedOverride = z.infer<typeof AppliedOverride>;

/** An override from --override that did not apply to this input, and every reason why. */
export const RejectedOverride = z.strictObject({
  policy: z.string(),
  urns: z.array(z.string()),
  approver: z.string(),
  reasons: z.array(z.string()).min(1),
});
export type RejectedOverride = z.infer<typeof RejectedOverride>;

export const Finding = z.strictObject({
  policy: z.string(),
  title: z.string(),
  severity: z.enum(["critical", "high", "medium", "low"]),
  kind: z.enum(["violation", "advisory", "unverifiable", "undecidable"]),
  level: Level,
  /** The resource the finding is about; "" for findings about the change as a whole. */
  urn: z.string(),
  resourceType: z.string().nullable(),
  resourceName: z.string().nullable(),
  sourcePosition: z.string().nullable(),
  message: z.string(),
  remediation: z.string(),
  /** Resources a change-wide finding counts (e.g. every deletion of a bulk delete). */
  resources: z.array(z.string()),
  /** open counts at its level; overridden is still shown but no longer blocks. */
  status: z.enum(["open", "overridden"]),
  /** The override that let it through (status overridden), else null. */
  override: AppliedOverride.nullable(),
});
export type Finding = z.infer<typeof Finding>;

/** Who and what a change reaches, per tenant (filled from the scope model; empty without one). */
export const BlastRadius = z.strictObject({
  tenantsAffected: z.number().int(),
  tenants: z.array(
    z.strictObject({
      /** The tenant id, "shared" for resources outside every tenant, "unknown" where the input cannot say. */
      tenant: z.string(),
      deletes: z.number().int(),
      replaces: z.number().int(),
      /** Deleted or replaced resources by the deepest scope level they belong to (e.g. site, app). */
      byLevel: z.record(z.string(), z.number().int()),
      /** How many of them are customer-data stores. */
      customerData: z.number().int(),
      /**
       * The units below the tenant that lose something (e.g. sites, then apps), each with the IDs
       * of its path below the tenant, what it loses and how much of it is customer data.
       */
      units: z
        .array(
          z.strictObject({
            level: z.string(),
            path: z.array(z.string()),
            destroyed: z.number().int(),
            customerData: z.number().int(),
          }),
        )
        .optional(),
      /** Customer-data stores removed from the stack but left in the cloud (retainOnDelete), unmanaged. */
      orphaned: z.number().int(),
    }),
  ),
});
export type BlastRadius = z.infer<typeof BlastRadius>;

export const Report = z.strictObject({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  verdict: Verdict,
  /** The --fail-on the verdict was decided with. */
  failOn: FailOn,
  input: z.strictObject({
    label: z.string(),
    format: InputFormat,
    digest: z.string(),
    resources: z.number().int(),
    steps: z.number().int(),
    inventoryComplete: z.boolean(),
    withPriorState: z.boolean(),
  }),
  summary: z.strictObject({
    errors: z.number().int(),
    warnings: z.number().int(),
    undecided: z.number().int(),
    deletes: z.number().int(),
    replaces: z.number().int(),
    protectedDeletesRefusedByEngine: z.number().int(),
    /** Findings an applied override let through (not counted in errors or warnings). */
    overridden: z.number().int(),
  }),
  blastRadius: BlastRadius,
  findings: z.array(Finding),
  /** Policies the config turned off; their findings are not reported. */
  disabledPolicies: z.array(z.string()),
  /** Overrides given with --override that did not apply here, with the reasons. */
  rejectedOverrides: z.array(RejectedOverride),
  /** The restore runbook: every destroyed customer-data store and its surviving copies (src/runbook/); null when the policies gave no blast radius. */
  runbook: RunbookSection.nullable(),
});
export type Report = z.infer<typeof Report>;
