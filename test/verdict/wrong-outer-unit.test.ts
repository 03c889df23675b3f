// An intent target whose outer units (tenant, site) do not contain its ID: the finding names the
// wrong outer unit and where the ID really is. The recorded intents are edited in copies here; the
// expected places come from the scenarios' tenants.before.yaml (app-124 is in site-9 of
// tenant-acme; site-10 is Acme Cork; sites 9 and 10 belong to tenant-acme, not tenant-globex).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { check } from "../../src/check.js";
import { PolicyEvaluator } from "../../src/engine/evaluate.js";
import { loadIntent } from "../../src/intent/load.js";
import { defaultConfig } from "../../src/model/config.js";
import type { Report } from "../../src/model/report.js";
import { scenario } from "../support/scenarios.js";

const evaluator = new PolicyEvaluator();
afterAll(() => evaluator.close());
const tmp = mkdtempSync(join(tmpdir(), "blastguard-wrong-outer-unit-"));
const config = defaultConfig();

/** Checks the scenario's --show-sames preview against its recorded intent.yaml, edited by `edit`. */
async function run(name: string, edit: (yaml: string) => string): Promise<Report> {
  const original = readFileSync(scenario(name, "intent.yaml"), "utf8");
  const edited = edit(original);
  expect(edited).not.toBe(original);
  const path = join(tmp, `${name}.intent.yaml`);
  writeFileSync(path, edited);
  return (await check(scenario(name, "preview-sames.json"), { config, evaluator, intent: loadIntent(path, config) })).report;
}

const messages = (r: Report, policy: string) => r.findings.filter((f) => f.policy === policy).map((f) => f.message);

describe("a wrong outer unit in an intent target is named", () => {
  it("the site: app-124 declared in site-10 (Acme Cork) instead of site-9", async () => {
    const report = await run("delete-app-with-intent", (y) => y.replace("site: site-9", "site: site-10"));
    expect(messages(report, "scope-identity")).toEqual([
      "site site-10 of tenant tenant-acme has no app app-124; app-124 is in site site-9 of tenant tenant-acme: the intent names the wrong site",
    ]);
    expect(report.verdict).toBe("blocked");
  });

  it("the tenant: app-124 declared in tenant-globex, its site right", async () => {
    const report = await run("delete-app-with-intent", (y) => y.replace("tenant: tenant-acme", "tenant: tenant-globex"));
    expect(messages(report, "scope-identity")).toEqual([
      "site site-9 of tenant tenant-globex has no app app-124; app-124 is in site site-9 of tenant tenant-acme: the intent names the wrong tenant",
    ]);
    expect(report.verdict).toBe("blocked");
  });

  it("the incident's sites, declared as sites of tenant-globex: the tenant is wrong for both", async () => {
    const report = await run("incident-site-ids-as-app-ids", (y) => y.replaceAll("kind: app", "kind: site").replaceAll("tenant: tenant-acme", "tenant: tenant-globex"));
    expect(messages(report, "scope-identity").sort()).toEqual([
      "tenant tenant-globex has no site site-10; site-10 is in tenant tenant-acme: the intent names the wrong tenant",
      "tenant tenant-globex has no site site-9; site-9 is in tenant tenant-acme: the intent names the wrong tenant",
    ]);
    expect(report.verdict).toBe("blocked");
  });

  it("says nothing of outer units when they are right (the recorded intents)", async () => {
    const app = await run("delete-app-with-intent", (y) => `${y}\n`);
    expect(messages(app, "scope-identity")).toEqual([]);
    expect(app.verdict).toBe("allowed");
    // the incident's IDs are site IDs declared as apps: no app has them anywhere, so no outer unit is wrong
    const incident = await run("incident-site-ids-as-app-ids", (y) => `${y}\n`);
    expect(messages(incident, "scope-identity")).toEqual([]);
    expect(messages(incident, "id-kind-mismatch")).toHaveLength(1);
  });
});
