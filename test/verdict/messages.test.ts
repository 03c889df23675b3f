// Bad inputs the guard must refuse without quoting them: a malformed secret anywhere in the input
// (also in states the model does not copy), input keys in a failing field path, control
// characters in an error line.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SIG, SIG_KEY } from "../../src/model/values.js";
import { runCli } from "../support/paths.js";
import { scenario } from "../support/scenarios.js";

const tmp = mkdtempSync(join(tmpdir(), "blastguard-messages-"));
const write = (name: string, text: string) => {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
};
const load = (name: string, file: string): any => JSON.parse(readFileSync(scenario(name, file), "utf8"));
const CANARY = "CanaryQx7Vw3Zp9Lk2Jh5";
const bothForms = { [SIG_KEY]: SIG.secret, ciphertext: CANARY, plaintext: JSON.stringify(CANARY) };

function expectRefused(r: { status: number | null; stdout: string; stderr: string }, what: RegExp) {
  expect(r.status).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).toMatch(what);
  expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(r.stderr).not.toContain(CANARY.slice(0, 8));
  expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
}

describe("malformed secrets in states the model does not copy", () => {
  it("refuses one in an unchanged step's goal inputs of a recorded --show-sames preview", () => {
    const digest = load("add-tenant", "preview-sames.json");
    const same = digest.steps.find((s: any) => s.op === "same" && s.newState?.inputs && s.urn.includes("aws:s3/bucket:Bucket"));
    same.newState.inputs.serverSideEncryptionConfiguration = bothForms;
    expectRefused(runCli(["check", write("same-secret.json", JSON.stringify(digest))]), /a secret value must carry exactly one of ciphertext and plaintext/);
  });

  it("refuses one nested in an unchanged step's goal outputs", () => {
    const digest = load("add-tenant", "preview-sames.json");
    const same = digest.steps.find((s: any) => s.op === "same" && s.newState);
    same.newState.outputs = { ...same.newState.outputs, nested: [{ deep: bothForms }] };
    expectRefused(runCli(["check", write("same-secret-out.json", JSON.stringify(digest))]), /exactly one of ciphertext and plaintext/);
  });

  it("refuses one with neither form in a replacement's other half", () => {
    const digest = load("unprotect-and-replace-table", "preview-sames.json");
    const replace = digest.steps.find((s: any) => s.op === "replace");
    expect(replace).toBeDefined();
    digest.steps.push({ ...replace, op: "create-replacement", newState: { ...replace.newState, inputs: { ...replace.newState.inputs, x: { [SIG_KEY]: SIG.secret } } } });
    expectRefused(runCli(["check", write("replacement-secret.json", JSON.stringify(digest))]), /exactly one of ciphertext and plaintext/);
  });
});

describe("error lines quote no input keys and carry no control characters", () => {
  it("names a failing plan entry's URN key as <key>", () => {
    const plan = load("add-tenant", "plan.json");
    const urn = Object.keys(plan.resourcePlans).find((u) => u.includes("aws:s3/bucket:Bucket"))!;
    plan.resourcePlans[urn].steps = [7];
    const r = runCli(["check", write("plan.json", JSON.stringify(plan))]);
    expectRefused(r, /not a valid update plan: field resourcePlans\.<key>\.steps\.0: invalid_type$/m);
    expect(r.stderr).not.toContain("urn:pulumi");
  });

  it("names an input summary key as <key>, with its escape sequence left out", () => {
    const digest = load("add-tenant", "preview.json");
    digest.changeSummary[`pass\u001b[31mword`] = "many";
    const r = runCli(["check", write("summary.json", JSON.stringify(digest))]);
    expectRefused(r, /field changeSummary\.<key>: invalid_type/);
    expect(r.stderr).not.toContain("word");
  });

  it("replaces control characters of a file name in the error line", () => {
    const r = runCli(["check", write("bad\u001b[2Jname.json", "[]")]);
    expectRefused(r, /bad\?\[2Jname\.json: the top-level JSON value is not an object/);
  });
});
