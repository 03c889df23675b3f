// Units are known by their full path (tenant/site/app), on edited copies of recorded previews
// (the example program keeps IDs unique, so two tenants sharing an app ID, or a component named
// more than its ID, are edits of real engine output, made here in memory).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { check } from "../../src/check.js";
import { PolicyEvaluator } from "../../src/engine/evaluate.js";
import { Config, DEFAULT_SCOPE_LEVELS, type ConfigInput } from "../../src/model/config.js";
import { parseIntent } from "../../src/intent/load.js";
import { toPolicyIntent } from "../../src/model/intent.js";
import type { Report } from "../../src/model/report.js";
import { scenario } from "../support/scenarios.js";

const evaluator = new PolicyEvaluator();
afterAll(() => evaluator.close());
const tmp = mkdtempSync(join(tmpdir(), "blastguard-unit-identity-"));
const write = (name: string, text: string) => {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
};

function configWith(edit: (levels: ConfigInput["scopes"] extends infer S ? any : never) => void): Config {
  const levels = structuredClone(DEFAULT_SCOPE_LEVELS);
  edit(levels);
  return Config.parse({ scopes: { levels } });
}

async function run(file: string, config: Config, intent: Record<string, unknown> | null = null): Promise<Report> {
  const policyIntent = intent === null ? null : toPolicyIntent(parseIntent(intent, config, "intent"), config.scopes);
  return (await check(file, { config, evaluator, intent: policyIntent })).report;
}

const findings = (r: Report, policy: string) => r.findings.filter((f) => f.policy === policy).map((f) => f.message);

describe("the same app ID in two tenants", () => {
  // delete-app-with-intent deletes acme's app-124; initech's app-300 becomes app-124 here: its
  // component is named initech-app-124 (URNs stay unique) and its resources are tagged app-124.
  const text = readFileSync(scenario("delete-app-with-intent", "preview-sames.json"), "utf8")
    .replaceAll('"blastguard:app": "app-300"', '"blastguard:app": "app-124"')
    .replaceAll('App::app-300"', 'App::initech-app-124"');
  const file = write("two-app-124.json", text);
  const config = configWith((levels) => (levels[2].componentIdPattern = "(app-[0-9]+)$"));
  const target = (outer: Record<string, string>) => ({
    requester: "jane.doe@example.com",
    ticket: "OPS-1234",
    actions: [{ action: "delete", target: { kind: "app", id: "app-124", ...outer } }],
  });

  it("keeps them apart: an intent naming acme's app by its full path lets exactly that app go", async () => {
    const report = await run(file, config, target({ tenant: "tenant-acme", site: "site-9" }));
    expect(report.findings.filter((f) => f.level !== "warning").map((f) => f.message)).toEqual([]);
    expect(report.verdict).toBe("allowed");
    expect(report.findings.filter((f) => f.level !== "warning")).toEqual([]);
  });

  it("refuses the bare ID, which matches an app in two parents, and declares neither", async () => {
    const report = await run(file, config, target({}));
    expect(report.verdict).toBe("blocked");
    expect(findings(report, "scope-identity")).toEqual([
      "the intent's app ID app-124 matches 2 apps (in tenant-acme/site-9, tenant-initech/site-30); name its outer units in the intent to say which",
    ]);
    expect(findings(report, "undeclared-delete")).toHaveLength(1);
  });

  it("does not let an intent naming initech's app delete acme's", async () => {
    const report = await run(file, config, target({ tenant: "tenant-initech" }));
    expect(report.verdict).toBe("blocked");
    expect(findings(report, "undeclared-delete")[0]).toMatch(/outside the units the intent declares .* they belong to app app-124/);
  });
});

describe("a site component named more than its ID", () => {
  // The incident's two sites, their components renamed acme-site-9 / acme-site-10, every cloud
  // resource under them tagged with its site: two sources for one unit.
  const digest = JSON.parse(
    readFileSync(scenario("incident-site-ids-as-app-ids", "preview-sames.json"), "utf8")
      .replaceAll('Site::site-10"', 'Site::acme-site-10"')
      .replaceAll('Site::site-9"', 'Site::acme-site-9"'),
  ) as { steps: { urn: string; oldState?: any; newState?: any }[] };
  const siteOf: Record<string, string> = { "app-123": "site-9", "app-124": "site-9", "app-125": "site-10" };
  for (const s of digest.steps) {
    const app = Object.keys(siteOf).find((a) => s.urn.split("::").pop()!.startsWith(`${a}-`));
    for (const st of [s.oldState, s.newState]) {
      if (!app || !st?.custom) continue;
      for (const bag of [st.inputs, st.outputs]) {
        if (bag && !bag.tags) bag.tags = { "blastguard:tenant": "tenant-acme", "blastguard:site": siteOf[app], "blastguard:app": app };
      }
    }
  }
  const file = write("split-sites.json", JSON.stringify(digest));
  const escalations = (r: Report) => r.findings.filter((f) => f.policy === "scope-escalation").map((f) => f.message).sort();

  it("reports the component name that is no site ID and every tag that disagrees with it", async () => {
    const report = await run(file, Config.parse({}));
    expect(report.verdict).toBe("blocked");
    const identity = findings(report, "scope-identity");
    expect(identity).toContain("acme-site-10 names site acme-site-10 by its component name, which does not match the site ID format ^site-[0-9]+$");
    expect(identity).toContain("app-125-data is tagged site site-10 but sits inside site acme-site-10");
    expect(identity.filter((m) => m.includes("is tagged site"))).toHaveLength(24);
  });

  it("with componentIdPattern, reads one site per component and refuses the whole-site deletions as tag-only config does", async () => {
    const extracted = await run(file, configWith((levels) => (levels[1].componentIdPattern = "^acme-(site-[0-9]+)$")));
    expect(findings(extracted, "scope-identity")).toEqual([]);
    expect(findings(extracted, "scope-escalation")).toEqual([
      "plan deletes all 8 cloud resources of site site-10; no intent was given",
      "plan deletes all 16 cloud resources of site site-9; no intent was given",
    ]);
    const tagOnly = await run(file, configWith((levels) => (levels[1].componentTypes = [])));
    expect(escalations(tagOnly)).toEqual(escalations(extracted));
  });
});

describe("a tag ID that is not in its level's format", () => {
  it("is a scope-identity violation, not silently a unit", async () => {
    // add-tenant with one new bucket tagged with an app ID that no app ID pattern fits.
    const text = readFileSync(scenario("add-tenant", "preview-sames.json"), "utf8");
    const digest = JSON.parse(text) as { steps: { op: string; urn: string; newState?: any }[] };
    const bucket = digest.steps.find((st) => st.op === "create" && st.urn.endsWith("aws:s3/bucket:Bucket::app-400-data"))!;
    bucket.newState.inputs.tags["blastguard:app"] = "App 400";
    const report = await run(write("bad-tag.json", JSON.stringify(digest)), Config.parse({}));
    expect(report.verdict).toBe("blocked");
    expect(findings(report, "scope-identity")).toEqual([
      "app-400-data names app App 400 by its tag, which does not match the app ID format ^app-[0-9]+$",
      "app-400-data is tagged app App 400 but sits inside app app-400",
    ].sort());
  });
});
