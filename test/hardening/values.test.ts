// Bad-input classes 16-20: values inside well-formed documents. Unknowns in deciding fields block,
// malformed secrets and unknown signatures are refused, special values are handled, numbers
// reach Wasm exactly as JavaScript read them, and no key can pollute a prototype.
import { afterAll, describe, expect, it } from "vitest";
import { PolicyEvaluator } from "../../src/engine/evaluate.js";
import { buildPolicyInput, encodePolicyInput } from "../../src/engine/input.js";
import { defaultConfig } from "../../src/model/config.js";
import { PULUMI_UNKNOWN, SIG, SIG_KEY, UNKNOWN } from "../../src/model/values.js";
import { canaryState, CANARY, deletePreview, expectDecided, expectRefused, expectSameDecision, type Json, removeTmp, json, read } from "./support.js";

const evaluator = new PolicyEvaluator();
afterAll(() => {
  evaluator.close();
  removeTmp();
});

const BUCKET = 2; // urn:pulumi:dev::sample::aws:s3/bucket:Bucket::docs in the stratify export

/** A preview deleting the docs bucket, its prior state edited first. */
function deletingBucket(edit: (bucket: Json) => void): Json {
  const state = canaryState();
  edit(state.deployment.resources[BUCKET]);
  return deletePreview(state, [BUCKET]);
}

describe("class 16: unknown values in deciding fields block", () => {
  it("blocks deleting a resource whose protect flag is unknown", async () => {
    const report = await expectDecided("unknown-protect.json", json(deletingBucket((b) => (b.protect = PULUMI_UNKNOWN))), evaluator, 1);
    expect(report.findings.map((f) => [f.policy, f.kind, f.level])).toContainEqual(["protected-delete", "unverifiable", "error"]);
  });
  it("blocks replacing a protected resource whose new protect flag is unknown", async () => {
    const state = canaryState();
    const bucket = state.deployment.resources[BUCKET];
    const preview = deletePreview(state, []);
    preview.steps[BUCKET] = { op: "replace", urn: bucket.urn, oldState: { ...bucket, protect: true }, newState: { ...bucket, protect: PULUMI_UNKNOWN } };
    preview.changeSummary = { same: 16, replace: 1 };
    const report = await expectDecided("unknown-new-protect.json", json(preview), evaluator, 1);
    expect(report.findings.some((f) => f.policy === "unprotect-and-delete" && f.kind === "unverifiable")).toBe(true);
  });
  it("keeps an unknown retainOnDelete and an unknown ID explicit, never false", () => {
    const change = read(json(deletingBucket((b) => Object.assign(b, { retainOnDelete: PULUMI_UNKNOWN, id: PULUMI_UNKNOWN }))));
    expect(change.resources[BUCKET]?.before).toMatchObject({ retain_on_delete: UNKNOWN, id: UNKNOWN });
  });
  it("reads deletionProtection, skipFinalSnapshot and backupRetentionPeriod unknowns as the marker", () => {
    const change = read(json(deletingBucket((b) => Object.assign(b.outputs, { deletionProtection: PULUMI_UNKNOWN, skipFinalSnapshot: PULUMI_UNKNOWN, backupRetentionPeriod: PULUMI_UNKNOWN }))));
    expect(change.resources[BUCKET]?.before?.props).toMatchObject({ deletionProtection: UNKNOWN, skipFinalSnapshot: UNKNOWN, backupRetentionPeriod: UNKNOWN });
  });
});

describe("class 17: secrets", () => {
  const malformed: [string, Json][] = [
    ["both ciphertext and plaintext", { [SIG_KEY]: SIG.secret, ciphertext: CANARY, plaintext: JSON.stringify(CANARY) }],
    ["neither ciphertext nor plaintext", { [SIG_KEY]: SIG.secret, value: CANARY }],
    ["a non-string ciphertext", { [SIG_KEY]: SIG.secret, ciphertext: { inner: CANARY } }],
  ];
  for (const [what, secret] of malformed) {
    it(`refuses a secret with ${what}, in a field no policy reads too`, async () => {
      await expectRefused("bad-secret.json", json(deletingBucket((b) => (b.outputs.unread = [secret]))), evaluator, { says: /exactly one of ciphertext and plaintext/ });
    });
  }
  it("reads every well-formed secret form as [secret]", () => {
    const change = read(json(canaryState()));
    expect(change.resources[BUCKET]?.before?.props).toMatchObject({ tags: { owner: "[secret]", team: "docs" }, serverSideEncryptionConfiguration: "[secret]" });
    expect(JSON.stringify(change)).not.toContain(CANARY.slice(0, 8));
  });
});

describe("class 18: other signature objects", () => {
  const special: [string, Json, unknown][] = [
    ["an asset", { [SIG_KEY]: SIG.asset, hash: "abc", text: CANARY }, "[asset]"],
    ["an archive", { [SIG_KEY]: SIG.archive, hash: "abc", assets: {} }, "[archive]"],
    ["a resource reference", { [SIG_KEY]: SIG.resourceReference, urn: "urn:pulumi:dev::sample::aws:kms/key:Key::k", packageVersion: "" }, "urn:pulumi:dev::sample::aws:kms/key:Key::k"],
    ["a ByteString", { [SIG_KEY]: SIG.byteString, value: "/w==" }, "[bytes]"],
    ["a NaN number", { [SIG_KEY]: SIG.specialNumber, value: "7ff8000000000001" }, "[number]"],
    ["an output value holding a secret", { [SIG_KEY]: SIG.outputValue, value: CANARY, secret: true }, "[secret]"],
  ];
  for (const [what, value, expected] of special) {
    it(`handles ${what} in a field the policies read`, async () => {
      const state = canaryState();
      state.deployment.resources[BUCKET].outputs.kmsKeyId = value;
      expect(read(json(state)).resources[BUCKET]?.before?.props.kmsKeyId).toEqual(expected);
      await expectSameDecision("signature.json", json(state), json(canaryState()), evaluator);
    });
  }
  it("refuses an unknown signature value", async () => {
    await expectRefused("bad-sig.json", json(deletingBucket((b) => (b.outputs.unread = { [SIG_KEY]: "ffffffffffffffffffffffffffffffff", x: CANARY }))), evaluator, { says: /unknown Pulumi signature/ });
  });
});

describe("class 19: numbers (JavaScript reads them; Wasm gets JSON.stringify of that)", () => {
  it("refuses 1e400 in a field the policies read: JSON.parse makes it Infinity and Wasm would see null", async () => {
    const text = json(deletingBucket((b) => (b.outputs.backupRetentionPeriod = 7))).replace('"backupRetentionPeriod": 7', '"backupRetentionPeriod": 1e400');
    await expectRefused("huge.json", text, evaluator, { says: /number is out of range/ });
  });
  it("refuses 1e400 in a change summary count", async () => {
    const text = json(deletePreview(canaryState(), [BUCKET])).replace('"delete": 1', '"delete": 1e400');
    await expectRefused("huge-summary.json", text, evaluator);
  });
  it("hands Wasm the same rounded value above 2^53 and 0 for -0, as JavaScript reads them", () => {
    const text = json(deletingBucket((b) => Object.assign(b.outputs, { backupRetentionPeriod: 1, kmsKeyId: 2 })))
      .replace('"backupRetentionPeriod": 1', '"backupRetentionPeriod": 9007199254740993')
      .replace('"kmsKeyId": 2', '"kmsKeyId": -0');
    const change = read(text);
    const props = change.resources[BUCKET]!.before!.props;
    expect(props.backupRetentionPeriod).toBe(9007199254740992);
    const sent = new TextDecoder().decode(encodePolicyInput(buildPolicyInput(change, defaultConfig()), null));
    expect(sent).toContain('"backupRetentionPeriod":9007199254740992');
    expect(sent).toContain('"kmsKeyId":0');
  });
});

describe("class 20: prototype pollution", () => {
  // JSON.parse makes "__proto__" an own key, as in a real input; Object.assign would not.
  function addPolluting(target: Json, v: string): void {
    const keys = JSON.parse(`{"__proto__": {"polluted": "${v}"}, "constructor": {"prototype": {"polluted": "${v}"}}, "prototype": {"polluted": "${v}"}}`);
    for (const k of Object.keys(keys)) Object.defineProperty(target, k, { value: keys[k], enumerable: true, writable: true, configurable: true });
  }
  const before = Object.getOwnPropertyNames(Object.prototype).sort();
  function expectClean() {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Json).polluted).toBeUndefined();
  }

  it("reads __proto__, constructor and prototype keys everywhere as plain keys", async () => {
    const state = canaryState();
    addPolluting(state, "top");
    const bucket = state.deployment.resources[BUCKET];
    addPolluting(bucket, "resource");
    addPolluting(bucket.outputs, "outputs");
    addPolluting(bucket.outputs.tags, "tags");
    const preview = deletePreview(state, []);
    addPolluting(preview, "preview");
    addPolluting(preview.steps[BUCKET], "step");
    addPolluting(preview.config, "config");
    const text = json(preview);
    expect(text).toContain('"__proto__"');
    const change = read(text);
    expectClean();
    const tags = change.resources[BUCKET]!.before!.props.tags as Json;
    expect(Object.getPrototypeOf(tags)).toBe(Object.prototype);
    expect(Object.hasOwn(tags, "__proto__")).toBe(true);
    expect(change.resources).toHaveLength(17);
    await expectSameDecision("proto.json", text, json(deletePreview(canaryState(), [])), evaluator);
    expectClean();
  });

  it("does not lose a resource plan keyed __proto__: it is refused as a malformed URN", async () => {
    const plan = JSON.parse(json({ manifest: {}, resourcePlans: { __placeholder: { steps: ["delete"] } } }).replace("__placeholder", "__proto__"));
    await expectRefused("proto-plan.json", json(plan), evaluator, { says: /URN is malformed/ });
    expectClean();
  });
});
