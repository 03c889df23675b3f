// The runbook through the real CLI: `check --out-runbook`, the runbook in the JSON report and its
// summary line in the text and markdown reports, `runbook plan.json > restore.sh`, `runbook --schema`.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/paths.js";
import { scenario } from "../support/scenarios.js";
import { destroyedCustomerData } from "./recorded.js";
import { shellcheck } from "./support.js";

const dir = mkdtempSync(join(tmpdir(), "bg-runbook-cli-"));
const name = "delete-app-with-intent";
const preview = scenario(name, "preview-sames.json");

describe("check --out-runbook and blastguard runbook", () => {
  const plan = join(dir, "plan.json");
  const md = join(dir, "comment.md");
  const json = join(dir, "report.json");
  const check = runCli(["check", preview, "--intent", scenario(name, "intent.yaml"), "--out-runbook", plan, "--out-markdown", md, "--out-json", json]);
  const stores = destroyedCustomerData(preview).length;

  it("writes the plan, valid against `runbook --schema`, and the same runbook in the JSON report (whose own input names the change)", () => {
    expect(check.stderr).toBe("");
    expect(check.status).toBe(0);
    const schema = runCli(["runbook", "--schema"]);
    expect(schema.status).toBe(0);
    const validate = new Ajv2020({ strict: false }).compile(JSON.parse(schema.stdout));
    const written = JSON.parse(readFileSync(plan, "utf8"));
    expect(validate(written)).toBe(true);
    expect(written.summary).toEqual({ stores, restorable: stores, notRestorable: 0 });
    const { input, ...section } = written;
    const reported = JSON.parse(readFileSync(json, "utf8")).reports[0];
    expect(reported.runbook).toEqual(section);
    expect(input).toEqual({ label: reported.input.label, digest: reported.input.digest, inventoryComplete: reported.input.inventoryComplete });
  });

  it("states the runbook in one line of the text and the markdown report", () => {
    const line = `restore runbook: ${stores} destroyed customer-data stores, ${stores} with a surviving copy, 0 not restorable`;
    expect(check.stdout.split("\n")).toContain(`  ${line}`);
    expect(readFileSync(md, "utf8").split("\n")).toContain(line.charAt(0).toUpperCase() + line.slice(1));
  });

  it("turns the plan into a script that passes shellcheck", () => {
    const r = runCli(["runbook", plan, "--concurrency", "8"]);
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith("#!/usr/bin/env bash\n")).toBe(true);
    expect(r.stdout).toContain("\nCONCURRENCY=8\n");
    const script = join(dir, "restore.sh");
    writeFileSync(script, r.stdout);
    expect(shellcheck(script).output).toBe("");
  });

  it("refuses what it cannot make one runbook of, with one line and exit 2", () => {
    const two = runCli(["check", preview, preview, "--out-runbook", join(dir, "two.json")]);
    expect([two.status, two.stderr]).toEqual([2, "blastguard: error: --out-runbook takes exactly one input file (a runbook restores one change)\n"]);
    const notPlan = runCli(["runbook", preview]);
    expect([notPlan.status, notPlan.stderr]).toEqual([2, `blastguard: error: ${preview}: not a blastguard runbook of schemaVersion 1\n`]);
    const edited = JSON.parse(readFileSync(plan, "utf8"));
    edited.groups[0].stores[0].copies[0].kind = "tape";
    writeFileSync(join(dir, "edited.json"), JSON.stringify(edited));
    const bad = runCli(["runbook", join(dir, "edited.json")]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^blastguard: error: .*edited\.json: invalid runbook at groups\.0\.stores\.0\.copies\.0\.kind: /);
    expect(bad.stdout).toBe("");
  });
});
