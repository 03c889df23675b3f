// A --show-sames digest lists every resource, so alone it must decide exactly as the default
// digest does with the prior state beside it (same recordings of the real engine).
import { existsSync, readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { check } from "../../src/check.js";
import { loadConfig } from "../../src/config/load.js";
import { PolicyEvaluator } from "../../src/engine/evaluate.js";
import { loadIntent } from "../../src/intent/load.js";
import type { Report } from "../../src/model/report.js";
import { repoRoot } from "../support/paths.js";
import { withoutRenameNote } from "../support/renamed.js";

const dir = `${repoRoot}examples/scenarios/`;
// delete-protected-site is a failed preview: its digests drop the deleted components' steps, so
// without the state the deleted resources' units are unknown (it is decided with --state).
const scenarios = (JSON.parse(readFileSync(`${dir}index.json`, "utf8")) as { name: string }[])
  .map((s) => s.name)
  .filter((name) => name !== "delete-protected-site");
const evaluator = new PolicyEvaluator();
afterAll(() => evaluator.close());

const essence = (r: Report) => ({ verdict: r.verdict, findings: r.findings.map((f) => [f.policy, f.kind, f.urn, f.message]) });
// After an alias refactor the default digest does not list the renamed resources that are
// otherwise unchanged, so beside --state they keep the URN they had; the --show-sames digest
// names them by their new URN. Same resources, same findings: compared by resource name there.
const renamed = new Set(["move-apps-under-tenant", "move-apps-and-replace-table"]);
// the default digest lists no same steps, so it cannot say an unchanged resource moved: compare without the note
const byName = (r: Report) => ({ verdict: r.verdict, findings: r.findings.map((f) => [f.policy, f.kind, f.urn?.split("::").pop(), withoutRenameNote(f.message)]).sort() });

describe("--show-sames digest versus default digest with --state", () => {
  it("cannot decide the failed preview's units from its --show-sames digest alone (its protected deletes still block)", async () => {
    const { report } = await check(`${dir}delete-protected-site/preview-sames.json`, { config: loadConfig(), evaluator });
    expect(report.verdict).toBe("blocked");
    expect(report.summary.undecided).toBeGreaterThan(0);
    expect(report.findings.some((f) => f.policy === "shared-delete")).toBe(false);
  });

  for (const name of scenarios) {
    it(`decides ${name} the same way`, async () => {
      const config = loadConfig();
      const intentPath = `${dir}${name}/intent.yaml`;
      const intent = existsSync(intentPath) ? loadIntent(intentPath, config) : null;
      const withState = await check(`${dir}${name}/preview.json`, { config, intent, evaluator, statePath: `${dir}${name}/state.json` });
      const sames = await check(`${dir}${name}/preview-sames.json`, { config, intent, evaluator });
      const view = renamed.has(name) ? byName : essence;
      expect(view(sames.report)).toEqual(view(withState.report));
    });
  }
});
