// The recorded scenarios (examples/scenarios/: the real pulumi CLI on the infra/ program, see
// scripts/record*), and one clearly SYNTHETIC preview made from a recorded state for cases no
// recording covers.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./paths.js";

export const scenario = (name: string, file: string) => join(repoRoot, "examples", "scenarios", name, file);

interface StateResource {
  urn: string;
  [key: string]: unknown;
}

/**
 * SYNTHETIC: a `--show-sames` style preview digest of deleting, from a recorded stack export,
 * every resource whose name `deleted` accepts (the rest stay `same`). Steps carry the recorded
 * states unchanged; only the ops are made up.
 */
export function syntheticDeletePreview(stateFile: string, deleted: (name: string) => boolean, out: string): string {
  const state = JSON.parse(readFileSync(stateFile, "utf8")) as { deployment: { resources: StateResource[] } };
  const steps = state.deployment.resources.map((r) => {
    const name = r.urn.split("::").slice(3).join("::");
    return deleted(name) ? { op: "delete", urn: r.urn, oldState: r } : { op: "same", urn: r.urn, oldState: r, newState: r };
  });
  const count = (op: string) => steps.filter((s) => s.op === op).length;
  writeFileSync(out, JSON.stringify({ steps, changeSummary: { delete: count("delete"), same: count("same") } }));
  return out;
}
