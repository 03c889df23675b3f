// `npm run demo` (the README's main command) prints each recorded scenario's verdict and why,
// as each scenario.json expects, and exits 0 only when every verdict matches.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/paths.js";

interface Scenario {
  name: string;
  demo: boolean;
  expected: { verdict: "allow" | "block" };
}

describe("npm run demo", () => {
  const scenarios = (JSON.parse(readFileSync(`${repoRoot}examples/scenarios/index.json`, "utf8")) as Scenario[]).filter((s) => s.demo);
  const run = spawnSync(process.execPath, [`${repoRoot}dist/src/demo/main.js`], { encoding: "utf8" });

  it("shows the five scenarios the infra issue names and exits 0", () => {
    expect(scenarios.map((s) => s.name)).toEqual([
      "add-tenant", "delete-app-with-intent", "incident-site-ids-as-app-ids", "bucket-without-dr-copy", "unprotect-and-replace-table",
    ]);
    expect(run.status).toBe(0);
  });

  it("prints each scenario's expected verdict", () => {
    scenarios.forEach((s, i) => {
      expect(run.stdout).toContain(`(${"abcde"[i]}) ${s.name}: ${s.expected.verdict.toUpperCase()}\n`);
    });
  });

  it("names why the incident is blocked: the site IDs given as app IDs", () => {
    expect(run.stdout).toContain("id-kind-mismatch: 2 of the app IDs are site IDs: site-10, site-9");
    expect(run.stdout).toMatch(/scope-escalation: plan deletes all \d+ cloud resources of site site-(9|10);/);
  });
});
