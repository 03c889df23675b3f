// The prior state beside a change (--state, and the pack's stack export), on recorded engine
// output and edited copies of it: one stack only (13.4), two prior states that disagree block
// (13.5), and a plan checked beside its state reads like the preview beside it (13.8).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Report } from "../../src/model/report.js";
import { changeSetFromAnalyzer } from "../../src/readers/analyzer.js";
import { readChangeSet } from "../../src/readers/index.js";
import { runCli } from "../support/paths.js";
import { scenario } from "../support/scenarios.js";

const tmp = mkdtempSync(join(tmpdir(), "blastguard-prior-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const DELETE_APP = "delete-app-with-intent";
const intent = scenario(DELETE_APP, "intent.yaml");

/** A copy of a recorded file with `edit` applied to its text. */
function edited(name: string, file: string, edit: (text: string) => string): string {
  const out = join(tmp, `${name}-${file}-${Math.random().toString(36).slice(2)}`);
  writeFileSync(out, edit(readFileSync(scenario(name, file), "utf8")));
  return out;
}

/** A copy of a recorded state with one resource (by URN suffix) changed. */
function stateWith(name: string, urnEnd: string, change: (r: Record<string, unknown>) => void): string {
  return edited(name, "state.json", (text) => {
    const doc = JSON.parse(text) as { deployment: { resources: Record<string, unknown>[] } };
    const hits = doc.deployment.resources.filter((r) => String(r["urn"]).endsWith(urnEnd));
    expect(hits).toHaveLength(1);
    change(hits[0]!);
    return JSON.stringify(doc);
  });
}

function check(args: string[]): { status: number | null; stderr: string; report: Report | null } {
  const r = runCli(["check", ...args, "--format", "json"]);
  const report = r.stdout ? (JSON.parse(r.stdout) as { reports: Report[] }).reports[0]! : null;
  return { status: r.status, stderr: r.stderr, report };
}

const open = (report: Report | null) => (report?.findings ?? []).filter((f) => f.status === "open");

describe("a prior state of another stack or project (13.4)", () => {
  const preview = scenario(DELETE_APP, "preview.json");
  const plan = scenario(DELETE_APP, "plan.json");
  const otherStack = edited(DELETE_APP, "state.json", (t) => t.replaceAll("urn:pulumi:prod::", "urn:pulumi:staging::"));
  const otherProject = edited(DELETE_APP, "state.json", (t) => t.replaceAll("::blastguard-infra::", "::billing::"));

  it("is what the recorded state is not: the same stack passes (exit 0)", () => {
    expect(check([preview, "--state", scenario(DELETE_APP, "state.json"), "--intent", intent]).status).toBe(0);
  });

  it("refuses another stack's export beside a preview or a plan, exit 2, naming both stacks", () => {
    for (const change of [preview, plan]) {
      const r = check([change, "--state", otherStack, "--intent", intent]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain("the prior state is of stack staging of project blastguard-infra, but the change is of stack prod of project blastguard-infra");
    }
  });

  it("refuses another project's export, exit 2, naming both projects", () => {
    const r = check([preview, "--state", otherProject, "--intent", intent]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("the prior state is of stack prod of project billing, but the change is of stack prod of project blastguard-infra");
  });

  it("refuses it in the policy pack too (its goal against a stack export of another stack)", () => {
    const limits = { maxBytes: 1e9, maxDepth: 1000 };
    const prior = readChangeSet(readFileSync(otherStack), "prior", { limits });
    const goal = [{ urn: "urn:pulumi:prod::blastguard-infra::pulumi:pulumi:Stack::blastguard-infra-prod", type: "pulumi:pulumi:Stack", name: "blastguard-infra-prod", parent: null, provider: null, protect: false, props: {}, propertyDependencies: {} }];
    expect(() => changeSetFromAnalyzer({ goal, prior, stackConfig: {} })).toThrow(/prior state is of stack staging of project blastguard-infra, but the change is of stack prod/);
  });
});

describe("two prior states that disagree (13.5)", () => {
  const preview = scenario(DELETE_APP, "preview.json");
  const args = (state: string) => [preview, "--state", state, "--intent", intent];

  it("blocks a delete the preview's old state calls unprotected while the export says protected (exit 0 before)", () => {
    const state = stateWith(DELETE_APP, "Table::app-124-records", (r) => (r["protect"] = true));
    const { status, report } = check(args(state));
    expect(status).toBe(1);
    expect(open(report).filter((f) => f.policy === "prior-state-conflict").map((f) => f.message)).toEqual([
      "app-124-records: the change's prior state says protect is false, the --state export says true",
    ]);
  });

  it("blocks a disagreement on retainOnDelete, naming both values", () => {
    const state = stateWith(DELETE_APP, "Bucket::app-124-data-dr", (r) => delete r["retainOnDelete"]);
    const { status, report } = check(args(state));
    expect(status).toBe(1);
    expect(open(report).filter((f) => f.policy === "prior-state-conflict").map((f) => f.message)).toEqual([
      "app-124-data-dr: the change's prior state says retainOnDelete is true, the --state export says false",
    ]);
  });

  it("blocks a disagreement on a scope tag and on the data-class tag, naming both values", () => {
    const state = stateWith(DELETE_APP, "Bucket::app-124-data", (r) => {
      const outputs = r["outputs"] as { tags: Record<string, string> };
      outputs.tags = { ...outputs.tags, "blastguard:tenant": "tenant-globex", "blastguard:data-class": "internal" };
    });
    const { status, report } = check(args(state));
    expect(status).toBe(1);
    expect(open(report).filter((f) => f.policy === "prior-state-conflict").map((f) => f.message).sort()).toEqual([
      'app-124-data: the change\'s prior state says tag blastguard:data-class is "customer", the --state export says "internal"',
      'app-124-data: the change\'s prior state says tag blastguard:tenant is "tenant-acme", the --state export says "tenant-globex"',
    ]);
  });
});

describe("a plan beside its state reads like the preview beside it (13.8)", () => {
  const cases = [
    ["bucket-without-dr-copy", []],
    [DELETE_APP, ["--intent", intent]],
    ["incident-site-ids-as-app-ids", []],
  ] as const;

  for (const [name, extra] of cases) {
    it(`${name}: the same findings, no false "retainOnDelete is not set"`, () => {
      const state = scenario(name, "state.json");
      const fromPlan = check([scenario(name, "plan.json"), "--state", state, ...extra]);
      const fromPreview = check([scenario(name, "preview.json"), "--state", state, ...extra]);
      const key = (f: Report["findings"][number]) => `${f.policy} ${f.level} ${f.message}`;
      // The stores the plan's state records as retained are not reported as unretained.
      const retained = new Set(
        (JSON.parse(readFileSync(state, "utf8")) as { deployment: { resources: { urn: string; retainOnDelete?: boolean }[] } }).deployment.resources
          .filter((r) => r.retainOnDelete === true)
          .map((r) => r.urn),
      );
      expect(retained.size).toBeGreaterThan(0);
      const falseRetain = open(fromPlan.report).filter((f) => f.message.includes("retainOnDelete is not set") && retained.has(f.urn ?? ""));
      expect(falseRetain.map((f) => f.resourceName)).toEqual([]);
      // Created stores: a plan records no retainOnDelete, so only the preview knows theirs.
      const plan = JSON.parse(readFileSync(scenario(name, "plan.json"), "utf8")) as { resourcePlans: Record<string, { steps: string[] }> };
      const created = new Set(Object.entries(plan.resourcePlans).filter(([, p]) => p.steps.includes("create")).map(([urn]) => urn));
      const unknownToPlan = (f: Report["findings"][number]) => created.has(f.urn ?? "") && f.message.includes("retainOnDelete is not set");
      expect(open(fromPlan.report).filter((f) => !unknownToPlan(f)).map(key).sort()).toEqual(open(fromPreview.report).map(key).sort());
      expect(fromPlan.status).toBe(fromPreview.status);
    });
  }

  it("a plan alone finds the copies its recorded state names: no missing-copy violation the state-backed check does not give", () => {
    const alone = check([scenario(DELETE_APP, "plan.json"), "--intent", intent]);
    expect(open(alone.report).filter((f) => f.policy === "data-multi-location-backup").map((f) => f.message)).toEqual([]);
    const bucket = check([scenario("bucket-without-dr-copy", "plan.json")]);
    expect(open(bucket.report).filter((f) => f.policy === "data-multi-location-backup").map((f) => f.resourceName)).toEqual(["app-127-data"]);
  });
});
