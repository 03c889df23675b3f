// The runbook on every recorded scenario: its stores are exactly the customer-data stores the
// change destroys (read from the preview), the same the report counts; the app deletion's dry run
// restores each of them; the incident lists every destroyed store with its copy. Expected values
// come from the scenario files (./recorded.ts).
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { check } from "../../src/check.js";
import { PolicyEvaluator } from "../../src/engine/evaluate.js";
import type { Report } from "../../src/model/report.js";
import { Runbook } from "../../src/runbook/model.js";
import { runbookOf } from "../../src/runbook/files.js";
import { renderScript } from "../../src/runbook/script.js";
import { repoRoot } from "../support/paths.js";
import { scenario, syntheticDeletePreview } from "../support/scenarios.js";
import { byUrn, cloudAfter, destroyedCustomerData, drVaultOf, nameOf, replicaOf } from "./recorded.js";
import { arg, op, world } from "./support.js";

const evaluator = new PolicyEvaluator();
afterAll(() => evaluator.close());

const index = JSON.parse(readFileSync(join(repoRoot, "examples", "scenarios", "index.json"), "utf8")) as { name: string }[];
const runbookStores = (r: Report) => r.runbook!.groups.flatMap((g) => g.stores);

async function checked(name: string, file = "preview-sames.json", statePath?: string): Promise<Report> {
  return (await check(scenario(name, file), { evaluator, statePath })).report;
}

/** "tenant/site/app service name", as the script labels a store, from the store's tags in the state. */
function label(stateFile: string, urn: string): string {
  const r = byUrn(stateFile, urn);
  const tags = r.outputs!["tags"] as Record<string, string>;
  const path = ["tenant", "site", "app"].map((l) => tags[`blastguard:${l}`]).join("/");
  return `${path} ${r.type.startsWith("aws:s3/") ? "s3" : "dynamodb"} ${nameOf(r)}`;
}

describe("the runbook's stores are the destroyed customer-data stores (preview with sames; preview, and plan, with the prior state)", () => {
  it.each(index.map((s) => s.name))("%s", async (name) => {
    const expected = destroyedCustomerData(scenario(name, "preview-sames.json"));
    const reports = [await checked(name), await checked(name, "preview.json", scenario(name, "state.json"))];
    if (existsSync(scenario(name, "plan.json"))) reports.push(await checked(name, "plan.json", scenario(name, "state.json")));
    for (const report of reports) {
      Runbook.parse(runbookOf(report));
      expect(runbookStores(report).map((s) => s.urn).sort()).toEqual(expected);
      expect(report.runbook!.summary.stores).toBe(report.blastRadius.tenants.reduce((n, t) => n + t.customerData, 0));
    }
  });
});

describe("delete-app-with-intent", () => {
  const name = "delete-app-with-intent";
  const state = scenario(name, "state.json");

  it("the dry run lists a restore for each destroyed store, from the copy the prior state names", async () => {
    const report = await checked(name);
    const destroyed = destroyedCustomerData(scenario(name, "preview-sames.json"));
    expect(destroyed.length).toBeGreaterThan(0);
    const w = world(renderScript(runbookOf(report)), cloudAfter(state, destroyed));
    const r = w.run();
    expect(r.status).toBe(0);
    const vault = drVaultOf(state, "tenant-acme");
    for (const urn of destroyed) {
      const store = byUrn(state, urn);
      const line = r.lines.find((l) => l.startsWith(`${label(state, urn)}: `));
      if (store.type === "aws:dynamodb/table:Table") {
        expect(line).toBe(`${label(state, urn)}: would-restore: ${nameOf(store)} in ${vault.region} from recovery point ` +
          `arn:aws:backup:${vault.region}:123456789012:recovery-point:${nameOf(store)}-${vault.name} with role arn:aws:iam::123456789012:role/blastguard-backup`);
        const lookup = w.calls().find((c) => op(c) === "backup list-recovery-points-by-backup-vault" && arg(c, "--by-resource-arn") === store.outputs!["arn"]);
        expect([arg(lookup!, "--backup-vault-name"), arg(lookup!, "--region")]).toEqual([vault.name, vault.region]);
      } else {
        const replica = replicaOf(state, nameOf(store));
        expect(line).toBe(`${label(state, urn)}: would-copy: replica bucket ${replica} (${vault.region}) into new bucket ${nameOf(store)} in ${store.outputs!["region"]}`);
      }
    }
    expect(r.lines).toHaveLength(destroyed.length + 1);
  });

  it("executed twice, the second run restores nothing", async () => {
    const report = await checked(name);
    const destroyed = destroyedCustomerData(scenario(name, "preview-sames.json"));
    const w = world(renderScript(runbookOf(report)), cloudAfter(state, destroyed));
    expect(w.run(["--execute"]).status).toBe(0);
    expect(w.created().map((c) => c.name).sort()).toEqual(destroyed.map((u) => nameOf(byUrn(state, u))).sort());
    const second = w.run(["--execute"]);
    expect(second.lines.filter((l) => l.includes(": skipped: "))).toHaveLength(destroyed.length);
    expect(w.created()).toHaveLength(destroyed.length);
  });
});

describe("incident-site-ids-as-app-ids", () => {
  const name = "incident-site-ids-as-app-ids";
  const state = scenario(name, "state.json");

  it("lists every destroyed store, grouped by tenant, site and app, with its surviving copy", async () => {
    const report = await checked(name);
    const destroyed = destroyedCustomerData(scenario(name, "preview-sames.json"));
    const vault = drVaultOf(state, "tenant-acme");
    expect(report.runbook!.groups.map((g) => g.path)).toEqual([...new Set(destroyed.map((u) => label(state, u).split(" ")[0]!))].sort((a, b) => a.localeCompare(b, "en", { numeric: true })));
    for (const store of runbookStores(report)) {
      const prior = byUrn(state, store.urn);
      expect(store.identifiers).toMatchObject({ name: nameOf(prior), region: prior.outputs!["region"] });
      expect(store.restorable).toBe(true);
      const copy = store.copies[0]!;
      if (copy.kind === "aws-backup") expect([copy.vault.name, copy.vault.region, copy.recoveryPointsOf]).toEqual([vault.name, vault.region, prior.outputs!["arn"]]);
      else if (copy.kind === "s3-replication") expect([copy.bucket, copy.region]).toEqual([replicaOf(state, nameOf(prior)), vault.region]);
      else throw new Error(`unexpected copy kind ${copy.kind}`);
    }
    const r = world(renderScript(runbookOf(report)), cloudAfter(state, destroyed)).run();
    expect(r.lines.slice(0, -1).map((l) => l.split(": ")[0]).sort()).toEqual(destroyed.map((u) => label(state, u)).sort());
  });

  it("SYNTHETIC: a bucket whose replica the same change deletes is listed as not restorable", () => {
    // The recorded state with retainOnDelete taken off app-124's DR bucket, and a preview that
    // deletes app-124's bucket together with that DR bucket.
    const dir = mkdtempSync(join(tmpdir(), "bg-runbook-"));
    const doc = JSON.parse(readFileSync(state, "utf8"));
    for (const r of doc.deployment.resources) if (r.urn.endsWith("::app-124-data-dr")) delete r.retainOnDelete;
    const edited = join(dir, "state.json");
    writeFileSync(edited, JSON.stringify(doc));
    const preview = syntheticDeletePreview(edited, (n) => n === "app-124-data" || n === "app-124-data-dr", join(dir, "preview.json"));
    return check(preview, { evaluator }).then(({ report }) => {
      const stores = runbookStores(report);
      expect(stores.map((s) => [s.name, s.restorable])).toEqual([["app-124-data", false], ["app-124-data-dr", false]]);
      const r = world(renderScript(runbookOf(report)), cloudAfter(edited, destroyedCustomerData(preview))).run();
      expect(r.lines).toContain("tenant-acme/site-9/app-124 s3 bg-app-124-data-eu-west-1: not-restorable: no copy of its data survives the change");
      expect(report.findings.some((f) => f.policy === "data-restore-readiness" && f.urn === stores[0]!.urn)).toBe(true);
    });
  });
});
