// Alias refactors, recorded with the real engine (examples/scenarios/move-apps-*): site-9's apps
// move under their tenant with an alias to their old parent. A renamed or re-parented resource is
// the same resource under its new URN, whichever way the change is read.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Report } from "../../src/model/report.js";
import { readChangeSet, mergePriorState } from "../../src/readers/index.js";
import { runCli } from "../support/paths.js";
import { withoutRenameNote } from "../support/renamed.js";
import { scenario } from "../support/scenarios.js";

const limits = { maxBytes: 1e9, maxDepth: 1000 };
const read = (name: string, file: string) => readChangeSet(readFileSync(scenario(name, file)), file, { limits });

function check(args: string[]): { status: number | null; report: Report } {
  const r = runCli(["check", ...args, "--format", "json"]);
  return { status: r.status, report: (JSON.parse(r.stdout) as { reports: Report[] }).reports[0]! };
}

const MOVE = "move-apps-under-tenant";
const REPLACE = "move-apps-and-replace-table";
const ways = (name: string) => ({
  "preview + --state": [scenario(name, "preview.json"), "--state", scenario(name, "state.json")],
  "--show-sames": [scenario(name, "preview-sames.json")],
  "plan + --state": [scenario(name, "plan.json"), "--state", scenario(name, "state.json")],
});

describe("the recording itself", () => {
  it("moves app resources to new URNs (the plan's goals carry the parent alias; the state has the old URNs)", () => {
    const plan = JSON.parse(readFileSync(scenario(MOVE, "plan.json"), "utf8")) as { resourcePlans: Record<string, { goal?: { structuredAliases?: unknown[] } }> };
    const moved = Object.keys(plan.resourcePlans).filter((u) => u.includes("blastguard:tenancy:Tenant$blastguard:tenancy:App::app-12"));
    expect(moved.sort()).toEqual([
      "urn:pulumi:prod::blastguard-infra::blastguard:tenancy:Tenant$blastguard:tenancy:App::app-123",
      "urn:pulumi:prod::blastguard-infra::blastguard:tenancy:Tenant$blastguard:tenancy:App::app-124",
    ]);
    const state = readFileSync(scenario(MOVE, "state.json"), "utf8");
    expect(state).toContain("blastguard:tenancy:Tenant$blastguard:tenancy:Site$blastguard:tenancy:App::app-123");
    expect(state).not.toContain("blastguard:tenancy:Tenant$blastguard:tenancy:App::app-123");
  });
});

describe("a pure re-parent (only same steps)", () => {
  for (const [way, args] of Object.entries(ways(MOVE))) {
    it(`${way}: allowed, no deletes, every resource counted once`, () => {
      const { status, report } = check(args);
      expect(report.findings.filter((f) => f.status === "open" && f.level !== "warning").map((f) => `${f.policy}: ${f.message}`)).toEqual([]);
      expect(status).toBe(0);
      expect(report.summary).toMatchObject({ deletes: 0, replaces: 0 });
      expect(report.input.resources).toBe(92);
    });
  }

  it("plan + --state keeps each moved resource once, under its new URN, naming the URN it had", () => {
    const merged = mergePriorState(read(MOVE, "plan.json"), read(MOVE, "state.json"), "state");
    const state = read(MOVE, "state.json");
    expect(merged.resources).toHaveLength(state.resources.length);
    const table = merged.resources.find((r) => r.urn.endsWith("Tenant$blastguard:tenancy:App$aws:dynamodb/table:Table::app-123-records"))!;
    expect(table.aliases).toEqual(["urn:pulumi:prod::blastguard-infra::blastguard:tenancy:Tenant$blastguard:tenancy:Site$blastguard:tenancy:App$aws:dynamodb/table:Table::app-123-records"]);
    expect(table.before?.protect).toBe(true);
    expect(table.after?.retain_on_delete).toBe(true);
  });
});

describe("a re-parent plus a forced replacement", () => {
  it("reads one replacement and the same findings every way", () => {
    const results = Object.entries(ways(REPLACE)).map(([way, args]) => {
      const { status, report } = check(args);
      // the default digest lists no same steps, so it cannot say the unchanged buckets moved: compare without the note
      const open = report.findings.filter((f) => f.status === "open").map((f) => `${f.level} ${f.policy}: ${withoutRenameNote(f.message)}`).sort();
      return { way, status, summary: { deletes: report.summary.deletes, replaces: report.summary.replaces, resources: report.input.resources }, open };
    });
    const first = results[0]!;
    expect(first.summary).toEqual({ deletes: 0, replaces: 1, resources: 92 });
    expect(first.status).toBe(1);
    expect(first.open.join("\n")).not.toContain("no prior state");
    for (const r of results) expect({ ...r, way: first.way }).toEqual(first);
  });
});
