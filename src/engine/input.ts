// The compact document Rego receives: the ChangeSet plus the config the policies read. It is
// serialised here, once, to the bytes handed to Wasm, after checks that keep the Wasm JSON
// parser from ever being the one to reject anything.
import { InputError } from "../errors.js";
import type { ChangeSet } from "../model/changeset.js";
import type { Config } from "../model/config.js";

export const POLICY_INPUT_VERSION = 1;

export interface PolicyInput {
  schema_version: number;
  source: { format: string; failed: boolean };
  stack_config: ChangeSet["source"]["stack_config"];
  inventory: ChangeSet["inventory"];
  config: Omit<Config, "limits" | "version">;
  steps: ChangeSet["steps"];
  resources: ChangeSet["resources"];
  /** Filled by the checks that take a declared intent. */
  intent: unknown;
}

export function buildPolicyInput(change: ChangeSet, config: Config, intent: unknown = null): PolicyInput {
  const { limits: _limits, version: _version, ...policyConfig } = config;
  return {
    schema_version: POLICY_INPUT_VERSION,
    source: { format: change.source.format, failed: change.source.failed },
    stack_config: change.source.stack_config,
    inventory: change.inventory,
    config: policyConfig,
    steps: change.steps,
    resources: change.resources,
    intent,
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

/** UTF-8 JSON bytes of the policy input, as an ArrayBuffer for opa-wasm's fast path. */
export function encodePolicyInput(input: PolicyInput): ArrayBuffer {
  const json = JSON.stringify(input);
  if (hasLoneSurrogate(json)) throw new InputError("input contains a lone UTF-16 surrogate in a value the policies read");
  const bytes = new TextEncoder().encode(json);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
