// The shape of `blastguard audit --format json` (and what `blastguard merge` reads back): one
// result per stack (its full check report, or the one-line error that stopped it), the customer
// stores the posture policies judged, and the fleet summary derived from them. Versioned like the
// check report; merge refuses any other version.
import { z } from "zod";
import { Report } from "../model/report.js";

export const AUDIT_SCHEMA_VERSION = 1;

/** Where a stack's state came from: a file (or a file in a folder), or `pulumi stack export`. */
export const TargetKind = z.enum(["file", "stack"]);
export type TargetKind = z.infer<typeof TargetKind>;

/** One stack to audit. `id` is its identity in the fleet: the path as given, or the stack name. */
export const Target = z.strictObject({ id: z.string().min(1), kind: TargetKind });
export type Target = z.infer<typeof Target>;

export const CustomerStore = z.strictObject({ urn: z.string(), tenant: z.string() });

export const StackResult = z.strictObject({
  target: Target,
  /** The check report of the stack's current state; null when it could not be read or judged. */
  report: Report.nullable(),
  /** Why the stack could not be judged (one line, no input bytes); null when it was. */
  error: z.string().nullable(),
  /** `<stack>::<project>` as its URNs name it (null for a stack without resources or unread). */
  stackName: z.string().nullable(),
  /** Customer-data stores the posture policies judged, with their tenant ("shared" outside every tenant). */
  stores: z.array(CustomerStore),
  /** Resources named by findings that are not among `stores`, with their tenant. */
  others: z.array(CustomerStore),
});
export type StackResult = z.infer<typeof StackResult>;

const Gaps = {
  /** Customer-data stores judged. */
  stores: z.number().int(),
  /** Stores with a blocking data-protect finding. */
  unprotected: z.number().int(),
  /** Stores with a blocking data-cloud-deletion-protection finding. */
  noCloudProtection: z.number().int(),
  /** Stores with a blocking data-multi-location-backup finding. */
  singleRegion: z.number().int(),
  /** Stores with a blocking data-restore-readiness finding. */
  notRestoreReady: z.number().int(),
  /** Resources with an unverifiable or undecidable finding. */
  unverifiable: z.number().int(),
  /** Resources with only warnings (e.g. customer data by default, retainOnDelete missing). */
  warningsOnly: z.number().int(),
  /** Resources with at least one blocking or undecided finding. */
  atRisk: z.number().int(),
};

export const StackRow = z.strictObject({ stack: z.string(), verdict: z.enum(["allowed", "blocked", "undecided"]), error: z.string().nullable(), ...Gaps });
export type StackRow = z.infer<typeof StackRow>;

export const TenantRow = z.strictObject({ tenant: z.string(), stacks: z.number().int(), ...Gaps });
export type TenantRow = z.infer<typeof TenantRow>;

/** Each resource counted once, by its worst state (these add up to every resource counted). */
export const WorstStates = z.strictObject({
  atRisk: z.number().int(),
  unverifiableOnly: z.number().int(),
  warningsOnly: z.number().int(),
  clean: z.number().int(),
});

export const Totals = z.strictObject({
  stacks: z.number().int(),
  stacksAtRisk: z.number().int(),
  stacksFailed: z.number().int(),
  ...Gaps,
  byWorstState: WorstStates,
});
export type Totals = z.infer<typeof Totals>;

export const AuditSummary = z.strictObject({
  verdict: z.enum(["allowed", "blocked", "undecided"]),
  totals: Totals,
  /** Worst first: most resources at risk, then unverifiable, then by name. */
  stacks: z.array(StackRow),
  tenants: z.array(TenantRow),
});
export type AuditSummary = z.infer<typeof AuditSummary>;

export const Shard = z.strictObject({ index: z.number().int().min(1), count: z.number().int().min(1) });
export type Shard = z.infer<typeof Shard>;

export const AuditReport = z.strictObject({
  schemaVersion: z.literal(AUDIT_SCHEMA_VERSION),
  kind: z.literal("blastguard-audit"),
  /** The shard this report covers; null for the whole fleet (also after merge). */
  shard: Shard.nullable(),
  /** How many stacks the whole fleet has (before sharding), so merge can prove it saw all. */
  fleetSize: z.number().int().nonnegative(),
  /** The --context stacks every stack was judged with, as given (merge refuses shards that differ). */
  context: z.array(z.string()),
  /** Sorted by target id. */
  stacks: z.array(StackResult),
  summary: AuditSummary,
});
export type AuditReport = z.infer<typeof AuditReport>;
