// The non-copying check must never accept what zod refuses, and must accept real inputs (or the
// fast path would never run). Each case is checked against zod itself.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { compileCheck } from "../../src/readers/fast-check.js";
import { DeploymentPlan } from "../../src/readers/plan.js";
import { PreviewDigest } from "../../src/readers/preview.js";
import { Checkpoint, StackExport } from "../../src/readers/state.js";
import { fixture } from "../support/paths.js";

const json = (rel: string): unknown => JSON.parse(readFileSync(fixture(rel), "utf8"));

/** Agrees with zod: yes only where zod says yes and returns an equal value. */
function agrees(schema: z.ZodType, value: unknown): boolean {
  const fast = compileCheck(schema)!(value);
  const slow = schema.safeParse(value);
  if (fast) expect(slow.success && slow.data).toEqual(value);
  return fast === slow.success;
}

const step = { op: "delete", urn: "urn:pulumi:s::p::aws:s3/bucket:Bucket::b", oldState: { urn: "urn:pulumi:s::p::aws:s3/bucket:Bucket::b", inputs: { a: 1 }, outputs: null } };
const preview = { steps: [step], changeSummary: { delete: 1 }, diagnostics: null, config: {} };

describe("the fast check of a preview digest", () => {
  const edits: [string, (d: typeof preview & Record<string, unknown>) => unknown][] = [
    ["as it is", (d) => d],
    ["a summary count that is not an integer", (d) => ({ ...d, changeSummary: { delete: 1.5 } })],
    ["a negative summary count", (d) => ({ ...d, changeSummary: { delete: -1 } })],
    ["an infinite summary count (1e400)", (d) => ({ ...d, changeSummary: { delete: Infinity } })],
    ["a step op that is a number", (d) => ({ ...d, steps: [{ ...step, op: 3 }] })],
    ["a step without a URN", (d) => ({ ...d, steps: [{ op: "delete" }] })],
    ["steps as an object", (d) => ({ ...d, steps: { 0: step } })],
    ["a bag that is an array", (d) => ({ ...d, steps: [{ ...step, oldState: { ...step.oldState, inputs: [1] } }] })],
    ["a state that is null", (d) => ({ ...d, steps: [{ ...step, newState: null }] })],
    ["custom as a string", (d) => ({ ...d, steps: [{ ...step, oldState: { ...step.oldState, custom: "true" } }] })],
    ["a property dependency list of numbers", (d) => ({ ...d, steps: [{ ...step, oldState: { ...step.oldState, propertyDependencies: { a: [1] } } }] })],
    ["a diagnostic without a message", (d) => ({ ...d, diagnostics: [{ severity: "error" }] })],
    ["maybeCorrupt as a string", (d) => ({ ...d, maybeCorrupt: "yes" })],
    ["unknown keys everywhere", (d) => ({ ...d, extra: { deep: [1] }, steps: [{ ...step, detailedDiff: null, oldState: { ...step.oldState, created: "x" } }] })],
    ["a bag with a constructor key", (d) => ({ ...d, steps: [{ ...step, oldState: { ...step.oldState, inputs: { constructor: { prototype: 1 } } } }] })],
    ["a config that is a string", (d) => ({ ...d, config: "x" })],
    ["a top-level array", () => [preview]],
  ];
  for (const [name, edit] of edits) it(`agrees with zod on ${name}`, () => expect(agrees(PreviewDigest, edit(preview))).toBe(true));

  it("keeps a __proto__ key that zod's copy drops, as a plain key (the readers still validate its value)", () => {
    const withProto = { ...preview, steps: [{ ...step, oldState: { ...step.oldState, inputs: JSON.parse('{"__proto__": {"x": 1}}') } }] };
    expect(compileCheck(PreviewDigest)!(withProto)).toBe(true);
    expect(Object.keys(withProto.steps[0]!.oldState.inputs)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it("accepts the recorded previews, so the fast path runs on real input", () => {
    for (const rel of ["preview/stratify-sample-preview-creates.json", "preview/stratify-sample-preview-update.json"]) {
      expect(compileCheck(PreviewDigest)!(json(rel))).toBe(true);
    }
  });
});

describe("the fast check of states and plans", () => {
  const state = { version: 3, deployment: { manifest: {}, resources: [step.oldState] } };
  const cases: [string, z.ZodType, unknown][] = [
    ["a stack export", StackExport, state],
    ["a stack export of version 0", StackExport, { ...state, version: 0 }],
    ["a stack export of version \"3\"", StackExport, { ...state, version: "3" }],
    ["a stack export with null resources", StackExport, { ...state, deployment: { resources: null } }],
    ["a stack export whose resource has no URN", StackExport, { ...state, deployment: { resources: [{ type: "t" }] } }],
    ["a checkpoint", Checkpoint, { version: 3, checkpoint: { latest: state.deployment, config: { a: "b" } } }],
    ["a plan", DeploymentPlan, { manifest: {}, resourcePlans: { [step.urn]: { steps: ["delete"], goal: null } } }],
    ["a plan step that is not a string", DeploymentPlan, { manifest: {}, resourcePlans: { [step.urn]: { steps: [1] } } }],
    ["a plan goal without custom", DeploymentPlan, { manifest: {}, resourcePlans: { [step.urn]: { steps: [], goal: { type: "t", name: "n" } } } }],
  ];
  for (const [name, schema, value] of cases) it(`agrees with zod on ${name}`, () => expect(agrees(schema, value)).toBe(true));

  it("accepts the recorded stack exports and checkpoints", () => {
    expect(compileCheck(StackExport)!(json("state/eks-cluster-large-stack-export.json"))).toBe(true);
    expect(compileCheck(Checkpoint)!(json("state/pulumi-checkpoint-v4.json"))).toBe(true);
  });
});

describe("schemas it cannot mirror", () => {
  it("is not compiled for stripping or strict objects, transforms and defaults", () => {
    expect(compileCheck(z.object({ a: z.string() }))).toBeNull();
    expect(compileCheck(z.strictObject({ a: z.string() }))).toBeNull();
    expect(compileCheck(z.looseObject({ a: z.string().transform((s) => s.length) }))).toBeNull();
    expect(compileCheck(z.looseObject({ a: z.string().default("x") }))).toBeNull();
  });
});
