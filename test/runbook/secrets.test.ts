// No secret value reaches the runbook or the script: a canary planted as a Pulumi secret in the
// deleted table's name and in the backup selection's role (the values a restore would use).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/paths.js";
import { scenario } from "../support/scenarios.js";
import { CANARY, expectNoCanary, secretPlain } from "../hardening/support.js";

describe("secrets and the runbook", () => {
  it("plans and scripts without the secret values, and says the store's name is unknown", () => {
    const dir = mkdtempSync(join(tmpdir(), "bg-runbook-secret-"));
    const preview = JSON.parse(readFileSync(scenario("delete-app-with-intent", "preview-sames.json"), "utf8"));
    let planted = 0;
    for (const step of preview.steps) {
      const old = step.oldState;
      if (step.op === "delete" && old?.type === "aws:dynamodb/table:Table") {
        old.outputs.name = secretPlain(CANARY);
        old.inputs.name = secretPlain(CANARY);
        planted++;
      }
      for (const s of [step.oldState, step.newState]) {
        if (s?.type === "aws:backup/selection:Selection" && s.outputs?.name === "tenant-acme-tables") {
          s.outputs.iamRoleArn = secretPlain(`arn:aws:iam::123456789012:role/${CANARY}`);
          planted++;
        }
      }
    }
    expect(planted).toBe(2); // the table, and the selection's prior state
    const input = join(dir, "preview.json");
    writeFileSync(input, JSON.stringify(preview));
    const plan = join(dir, "plan.json");
    const check = runCli(["check", input, "--out-runbook", plan]);
    expect(check.status, check.stderr).not.toBe(2);
    const planText = readFileSync(plan, "utf8");
    const script = runCli(["runbook", plan]);
    expect(script.status).toBe(0);
    for (const [what, text] of [["plan", planText], ["script", script.stdout], ["report", check.stdout]] as const) {
      expectNoCanary(text, what);
      expect(text, what).not.toContain("[secret]");
    }
    const table = JSON.parse(planText).groups[0].stores.find((s: { type: string }) => s.type === "aws:dynamodb/table:Table");
    expect(table.identifiers.name).toBeNull();
    expect(table.restorable).toBe(false);
    expect(table.unusableCopies.map((u: { why: string }) => u.why)).toEqual(["the store's name is unknown"]);
  });
});
