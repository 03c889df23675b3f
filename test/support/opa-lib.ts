// The real `opa eval` over the Rego library (policies/lib), and a recorded file read into the
// policy input as the CLI builds it: for tests that compare what TypeScript computes with what
// the policies' own Rego gives.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readInputs } from "../../src/check.js";
import { buildPolicyInput, type PolicyInput } from "../../src/engine/input.js";
import { defaultConfig } from "../../src/model/config.js";
import { repoRoot } from "./paths.js";

const opa = join(repoRoot, ".tools/bin/opa");

/** `opa eval` of a query over policies/lib, with this input; the value of its one expression. */
export function opaEvalLib(query: string, input: unknown): unknown {
  const dir = mkdtempSync(join(tmpdir(), "bg-opa-lib-"));
  try {
    const file = join(dir, "input.json");
    writeFileSync(file, JSON.stringify(input));
    const out = execFileSync(opa, ["eval", "-d", join(repoRoot, "policies/lib"), "-i", file, "-f", "json", query], { encoding: "utf8", maxBuffer: 1 << 28 });
    return (JSON.parse(out) as { result: { expressions: { value: unknown }[] }[] }).result[0]!.expressions[0]!.value;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A recorded change (and its prior state) as the policy input under the default config. */
export async function policyInputOf(file: string, state?: string): Promise<PolicyInput> {
  const config = defaultConfig();
  return buildPolicyInput(await readInputs(file, { statePath: state }, config), config);
}
