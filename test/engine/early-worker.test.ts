// The CLI starts the engine's worker as the process starts; the first evaluator adopts it.
import { afterAll, expect, it } from "vitest";
import { check } from "../../src/check.js";
import { PolicyEvaluator } from "../../src/engine/evaluate.js";
import { startEngineEarly, takeEarlyWorker } from "../../src/engine/worker.js";
import { fixture } from "../support/paths.js";

const evaluator = new PolicyEvaluator();
afterAll(() => evaluator.close());

it("hands the early worker to one evaluator only", async () => {
  startEngineEarly();
  const worker = takeEarlyWorker();
  expect(worker).not.toBeNull();
  expect(takeEarlyWorker()).toBeNull();
  await worker!.terminate();
});

it("decides with the early worker: the recorded preview deleting two protected resources", async () => {
  startEngineEarly();
  const { report } = await check(fixture("events/TestMultipleProtectedDeletes-1-preview.jsonl"), { evaluator });
  expect(takeEarlyWorker()).toBeNull(); // adopted
  const protectedDeletes = report.findings.filter((f) => f.policy === "protected-delete").map((f) => f.urn);
  expect(protectedDeletes.sort()).toEqual(["urn:pulumi:test::test::pkgA:m:typA::resA", "urn:pulumi:test::test::pkgA:m:typA::resB"]);
});
