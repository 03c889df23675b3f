// Issue §5 and bad-input class 17: a canary planted in every secret form appears nowhere, not
// even as 8 characters of it: not on stdout or stderr, not in any format of the formats table,
// not in what the library returns. (The bad-input suites assert the same of every refusal.)
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { check } from "../../src/check.js";
import { PolicyEvaluator } from "../../src/engine/evaluate.js";
import { formatNames, formats } from "../../src/report/formats.js";
import { runCli } from "../support/paths.js";
import { canaryState, CANARY, deletePreview, expectNoCanary, file, fixtureJson, fixtureText, secretCipher, secretPlain, tmp, type Json, removeTmp } from "./support.js";

const evaluator = new PolicyEvaluator();
afterAll(() => {
  evaluator.close();
  removeTmp();
});

const json = (v: unknown) => JSON.stringify(v, null, 4);
const BUCKET = 2;

/** Every secret form the guard can meet, each carrying the canary. */
function canaryInputs(): [string, string][] {
  const state = canaryState(); // ciphertext, plaintext nested in arrays and objects, a secret tag
  const bucket = state.deployment.resources[BUCKET];
  bucket.outputs.tags["blastguard:data-class"] = secretPlain(CANARY);
  bucket.inputs.versioning = { enabled: secretCipher(CANARY) };
  bucket.protect = true;

  const preview = deletePreview(state, [BUCKET, 15]);
  preview.config["app:password"] = "[secret]"; // how a digest writes secret config
  preview.diagnostics = [{ urn: bucket.urn, message: `resource "${bucket.urn}" cannot be deleted\nbecause it is protected; password=${CANARY}`, severity: "error" }];

  const checkpoint = fixtureJson("state/pulumi-checkpoint-secrets.json");
  checkpoint.checkpoint.config = { "app:password": { secure: CANARY }, "app:token": secretPlain(CANARY) };
  checkpoint.checkpoint.latest.resources[1].outputs = { ...checkpoint.checkpoint.latest.resources[1].outputs, tags: { key: secretPlain(CANARY) } };

  const events = fixtureText("events/TestMultipleProtectedDeletes-1-preview.jsonl")
    .trimEnd()
    .split("\n")
    .map((line) => {
      const e = JSON.parse(line);
      const old = e.resourcePreEvent?.metadata?.old;
      if (old) old.outputs = { ...old.outputs, secret: secretCipher(CANARY), tags: { owner: secretPlain([CANARY]) } };
      if (e.diagnosticEvent) e.diagnosticEvent.message += ` (token ${CANARY})`;
      if (e.preludeEvent) e.preludeEvent.config = { "app:password": "[secret]" }; // events blind secret config
      return JSON.stringify(e);
    })
    .join("\n");

  const plan = fixtureJson("plans/aws-openzfs-upgrade-plan.json");
  const [firstUrn] = Object.keys(plan.resourcePlans);
  const goal = plan.resourcePlans[firstUrn!].goal;
  if (goal) goal.inputDiff = { ...goal.inputDiff, adds: { ...goal.inputDiff?.adds, tags: { owner: secretPlain(CANARY) }, kmsKeyId: secretCipher(CANARY) } };

  return [
    ["a stack export", json(state)],
    ["a preview with a secret in its diagnostics", json(preview)],
    ["a checkpoint with secret config", json(checkpoint)],
    ["an event stream", events + "\n"],
    ["a plan", json(plan)],
  ];
}

describe("secrets canary", () => {
  for (const [what, text] of canaryInputs()) {
    it(`never shows the canary from ${what}, in any format`, async () => {
      expect(text).toContain(CANARY);
      const path = file("canary-input.json", text);
      const outs = formatNames.map((f) => [f, join(tmp, `canary.${f}`)] as const);
      for (const format of formatNames) {
        const r = runCli(["check", path, "--format", format, ...outs.flatMap(([f, out]) => [`--out-${f}`, out])]);
        expect(r.status, r.stderr).not.toBe(2);
        expectNoCanary(r.stdout, `stdout (--format ${format})`);
        expectNoCanary(r.stderr, "stderr");
      }
      for (const [f, out] of outs) expectNoCanary(readFileSync(out, "utf8"), `--out-${f}`);
      const { report } = await check(path, { evaluator });
      expectNoCanary(JSON.stringify(report), "the library's report");
      for (const f of formatNames) expectNoCanary(formats[f].render([report]), `${f} renderer`);
    });
  }

  it("finds what the policies must find even with the canary in the way", async () => {
    const [, preview] = canaryInputs()[1]!;
    const { report } = await check(file("canary-preview.json", preview), { evaluator });
    expect(report.verdict).toBe("blocked");
    expect(report.findings.some((f) => f.policy === "protected-delete" && f.resourceName === "docs")).toBe(true);
    expect(report.summary.protectedDeletesRefusedByEngine).toBe(1);
  });

  it("keeps the canary out of the output when the check is refused (exit 2)", () => {
    const [, state] = canaryInputs()[0]!;
    const bad = state.replace(`"${CANARY.slice(0, 4)}`, `"\\ud800${CANARY.slice(0, 4)}`);
    for (const content of [state.slice(0, state.indexOf(CANARY) + 10), bad, state.replace("ciphertext", "plaintext\": \"x\", \"ciphertext")]) {
      const r = runCli(["check", file("canary-bad.json", content), ...formatNames.flatMap((f) => [`--out-${f}`, join(tmp, `bad.${f}`)])]);
      expect(r.status).toBe(2);
      expectNoCanary(r.stdout + r.stderr, "refusal");
    }
  });
});
