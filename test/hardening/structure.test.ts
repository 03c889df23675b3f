// Bad-input classes 11-13, 15, 21 and 22: well-formed JSON that is the wrong document, an
// unsupported version, an integrity error, a bad URN, an inconsistent preview, or an op this
// guard does not know. Each through the real CLI and through check().
import { afterAll, describe, expect, it } from "vitest";
import { PolicyEvaluator } from "../../src/engine/evaluate.js";
import { fixture, runCli } from "../support/paths.js";
import { canaryState, deletePreview, expectDecided, expectRefused, expectSameDecision, file, fixtureJson, fixtureText, type Json, removeTmp, json, read } from "./support.js";

const evaluator = new PolicyEvaluator();
afterAll(() => {
  evaluator.close();
  removeTmp();
});


describe("class 11: schema version", () => {
  const versions: [string, (s: Json) => void][] = [
    ["missing", (s) => delete s.version],
    ["0", (s) => (s.version = 0)],
    ["5", (s) => (s.version = 5)],
    ['"3" (a string)', (s) => (s.version = "3")],
    ["4 with a feature this guard does not know", (s) => Object.assign(s, { version: 4, features: ["refreshBeforeUpdate", "timeTravel"] })],
    ["4 with a non-string feature", (s) => Object.assign(s, { version: 4, features: [7] })],
  ];
  for (const [name, edit] of versions) {
    it(`refuses a stack export whose version is ${name}`, async () => {
      const state = canaryState();
      edit(state);
      await expectRefused("version.json", json(state), evaluator, { says: /unsupported state version|features this guard does not understand/ });
    });
  }

  it("decides a v4 checkpoint with the refreshBeforeUpdate feature as its v3 twin (30 resources)", async () => {
    const [v3, v4] = ["v3", "v4"].map((v) => runCli(["check", fixture(`state/pulumi-checkpoint-${v}.json`)]));
    expect(v4!.status, v4!.stderr).not.toBe(2);
    expect(v4!.status).toBe(v3!.status);
    expect(v4!.stdout).toContain("(checkpoint, 30 resources");
  });

  it("reads explicitly supported versions 1 and 2 of a stack export", async () => {
    for (const version of [1, 2]) await expectSameDecision(`v${version}.json`, json({ ...canaryState(), version }), json(canaryState()), evaluator);
  });
});

describe("class 12: wrong document kind", () => {
  const state = json(canaryState());
  it("refuses a state where a preview is expected (--input-format preview)", async () => {
    await expectRefused("state-as-preview.json", state, evaluator, { args: ["--input-format", "preview"], options: { inputFormat: "preview" }, says: /expected a preview but the content is a state/ });
  });
  it("refuses a raw checkpoint where a stack export is expected (--input-format state)", async () => {
    await expectRefused("checkpoint.json", fixtureText("state/pulumi-checkpoint-v3.json"), evaluator, { args: ["--input-format", "state"], options: { inputFormat: "state" }, says: /expected a state but the content is a checkpoint/ });
  });
  it("refuses a plan given as the prior state", async () => {
    const plan = file("plan-as-state.json", fixtureText("plans/aws-openzfs-upgrade-plan.json"));
    await expectRefused("preview.json", json(deletePreview(canaryState(), [2])), evaluator, { args: ["--state", plan], options: { statePath: plan }, says: /--state expects a stack export or checkpoint, got a plan/ });
  });
  it("refuses a document that carries the marks of two formats", async () => {
    const both = { ...canaryState(), steps: [] };
    await expectRefused("ambiguous.json", json(both), evaluator, { says: /ambiguous input/ });
  });
});

describe("class 13: duplicate URNs in a state", () => {
  it("accepts a second copy pending deletion (delete: true) beside the live one", async () => {
    const state = canaryState();
    const bucket = state.deployment.resources[2];
    state.deployment.resources.push({ ...bucket, id: "docs-old", delete: true });
    const report = await expectSameDecision("pending-delete.json", json(state), json(canaryState()), evaluator);
    expect(report.input.resources).toBe(17);
  });
  it("refuses two live copies of one URN (Pulumi's integrity rule)", async () => {
    const state = canaryState();
    state.deployment.resources.push({ ...state.deployment.resources[2], id: "docs-copy" });
    await expectRefused("dup-urn.json", json(state), evaluator, { says: /same URN twice/ });
  });
});

describe("class 15: URN edge cases", () => {
  const prefix = "urn:pulumi:dev::sample::aws:s3/bucket:Bucket::";
  const names: [string, string][] = [
    ["docs::with::colons", "a name containing ::"],
    ["line\none", "a newline"],
    ["a name with spaces", "spaces"],
    ["", "an empty name"],
  ];
  for (const [name, what] of names) {
    it(`reads the name after the third :: as Pulumi does (${what})`, async () => {
      const state = canaryState();
      state.deployment.resources[2].urn = prefix + name;
      const change = read(json(state));
      expect(change.resources.find((r) => r.urn === prefix + name)?.name).toBe(name);
      await expectSameDecision("urn.json", json(state), json(canaryState()), evaluator);
    });
  }
  it("reads the last type of a component $ chain", () => {
    const change = read(json(canaryState()));
    const role = change.resources.find((r) => r.urn.endsWith("$aws:iam/role:Role::docsHandler"));
    expect(role?.type).toBe("aws:iam/role:Role");
    expect(role?.name).toBe("docsHandler");
  });
  const bad: [string, string][] = [
    ["without the urn:pulumi: prefix", "dev::sample::aws:s3/bucket:Bucket::docs"],
    ["with fewer than three :: delimiters", "urn:pulumi:dev::sample::docs"],
    ["with an empty type after a $ chain", "urn:pulumi:dev::sample::aws:s3/bucket:Bucket$::docs"],
  ];
  for (const [what, urn] of bad) {
    it(`refuses a URN ${what}`, async () => {
      const state = canaryState();
      state.deployment.resources[2].urn = urn;
      await expectRefused("bad-urn.json", json(state), evaluator, { says: /URN is malformed/ });
    });
  }
});

describe("class 21: inconsistent preview", () => {
  it("refuses a summary that counts a delete the steps do not list", async () => {
    const preview = deletePreview(canaryState(), []);
    preview.changeSummary.delete = 1;
    await expectRefused("summary-delete.json", json(preview), evaluator, { says: /summary counts 1 delete steps but 0 are listed/ });
  });
  it("refuses `steps: []` beside a summary of 65 creates (pulumi#19775)", async () => {
    const preview = { ...fixtureJson("preview/stratify-sample-preview-creates.json"), steps: [], changeSummary: { create: 65 } };
    await expectRefused("empty-steps.json", json(preview), evaluator, { says: /summary counts 65 create steps but 0 are listed/ });
  });
  it("still reports both protected deletes of a failed preview that counts only one", async () => {
    // The shape CLI 3.274.1 writes when a preview fails on a protected delete: both delete
    // steps, `delete: 1` in the summary, and an error naming the protected resource.
    const state = canaryState();
    const preview = deletePreview(state, [2, 15], (r, i) => {
      if (i === 2 || i === 15) r.protect = true;
    });
    preview.changeSummary.delete = 1;
    const urn = state.deployment.resources[2].urn;
    preview.diagnostics = [{ urn, message: `resource "${urn}" cannot be deleted\nbecause it is protected.`, severity: "error" }];
    const report = await expectDecided("failed-preview.json", json(preview), evaluator, 1);
    expect(report.findings.filter((f) => f.policy === "protected-delete").map((f) => f.resourceName)).toEqual(["docs", "docsHandler"]);
    expect(report.summary.protectedDeletesRefusedByEngine).toBe(1);
  });
});

describe("class 22: every step op, and unknown ones", () => {
  const resA = "urn:pulumi:test::test::pkgA:m:typA::resA";
  const cases: [string, string, string, 0 | 1][] = [
    ["delete", "TestRetainOnDelete-2-delete", "delete", 0],
    ["replace of a protected resource (create-replacement, replace, delete-replaced)", "TestProtect-1-preview-replace-protected", "replace", 1],
    ["create-replacement without deleteBeforeReplace", "TestRetainOnDelete-1-replace", "replace", 0],
    ["delete-replaced first (deleteBeforeReplace)", "TestDBRProtect-2", "replace", 0],
    ["discard", "TestStackReference-discard-preview", "discard", 0],
    ["discard-replaced after an import-replacement", "TestImportOption-10-discard-replaced", "import", 0],
    ["read-replacement with delete-replaced", "TestReadReplaceStep", "replace", 0],
    ["import-replacement with delete-replaced", "TestImportOption-8-import-replacement", "replace", 0],
  ];
  for (const [what, name, op, exit] of cases) {
    it(`folds ${what} into ${op} and exits ${exit}`, () => {
      const text = fixtureText(`events/${name}.jsonl`);
      const change = read(text);
      const urn = name.startsWith("TestStackReference") ? "urn:pulumi:test::test::pulumi:pulumi:StackReference::other" : name === "TestDBRProtect-2" ? "urn:pulumi:test::test::pkgA:index:typ::resA" : resA;
      expect(change.resources.find((r) => r.urn === urn)?.op).toBe(op);
      expect(runCli(["check", fixture(`events/${name}.jsonl`)]).status).toBe(exit);
    });
  }

  it("reads remove-pending-replace as a state-only forget", async () => {
    const preview = deletePreview(canaryState(), []);
    preview.steps[2].op = "remove-pending-replace";
    preview.changeSummary.same -= 1;
    expect(read(json(preview)).resources[2]?.op).toBe("forget");
    await expectSameDecision("forget.json", json(preview), json(deletePreview(canaryState(), [])), evaluator);
  });

  for (const op of ["obliterate", "diff", "extend-parameterize", "DELETE", ""]) {
    it(`refuses a step whose op is ${JSON.stringify(op)}`, async () => {
      const preview = deletePreview(canaryState(), [2]);
      preview.steps[2].op = op;
      await expectRefused("unknown-op.json", json(preview), evaluator, { says: /unknown step op/ });
    });
  }
  it("refuses an unknown op in an event stream and in a plan", async () => {
    const events = fixtureText("events/TestRetainOnDelete-2-delete.jsonl").replace('"op":"delete"', '"op":"vaporize"');
    await expectRefused("unknown-op.jsonl", events, evaluator, { says: /unknown step op/ });
    const plan = fixtureJson("plans/aws-openzfs-upgrade-plan.json");
    (Object.values(plan.resourcePlans)[2] as Json).steps = ["shred"];
    await expectRefused("unknown-op-plan.json", json(plan), evaluator, { says: /unknown step op/ });
  });
});
