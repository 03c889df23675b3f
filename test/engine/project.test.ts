// What Wasm receives: the resources projected to what the bundle says the policies read, and only
// the units a policy can look at. The projection must be the one the Rego tests run on
// (policies/lib/testing.rego): compared here with the real `opa eval` of it, on recorded inputs
// and on the odd shapes tags and references take.
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { readInputs } from "../../src/check.js";
import { PolicyEvaluator } from "../../src/engine/evaluate.js";
import { buildPolicyInput, encodePolicyInput, type PolicyInput } from "../../src/engine/input.js";
import { resourceProjector, unitsRead, type Reads } from "../../src/engine/project.js";
import { defaultConfig } from "../../src/model/config.js";
import { toPolicyIntent, intentSchema } from "../../src/model/intent.js";
import { parse as parseYaml } from "yaml";
import { opaEvalLib, policyInputOf } from "../support/opa-lib.js";
import { fixture } from "../support/paths.js";
import { scenario } from "../support/scenarios.js";

const config = defaultConfig();
const evaluator = new PolicyEvaluator();
afterAll(() => evaluator.close());

/** Resources whose tags, labels and references take every shape the readers let through. */
function oddResources(base: PolicyInput["resources"][number]): PolicyInput["resources"] {
  const key = config.dataClass.tagKey;
  const state = (props: Record<string, unknown>, refs?: Record<string, string[]>) => ({ ...base.before!, props, ...(refs ? { refs } : {}) }) as never;
  const shapes: [Record<string, unknown>, Record<string, string[]>?][] = [
    [{ tags: [{ key, value: "customer" }, { key: "team", value: "x" }, "odd", { key, value: "again" }] }],
    [{ tags: { $unknown: true }, tagsAll: { [key]: "[secret]", other: "y" }, labels: { [key]: "customer" } }],
    [{ tags: "[secret]", labels: [], arn: "arn:aws:s3:::b", region: "us-east-1" }],
    [{ tags: { team: "x" }, bucket: { $unknown: true }, versioningConfiguration: { status: "Enabled" } }, { bucket: ["urn:a"], role: ["urn:b"] }],
    [{ forceDestroy: true, skipFinalSnapshot: { $unknown: true }, deletionProtection: 7 }, { role: ["urn:b"] }],
    [{ versioning: [{ enabled: true }], versionings: { enabled: false }, replicas: [{ regionName: "eu-west-1" }] }],
  ];
  return shapes.map(([props, refs], i) => ({ ...base, urn: `${base.urn}-${i}`, before: state(props, refs), after: i % 2 ? null : state(props, refs) }));
}

describe("the projection of the policy input", () => {
  it("is declared by the bundle itself, as policies/lib/reads.rego lists it", async () => {
    const reads = await evaluator.reads();
    expect(reads).toEqual(opaEvalLib("data.blastguard.lib.reads.fields", {}));
  });

  it("projects every resource exactly as the Rego tests' documents are projected", async () => {
    const reads = (await evaluator.reads()) as Reads;
    const inputs = [
      await policyInputOf(scenario("bucket-without-dr-copy", "preview.json"), scenario("bucket-without-dr-copy", "state.json")),
      await policyInputOf(scenario("unprotect-and-replace-table", "preview-sames.json")),
      await policyInputOf(fixture("state/eks-encryption-provider-stack-export.json")),
    ];
    const resources = inputs.flatMap((i) => i.resources);
    resources.push(...oddResources(resources.find((r) => r.before !== null && r.kind === "cloud")!));
    for (const tagKey of [config.dataClass.tagKey, "team"]) {
      const project = resourceProjector(reads, tagKey);
      const ours = resources.map(project);
      expect(ours).toEqual(opaEvalLib("[data.blastguard.lib.testing.project(r, input.tag_key) | some r in input.resources]", { resources, tag_key: tagKey }));
    }
  });

  it("leaves out what no policy reads: positions, parents, providers, ARNs and the tags other than the data class", async () => {
    const input = await policyInputOf(scenario("bucket-without-dr-copy", "preview.json"), scenario("bucket-without-dr-copy", "state.json"));
    const sent = JSON.parse(new TextDecoder().decode(encodePolicyInput(input, await evaluator.reads()))) as PolicyInput;
    expect(sent.resources).toHaveLength(input.resources.length);
    const bucket = sent.resources.find((r) => r.type === "aws:s3/bucket:Bucket" && r.before !== null)!;
    expect(Object.keys(bucket).sort()).toEqual(["after", "before", "kind", "name", "op", "scope", "type", "unit_keys", "urn"]);
    expect(Object.keys(bucket.before!.props).every((k) => !["arn", "region", "replicationConfiguration"].includes(k))).toBe(true);
    const tags = bucket.before!.props["tags"] as Record<string, unknown>;
    expect(Object.keys(tags).every((k) => k === config.dataClass.tagKey)).toBe(true);
    // the copy facts, which read the ARNs and regions, are sent whole
    expect(sent.copies).toEqual(JSON.parse(JSON.stringify(input.copies)));
  });

  it("sends a bundle that declares no reads everything", async () => {
    const input = await policyInputOf(scenario("bucket-without-dr-copy", "preview.json"));
    expect(JSON.parse(new TextDecoder().decode(encodePolicyInput(input, null)))).toEqual(JSON.parse(JSON.stringify(input)));
  });
});

describe("the units sent", () => {
  const scopes = config.scopes;
  it("are those the change removes from and those the intent's targets resolve to", async () => {
    const file = scenario("delete-app-with-intent", "preview-sames.json");
    const intentFile = scenario("delete-app-with-intent", "intent.yaml");
    const intent = toPolicyIntent(intentSchema(scopes).parse(parseYaml(readFileSync(intentFile, "utf8"))), scopes);
    const change = await readInputs(file, {}, config);
    const input = buildPolicyInput(change, config, intent);
    const sent = unitsRead(input).map((u) => u.key);
    const removing = input.units.filter((u) => u.removed > 0).map((u) => u.key);
    expect(removing.length).toBeGreaterThan(0);
    for (const key of removing) expect(sent).toContain(key);
    // app-124 (site-9, tenant-acme) is the target; with misqualified ones none
    const app = input.units.find((u) => u.level === "app" && u.id === "app-124")!;
    expect(sent).toContain(app.key);
    // a unit the change leaves whole and no target names is not sent
    const untouched = input.units.filter((u) => u.removed === 0 && u.key !== app.key);
    expect(untouched.length).toBeGreaterThan(0);
    for (const u of untouched) expect(sent).not.toContain(u.key);
  });

  it("include units an intent target names even when nothing of them is removed", async () => {
    const change = await readInputs(scenario("delete-app-with-intent", "preview-sames.json"), {}, config);
    const kept = buildPolicyInput(change, config).units.find((u) => u.removed === 0 && u.level === "site")!;
    const intent = toPolicyIntent(intentSchema(scopes).parse({ requester: "r", ticket: "T-1", actions: [{ action: "delete", target: { kind: "site", id: kept.id } }] }), scopes);
    const input = buildPolicyInput(change, config, intent);
    expect(unitsRead(input).map((u) => u.key)).toContain(kept.key);
    expect(unitsRead({ ...input, intent: null }).map((u) => u.key)).not.toContain(kept.key);
  });
});
