// The one normalised model every reader produces and the policies read (as snake_case JSON,
// so Rego reads it directly). It holds only what policies and reports need: a few fields per
// resource, never a raw Pulumi property bag.
import { z } from "zod";

export const inputFormats = ["preview", "events", "plan", "state", "checkpoint"] as const;
export const InputFormat = z.enum(inputFormats);
export type InputFormat = z.infer<typeof InputFormat>;

/** Every step op Pulumi writes (apitype.OpType), in previews, event streams and plans. */
export const stepOps = [
  "same", "create", "update", "delete", "replace", "create-replacement", "delete-replaced",
  "read", "read-replacement", "refresh", "discard", "discard-replaced", "remove-pending-replace",
  "import", "import-replacement",
] as const;
export const StepOp = z.enum(stepOps);
export type StepOp = z.infer<typeof StepOp>;

/**
 * What the change does to one resource, after folding its steps together:
 * - replace: the old copy is deleted (its cloud object unless retainOnDelete) and a new one made
 * - discard: dropped from state without a cloud delete (read or external resources)
 * - forget: a state-only edit (remove-pending-replace)
 * - gone: a refresh found it already deleted outside Pulumi (drift, not a deletion Pulumi makes)
 */
export const resourceOps = [
  "create", "update", "same", "delete", "replace", "read", "import", "refresh", "discard", "forget", "gone",
] as const;
export const ResourceOp = z.enum(resourceOps);
export type ResourceOp = z.infer<typeof ResourceOp>;

export const ResourceKind = z.enum(["cloud", "component", "provider", "stack"]);
export type ResourceKind = z.infer<typeof ResourceKind>;

const UnknownMarker = z.object({ $unknown: z.literal(true) }).strict();
/** A flag that is known, or explicitly unknown (never silently defaulted). */
const Flag = z.union([z.boolean(), UnknownMarker, z.literal("[secret]")]);

/** A JSON value after reading: secrets are "[secret]", unknowns the marker object. */
export type Value = null | boolean | number | string | Value[] | { [key: string]: Value };
const Value: z.ZodType<Value> = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(Value), z.record(z.string(), Value)]),
);

export const ResourceState = z.object({
  id: z.union([z.string(), UnknownMarker, z.null()]),
  protect: Flag,
  retain_on_delete: Flag,
  external: z.boolean(),
  deleted_with: z.string().nullable(),
  /** The few properties policies read (see src/model/fields.ts), sanitised. */
  props: z.record(z.string(), Value),
  /**
   * For a policy property that depends on other resources, their URNs (Pulumi's
   * propertyDependencies), so a reference that is unknown at preview can still be followed.
   */
  refs: z.record(z.string(), z.array(z.string())).optional(),
});
export type ResourceState = z.infer<typeof ResourceState>;

/**
 * Two sources of the state before the change (a preview's oldState and the --state export) that
 * disagree on a field a decision depends on; `field` is protect, retainOnDelete or `tag <key>`.
 */
export const PriorConflict = z.object({ field: z.string(), change: Value, state: Value });
export type PriorConflict = z.infer<typeof PriorConflict>;

export const Resource = z.object({
  urn: z.string(),
  type: z.string(),
  name: z.string(),
  kind: ResourceKind,
  parent: z.string().nullable(),
  provider: z.string().nullable(),
  op: ResourceOp,
  before: ResourceState.nullable(),
  after: ResourceState.nullable(),
  /** Where the program declared it (`project:///path:line:col`), when Pulumi recorded it. */
  source_position: z.string().nullable(),
  /**
   * The URNs it may have had before the change (Pulumi aliases, as the engine resolves them: its
   * `aliases`, its `structuredAliases`, its parent's); once matched to the prior state, only the
   * one it had. A renamed or re-parented resource is the same resource under its new URN.
   */
  aliases: z.array(z.string()).optional(),
  /** Where the change's prior state and the --state export disagree (src/readers/prior.ts). */
  conflicts: z.array(PriorConflict).optional(),
});
export type Resource = z.infer<typeof Resource>;

export const Step = z.object({ urn: z.string(), op: StepOp });
export type Step = z.infer<typeof Step>;

export const Inventory = z.object({
  /** True when every resource of the stack is listed (state, plan, --show-sames, event stream). */
  complete: z.boolean(),
  /** Upper bound on how many resources existed before the change (incomplete inventories). */
  max_prior_resources: z.number().int().nonnegative(),
});
export type Inventory = z.infer<typeof Inventory>;

export const Diagnostic = z.object({
  severity: z.string(),
  urn: z.string().nullable(),
  /**
   * Engine messages can quote values; reports show only their kind, never the text. `failed` is
   * the engine's closing line ("preview failed"), which names no cause of its own.
   */
  kind: z.enum(["protected-delete-refused", "failed", "error", "warning"]),
});
export type Diagnostic = z.infer<typeof Diagnostic>;

export const ChangeSet = z.object({
  source: z.object({
    format: InputFormat,
    /** Stack-level config the policies read (e.g. aws:region); secret values are "[secret]". */
    stack_config: z.record(z.string(), Value),
    /** True when the input itself says the operation failed (e.g. a refused protected delete). */
    failed: z.boolean(),
    /** A digest (sha256) of the change input, for overrides bound to a reviewed plan. */
    digest: z.string(),
  }),
  inventory: Inventory,
  steps: z.array(Step),
  resources: z.array(Resource),
  diagnostics: z.array(Diagnostic),
});
export type ChangeSet = z.infer<typeof ChangeSet>;
