// The compact document Rego receives: the ChangeSet plus the config the policies read. It is
// serialised here, once, to the bytes handed to Wasm, after checks that keep the Wasm JSON
// parser from ever being the one to reject anything.
import { buildCopyFacts } from "../copies/build.js";
import type { CopyFacts } from "../copies/facts.js";
import { InputError } from "../errors.js";
import type { ChangeSet, Resource } from "../model/changeset.js";
import type { Config } from "../model/config.js";
import type { PolicyIntent } from "../model/intent.js";
import { resolveIntent, type ResolvedIntent } from "../scope/intent.js";
import { computeScopes, type Scope, type ScopeProblem } from "../scope/scope.js";
import { buildUnits, type Unit } from "../scope/units.js";
import { changeFacts, type ChangeFacts } from "./change-facts.js";
import { projectPolicyInput, type Reads } from "./project.js";

export const POLICY_INPUT_VERSION = 1;

export interface PolicyInput {
  schema_version: number;
  source: { format: string; failed: boolean };
  stack_config: ChangeSet["source"]["stack_config"];
  inventory: ChangeSet["inventory"];
  config: Omit<Config, "limits" | "version">;
  steps: ChangeSet["steps"];
  /** The engine's own diagnostics, by kind (never their text): an engine error blocks. */
  diagnostics: ChangeSet["diagnostics"];
  /** Each resource with its scope (unit IDs per level and its deepest level, or "shared") and its unit keys per level. */
  resources: (ChangeSet["resources"][number] & { scope: Scope; unit_keys: Record<string, string | null> })[];
  /** One entry per scope unit, keyed by its full path, with its counts (src/scope/units.ts). */
  units: Unit[];
  /** Each data store's copy paths per view (src/copies/facts.ts). */
  copies: CopyFacts;
  /** Tags that contradict the unit around a resource, IDs without their level's format (src/scope/scope.ts). */
  scope_problems: ScopeProblem[];
  /** The intent manifest with each target resolved against the units by full path, or null without --intent. */
  intent: ResolvedIntent | null;
  /** Change-wide counts and lists (src/engine/change-facts.ts), so no policy walks every resource for them. */
  change: ChangeFacts;
  /** Set in a sharded evaluation only (src/engine/shards.ts): whether this shard judges the change as a whole. */
  shard?: { first: boolean };
}

/**
 * A resource with its scope and unit keys. Fields named one by one: an object rest pattern
 * (`{ source_position, ...r }`) takes V8's slow generic copy, which cost ~40 ms at 10k resources.
 */
function withScope(r: Resource, scope: Scope, keys: Record<string, string | null>): PolicyInput["resources"][number] {
  const out: PolicyInput["resources"][number] = {
    urn: r.urn,
    type: r.type,
    name: r.name,
    kind: r.kind,
    parent: r.parent,
    provider: r.provider,
    op: r.op,
    before: r.before,
    after: r.after,
    source_position: r.source_position,
    scope,
    unit_keys: keys,
  };
  if (r.aliases !== undefined) out.aliases = r.aliases;
  if (r.conflicts !== undefined) out.conflicts = r.conflicts;
  return out;
}

/** The library API takes only what readChangeSet returns: not bytes, a Buffer or JSON text. */
function checkChangeShape(change: unknown): asserts change is ChangeSet {
  const c = change as Partial<ChangeSet> | null;
  const plain = typeof change === "object" && change !== null && Object.getPrototypeOf(change) === Object.prototype;
  if (!plain || !Array.isArray(c!.resources) || !Array.isArray(c!.steps) || typeof c!.source !== "object" || c!.source === null) {
    throw new InputError("the change is not a normalised ChangeSet (read it with readChangeSet)");
  }
}

export interface PolicyInputOptions {
  /** Other stacks' resources: they may provide copies of this stack's stores and are never judged. */
  context?: readonly Resource[];
}

export function buildPolicyInput(
  change: ChangeSet,
  config: Config,
  intent: PolicyIntent | null = null,
  options: PolicyInputOptions = {},
): PolicyInput {
  checkChangeShape(change);
  const { limits: _limits, version: _version, ...policyConfig } = config;
  const analysis = computeScopes(change.resources, config.scopes.levels);
  const units = buildUnits(change.resources, analysis, config.scopes.levels);
  const resources = change.resources.map((r, i) => withScope(r, analysis.scopes[i]!, analysis.keys[i]!));
  const copies = buildCopyFacts(change.resources, {
    stackConfig: change.source.stack_config,
    tagKey: config.dataClass.tagKey,
    storeTypes: config.dataClass.storeTypes,
    context: options.context,
  });
  return {
    schema_version: POLICY_INPUT_VERSION,
    source: { format: change.source.format, failed: change.source.failed },
    stack_config: change.source.stack_config,
    inventory: change.inventory,
    config: policyConfig,
    steps: change.steps,
    diagnostics: change.diagnostics,
    resources,
    units,
    copies,
    scope_problems: analysis.problems,
    intent: resolveIntent(intent, units, config.scopes.levels),
    change: changeFacts(resources, config.scopes.levels[0]!.name, copies),
  };
}

/** True when JSON text escapes a lone UTF-16 surrogate (JSON.stringify escapes only those). */
function hasLoneSurrogate(json: string): boolean {
  for (let i = json.indexOf("\\ud"); i >= 0; i = json.indexOf("\\ud", i + 3)) {
    let slashes = 0;
    for (let j = i; j >= 0 && json.charCodeAt(j) === 0x5c; j--) slashes++;
    const next = json.charAt(i + 3).toLowerCase();
    if (slashes % 2 === 1 && "89abcdef".includes(next)) return true;
  }
  return false;
}

/**
 * UTF-8 JSON bytes of what Wasm evaluates (the policy input projected to what the policies read,
 * src/engine/project.ts), as an ArrayBuffer for opa-wasm's fast path.
 */
export function encodePolicyInput(input: PolicyInput, reads: Reads | null): ArrayBuffer {
  const json = JSON.stringify(projectPolicyInput(input, reads));
  if (hasLoneSurrogate(json)) throw new InputError("input contains a lone UTF-16 surrogate in a value the policies read");
  const bytes = new TextEncoder().encode(json);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
