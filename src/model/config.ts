// The one config schema: blastguard.yaml, --config, and the policy pack's --policy-pack-config
// all parse through it, and its JSON Schema is generated from it. Policy parameters are keyed
// by policy id and handed to Rego as they are.
import { z } from "zod";

const MiB = 1024 * 1024;

export const Enforcement = z.enum(["mandatory", "advisory", "disabled"]);
export type Enforcement = z.infer<typeof Enforcement>;

/** Settings every policy takes; a policy's own parameters extend it. */
export const PolicySettings = z.strictObject({
  /** Overrides the policy's default enforcement from its METADATA. */
  enforcement: Enforcement.optional(),
});

export const Limits = z.strictObject({
  maxInputBytes: z.number().int().positive().default(400 * MiB),
  maxDepth: z.number().int().min(300).max(1000).default(1000),
  evalTimeoutSeconds: z.number().positive().max(3600).default(60),
});

export const PolicyParams = z.strictObject({
  "bulk-delete": PolicySettings.extend({
    maxDeletes: z.number().int().nonnegative().default(10),
    maxPercent: z.number().min(0).max(100).default(30),
    minResources: z.number().int().nonnegative().default(10),
  }).prefault({}),
  "protected-delete": PolicySettings.prefault({}),
  "unprotect-and-delete": PolicySettings.prefault({}),
});

export const Config = z.strictObject({
  version: z.literal(1).default(1),
  limits: Limits.prefault({}),
  /** What a finding that cannot be verified (an unknown deciding value) counts as. */
  unverifiable: z.enum(["violation", "warning"]).default("violation"),
  /** How resources declare their data class (customer, internal, ephemeral, ...). */
  dataClass: z.strictObject({ tagKey: z.string().min(1).default("blastguard:data-class") }).prefault({}),
  policies: PolicyParams.prefault({}),
});
export type Config = z.infer<typeof Config>;
export type ConfigInput = z.input<typeof Config>;

export const defaultConfig = (): Config => Config.parse({});
