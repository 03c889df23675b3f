// The pack's config (`pulumi preview --policy-pack-config <file>`) is keyed by policy name, as
// Pulumi wants: each policy id takes its own parameters and an `enforcementLevel`; the policy
// named "blastguard" takes the settings that are not a policy's (unverifiable, dataClass, scopes,
// limits) and where the prior state comes from. All of it is turned into one blastguard config and
// validated by the same zod schema as blastguard.yaml; the JSON Schemas Pulumi shows and checks
// are generated from that schema.
import { z } from "zod";
import { describeIssue } from "../config/load.js";
import { ConfigError } from "../errors.js";
import { Config, PolicyParams, type Enforcement } from "../model/config.js";
import { PACK_POLICY, type PolicyConfigSchema } from "./policies.js";
import type { PackConfigMap, PulumiEnforcement } from "./protocol.js";

export const PackSettings = Config.omit({ policies: true, version: true }).extend({
  /** A `pulumi stack export` of the stack before the change; default: run `pulumi stack export`. */
  priorStatePath: z.string().min(1).optional(),
  /** The stack to export (`<organization>/<project>/<stack>`); default: the stack being previewed. */
  stackReference: z.string().regex(/^[^/\s]+\/[^/\s]+\/[^/\s]+$/).optional(),
  /** The declared intent of the change (as `blastguard check --intent`). */
  intentPath: z.string().min(1).optional(),
});
export type PackSettings = z.infer<typeof PackSettings>;

export interface PackConfig {
  config: Config;
  priorStatePath: string | undefined;
  stackReference: string | undefined;
  intentPath: string | undefined;
}

/** Pulumi's levels onto blastguard's; a remediating policy cannot remediate here, so it blocks. */
export function toEnforcement(level: PulumiEnforcement): Enforcement {
  return level === "remediate" ? "mandatory" : level;
}

export function toPackConfig(map: PackConfigMap, policyIds: ReadonlySet<string>): PackConfig {
  const label = "policy pack config";
  const { enforcementLevel: _own, ...settingsInput } = map[PACK_POLICY] ?? {};
  const settings = PackSettings.safeParse(settingsInput);
  if (!settings.success) throw new ConfigError(describeIssue(`${label} (${PACK_POLICY})`, settings.error, "", PackSettings));
  const { priorStatePath, stackReference, intentPath, ...global } = settings.data;
  const policies: Record<string, unknown> = {};
  for (const [name, entry] of Object.entries(map)) {
    if (name === PACK_POLICY) continue;
    if (!policyIds.has(name)) throw new ConfigError(`${label}: no policy named ${JSON.stringify(name)} in this pack`);
    // A policy without parameters in the schema keeps its METADATA default here; Pulumi itself
    // skips it when it is disabled.
    if (!Object.hasOwn(PolicyParams.shape, name)) continue;
    const { enforcementLevel, ...params } = entry;
    policies[name] = { ...params, enforcement: toEnforcement(enforcementLevel) };
  }
  const parsed = Config.safeParse({ ...global, policies });
  if (!parsed.success) throw new ConfigError(describeIssue(label, parsed.error));
  return { config: parsed.data, priorStatePath, stackReference, intentPath };
}

type JsonSchema = { properties?: Record<string, JsonSchema>; required?: string[] } & Record<string, unknown>;

function asPolicySchema(schema: JsonSchema, drop: readonly string[]): PolicyConfigSchema {
  const properties = Object.fromEntries(Object.entries(schema.properties ?? {}).filter(([k]) => !drop.includes(k)));
  const required = (schema.required ?? []).filter((k) => !drop.includes(k));
  return required.length ? { properties, required } : { properties };
}

/**
 * Per policy name, its config schema (draft 7, what Pulumi validates with): the pack's settings
 * for "blastguard", each policy's own parameters for the others. `enforcement` (and its alias
 * `enforcementLevel`) is left out: in Pulumi that is the `enforcementLevel` every policy already
 * takes. `npm run docs` writes them to schemas/pack-policies.json, which the pack reads at start-up.
 */
export function packConfigSchemas(): Record<string, PolicyConfigSchema> {
  const settings = z.toJSONSchema(PackSettings, { io: "input", target: "draft-7" }) as JsonSchema;
  const config = z.toJSONSchema(Config, { io: "input", target: "draft-7" }) as JsonSchema;
  const out: Record<string, PolicyConfigSchema> = { [PACK_POLICY]: asPolicySchema(settings, []) };
  for (const [id, schema] of Object.entries(config.properties?.["policies"]?.properties ?? {})) {
    out[id] = asPolicySchema(schema, ["enforcement", "enforcementLevel"]);
  }
  return out;
}
