// A large change is judged in two shards (src/engine/shards.ts). The merged result must cover
// every resource and step exactly once, and give the findings one engine gives, on recorded
// inputs (sharding forced on small ones) and on a synthetic preview above the threshold.
import { writeFileSync } from "node:fs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { check, readInputs } from "../../src/check.js";
import { syntheticPreview } from "../../src/bench/generate.js";
import { PolicyEvaluator } from "../../src/engine/evaluate.js";
import { buildPolicyInput } from "../../src/engine/input.js";
import { mergeShards, SHARD_MIN_RESOURCES, splitInput, type ShardReport } from "../../src/engine/shards.js";
import { EvaluationError, InputError } from "../../src/errors.js";
import { defaultConfig } from "../../src/model/config.js";
import { loadIntent } from "../../src/intent/load.js";
import { fixture } from "../support/paths.js";
import { scenario } from "../support/scenarios.js";

const config = defaultConfig();
const one = new PolicyEvaluator(undefined, { shardMinResources: Infinity });
const two = new PolicyEvaluator(undefined, { shardMinResources: 1 });
const dir = mkdtempSync(join(tmpdir(), "bg-shards-"));
afterAll(() => {
  one.close();
  two.close();
  rmSync(dir, { recursive: true, force: true });
});

const report = (resources: number, steps: number, judged = steps > 0): ShardReport<string> => ({ resources, steps, findings: [`f${resources}`], judged_change: judged });

describe("merging the shards", () => {
  const input = { resources: Array.from({ length: 5 }, () => ({}) as never), steps: Array.from({ length: 4 }, () => ({}) as never) };

  it("keeps every shard's findings when they saw each resource and step once", () => {
    expect(mergeShards(input, [report(3, 4), report(2, 0)]).findings).toEqual(["f3", "f2"]);
  });

  it("refuses a missing shard, a repeated one, or counts that do not add up", () => {
    for (const reports of [[report(3, 4)], [report(3, 4), report(3, 4)], [report(3, 4), report(2, 0, true)], [report(3, 4, false), report(2, 0)], [report(3, 4), report(2, 0), report(2, 0)], [report(3, 4), report(1, 0)], [report(3, 4), report(2, 4)]]) {
      expect(() => mergeShards(input, reports)).toThrow(EvaluationError);
    }
  });

  it("gives the first shard the steps and scope problems, and each resource to exactly one shard", async () => {
    const built = buildPolicyInput(await readInputs(scenario("incident-site-ids-as-app-ids", "preview.json"), { statePath: scenario("incident-site-ids-as-app-ids", "state.json") }, config), config);
    const [a, b] = splitInput(built);
    expect([...a.resources, ...b.resources]).toEqual(built.resources);
    expect(a.resources.length - b.resources.length).toBeLessThanOrEqual(1);
    expect([a.shard.first, b.shard.first]).toEqual([true, false]);
    expect(a.steps).toBe(built.steps);
    expect(b.steps).toEqual([]);
    expect(b.scope_problems).toEqual([]);
    expect(b.change).toBe(built.change);
  });

  it("takes no shard flag from a caller: a wrong one would drop the change-wide findings", async () => {
    const built = buildPolicyInput(await readInputs(scenario("delete-protected-site", "preview-sames.json"), {}, config), config);
    await expect(one.evaluate({ ...built, shard: { first: false } }, 5000)).rejects.toThrow(InputError);
  });
});

describe("a sharded evaluation", () => {
  const cases: [string, { statePath?: string; intent?: string }][] = [
    [scenario("incident-site-ids-as-app-ids", "preview.json"), { statePath: scenario("incident-site-ids-as-app-ids", "state.json") }],
    [scenario("delete-app-with-intent", "plan.json"), { intent: scenario("delete-app-with-intent", "intent.yaml") }],
    [scenario("delete-protected-site", "preview-sames.json"), {}],
    [scenario("bucket-without-dr-copy", "preview.json"), { statePath: scenario("bucket-without-dr-copy", "state.json") }],
    [scenario("move-apps-and-replace-table", "plan.json"), {}],
    [fixture("events/TestProtect-3-delete-protected.jsonl"), {}],
  ];
  for (const [file, o] of cases) {
    it(`gives the report one engine gives: ${file.split("/").slice(-2).join("/")}`, async () => {
      const options = { statePath: o.statePath, intent: o.intent ? loadIntent(o.intent, config) : null, now: new Date(0) };
      const whole = (await check(file, { ...options, evaluator: one })).report;
      const sharded = (await check(file, { ...options, evaluator: two })).report;
      expect(whole.findings.length).toBeGreaterThan(0);
      expect(sharded).toEqual(whole);
    });
  }

  it(`is used from ${SHARD_MIN_RESOURCES} resources by default, with the same report`, async () => {
    const file = join(dir, "large.json");
    writeFileSync(file, syntheticPreview(SHARD_MIN_RESOURCES));
    const auto = new PolicyEvaluator();
    try {
      const sharded = (await check(file, { evaluator: auto, now: new Date(0) })).report;
      expect((auto as unknown as { partner: unknown }).partner).not.toBeNull();
      expect(sharded).toEqual((await check(file, { evaluator: one, now: new Date(0) })).report);
    } finally {
      auto.close();
    }
  });

  it("starts the second worker as soon as the change is known to be large, and not for a small one", () => {
    const auto = new PolicyEvaluator();
    try {
      auto.expect(SHARD_MIN_RESOURCES - 1);
      expect((auto as unknown as { partner: unknown }).partner).toBeNull();
      auto.expect(SHARD_MIN_RESOURCES);
      expect((auto as unknown as { partner: unknown }).partner).not.toBeNull();
    } finally {
      auto.close();
    }
    const inThread = new PolicyEvaluator(undefined, { inThread: { watch: () => {} } });
    inThread.expect(SHARD_MIN_RESOURCES * 10);
    expect((inThread as unknown as { partner: unknown }).partner).toBeNull();
    inThread.close();
  });

  it("starts no second worker for a small input", async () => {
    const auto = new PolicyEvaluator();
    try {
      await check(scenario("delete-protected-site", "preview-sames.json"), { evaluator: auto });
      expect((auto as unknown as { partner: unknown }).partner).toBeNull();
    } finally {
      auto.close();
    }
  });
});
