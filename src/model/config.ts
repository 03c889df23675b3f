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
  "data-protect": PolicySettings.prefault({}),
  "data-cloud-deletion-protection": PolicySettings.prefault({}),
  "data-restore-readiness": PolicySettings.prefault({}),
  /** The location rule every data policy uses (restore readiness and teardown read it too). */
  "data-multi-location-backup": PolicySettings.extend({
    /** Distinct regions the store and its copies must span together. */
    minRegions: z.number().int().min(2).max(10).default(2),
    /** Also require the store and its copies to span two AWS accounts. */
    requireDistinctAccounts: z.boolean().default(false),
  }).prefault({}),
  "backup-teardown": PolicySettings.prefault({}),
  "scope-escalation": PolicySettings.prefault({}),
  "undeclared-delete": PolicySettings.prefault({}),
  "id-kind-mismatch": PolicySettings.prefault({}),
  "cross-tenant-delete": PolicySettings.prefault({}),
  "tenant-delete-budget": PolicySettings.extend({
    /** Without an intent, no tenant may lose more than this share of its cloud resources. */
    maxPercent: z.number().min(0).max(100).default(50),
    /** Without an intent, no tenant may lose its root unit (the tenant itself). */
    refuseRootUnitDelete: z.boolean().default(true),
  }).prefault({}),
  "shared-delete": PolicySettings.prefault({}),
});

/** One level of the scope hierarchy (e.g. tenant > site > app), outermost first. */
export const ScopeLevel = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/),
  /** The tag that names a resource's unit at this level. */
  tagKey: z.string().min(1),
  /** The format of this level's IDs (a JavaScript regular expression; anchor it). */
  idPattern: z.string().min(1).refine(isRegExp, "not a valid regular expression"),
  /** Component types whose instances are units of this level (their name is the unit's ID). */
  componentTypes: z.array(z.string().min(1)).default([]),
});
export type ScopeLevel = z.infer<typeof ScopeLevel>;

function isRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

/** Names that would collide with the scope object's own keys or the intent's target keys. */
const RESERVED_LEVEL_NAMES = new Set(["level", "shared", "kind", "id"]);

export const DEFAULT_SCOPE_LEVELS: z.input<typeof ScopeLevel>[] = [
  { name: "tenant", tagKey: "blastguard:tenant", idPattern: "^tenant-[a-z0-9]+$", componentTypes: ["blastguard:tenancy:Tenant"] },
  { name: "site", tagKey: "blastguard:site", idPattern: "^site-[0-9]+$", componentTypes: ["blastguard:tenancy:Site"] },
  { name: "app", tagKey: "blastguard:app", idPattern: "^app-[0-9]+$", componentTypes: ["blastguard:tenancy:App"] },
];

export const Scopes = z.strictObject({
  levels: z
    .array(ScopeLevel)
    .min(1)
    .max(8)
    .default(() => DEFAULT_SCOPE_LEVELS.map((l) => ScopeLevel.parse(l)))
    .superRefine((levels, ctx) => {
      const seen = new Set<string>();
      levels.forEach((l, i) => {
        if (RESERVED_LEVEL_NAMES.has(l.name)) ctx.addIssue({ code: "custom", path: [i, "name"], message: "reserved name" });
        if (seen.has(l.name)) ctx.addIssue({ code: "custom", path: [i, "name"], message: "duplicate level name" });
        seen.add(l.name);
      });
    }),
});
export type Scopes = z.infer<typeof Scopes>;

export const Config = z.strictObject({
  version: z.literal(1).default(1),
  limits: Limits.prefault({}),
  /** What a finding that cannot be verified (an unknown deciding value) counts as. */
  unverifiable: z.enum(["violation", "warning"]).default("violation"),
  /** How resources declare their data class (customer, internal, ephemeral, ...). */
  dataClass: z.strictObject({
    tagKey: z.string().min(1).default("blastguard:data-class"),
    /**
     * More data-store types, as type patterns (`*` matches any run of characters), e.g.
     * `azure-native:storage:*` or `gcp:sql/databaseInstance:DatabaseInstance`: added to the built-in
     * AWS list (src/copies/stores.ts).
     */
    storeTypes: z.array(z.string().min(1)).default([]),
  }).prefault({}),
  /** The scope hierarchy (tenant > site > app by default): see src/scope/. */
  scopes: Scopes.prefault({}),
  policies: PolicyParams.prefault({}),
});
export type Config = z.infer<typeof Config>;
export type ConfigInput = z.input<typeof Config>;

export const defaultConfig = (): Config => Config.parse({});
