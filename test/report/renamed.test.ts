// Findings about a resource the change keeps under a new URN (aliases) say so. Recorded with the
// real engine: move-apps-and-replace-table re-parents site-9's apps under their tenant and
// replaces app-124's table (its state.json has the table under
// ...Tenant$...Site$...App$aws:dynamodb/table:Table::app-124-records).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { check, type CheckOptions } from "../../src/check.js";
import { PolicyEvaluator } from "../../src/engine/evaluate.js";
import type { Report } from "../../src/model/report.js";
import { scenario } from "../support/scenarios.js";

const evaluator = new PolicyEvaluator();
afterAll(() => evaluator.close());
const NAME = "move-apps-and-replace-table";
const OLD_TABLE = "urn:pulumi:prod::blastguard-infra::blastguard:tenancy:Tenant$blastguard:tenancy:Site$blastguard:tenancy:App$aws:dynamodb/table:Table::app-124-records";
const NEW_TABLE = "urn:pulumi:prod::blastguard-infra::blastguard:tenancy:Tenant$blastguard:tenancy:App$aws:dynamodb/table:Table::app-124-records";

async function run(file: string, options: CheckOptions = {}): Promise<Report> {
  return (await check(file, { evaluator, ...options })).report;
}

const about = (r: Report, urn: string) => r.findings.filter((f) => f.urn === urn).map((f) => `${f.policy}: ${f.message}`);

describe("findings about a re-parented or renamed resource", () => {
  const note = ` (re-parented: was ${OLD_TABLE})`;
  const ways: [string, string, CheckOptions][] = [
    ["--show-sames", scenario(NAME, "preview-sames.json"), {}],
    ["preview + --state", scenario(NAME, "preview.json"), { statePath: scenario(NAME, "state.json") }],
    ["plan + --state", scenario(NAME, "plan.json"), { statePath: scenario(NAME, "state.json") }],
  ];
  for (const [way, file, options] of ways) {
    it(`${way}: the replaced table's findings name the URN it had`, async () => {
      const report = await run(file, options);
      expect(report.verdict).toBe("blocked");
      expect(about(report, NEW_TABLE)).toEqual([
        `data-cloud-deletion-protection: app-124-records holds customer data and deletionProtectionEnabled is off${note}`,
        `data-protect: app-124-records holds customer data and is not protected (nor retained on delete)${note}`,
      ]);
    });
  }

  it("a plan without the prior state says nothing: its aliases are only candidates", async () => {
    const report = await run(scenario(NAME, "plan.json"));
    expect(about(report, NEW_TABLE).length).toBeGreaterThan(0);
    expect(report.findings.filter((f) => /renamed|re-parented/.test(f.message))).toEqual([]);
  });

  it("a resource that keeps its URN says nothing (delete-app-with-intent has no aliases)", async () => {
    const report = await run(scenario("delete-app-with-intent", "preview-sames.json"));
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings.filter((f) => /renamed|re-parented/.test(f.message))).toEqual([]);
  });

  it("a new name gives the old name (the recording's new table URN renamed to app-124-ledger, in a copy)", async () => {
    const text = readFileSync(scenario(NAME, "preview-sames.json"), "utf8").replaceAll(`${NEW_TABLE}"`, `${NEW_TABLE.replace(/app-124-records$/, "app-124-ledger")}"`);
    const file = join(mkdtempSync(join(tmpdir(), "blastguard-renamed-")), "preview-sames.json");
    writeFileSync(file, text);
    const report = await run(file);
    expect(about(report, NEW_TABLE.replace(/app-124-records$/, "app-124-ledger"))).toEqual([
      "data-cloud-deletion-protection: app-124-ledger holds customer data and deletionProtectionEnabled is off (renamed from app-124-records)",
      "data-protect: app-124-ledger holds customer data and is not protected (nor retained on delete) (renamed from app-124-records)",
    ]);
  });
});
