// Bad-input classes 4 and 5: the host side of the engine. The API takes bytes for reading and a
// built policy input for evaluation, nothing else; the Wasm JSON parser (opa_value_parse on the
// fast path) is never the one to reject anything, and an undefined input never reads as a pass.
import { Worker } from "node:worker_threads";
import { afterAll, describe, expect, it } from "vitest";
import { evaluateChangeSet } from "../../src/check.js";
import { loadBundle } from "../../src/engine/bundle.js";
import { parseResult, PolicyEvaluator } from "../../src/engine/evaluate.js";
import { EvaluationError, GuardError, InputError } from "../../src/errors.js";
import { readChangeSet } from "../../src/readers/index.js";
import { DEFAULT_LIMITS } from "../../src/readers/bytes.js";
import { canaryState, expectRefused, type Json, removeTmp } from "./support.js";

const evaluator = new PolicyEvaluator();
afterAll(() => {
  evaluator.close();
  removeTmp();
});

const text = JSON.stringify(canaryState(), null, 4);
const pooled = Buffer.from(text); // small Buffers share one pooled ArrayBuffer with others
const read = (bytes: unknown) => readChangeSet(bytes as Uint8Array, "x", { limits: DEFAULT_LIMITS });

describe("class 4: wrong host-side input types", () => {
  it("reads a Node Buffer as the bytes it is", () => {
    expect(read(Buffer.from(text)).resources).toHaveLength(17);
  });

  const wrong: [string, unknown][] = [
    ["JSON text as a string", text],
    ["buf.buffer of a pooled Buffer", pooled.buffer],
    ["a parsed document", canaryState()],
    ["undefined", undefined],
    ["null", null],
    ["0", 0],
    ["an empty string", ""],
  ];
  for (const [what, value] of wrong) {
    it(`refuses ${what} where bytes belong`, () => {
      expect(() => read(value)).toThrow(InputError);
      expect(() => read(value)).toThrow(/expected the input as bytes/);
    });
  }

  const notInputs: [string, unknown][] = [
    ["a Buffer", Buffer.from(text)],
    ["an ArrayBuffer", new TextEncoder().encode(text).buffer],
    ["JSON text", text],
    ["undefined", undefined],
    ["a document without resources", { steps: [] }],
  ];
  for (const [what, value] of notInputs) {
    it(`never runs the policy on ${what} given as the policy input`, async () => {
      const fresh = new PolicyEvaluator();
      await expect(fresh.evaluate(value as never, 5000)).rejects.toThrow(InputError);
      expect((fresh as unknown as { worker: unknown }).worker).toBeNull(); // never started
      fresh.close();
    });
  }

  it("refuses a Buffer handed to evaluateChangeSet as the change", async () => {
    await expect(evaluateChangeSet(Buffer.from(text) as never, "x", { evaluator })).rejects.toBeInstanceOf(GuardError);
  });

  it("refuses a file holding a serialised Buffer ({\"type\":\"Buffer\",…})", async () => {
    await expectRefused("buffer.json", JSON.stringify(Buffer.from(text)), evaluator, { says: /not a Pulumi preview/ });
  });

  it("refuses a falsy path at the library entry with a typed error", async () => {
    const { check } = await import("../../src/check.js");
    for (const path of ["", undefined]) await expect(check(path as never, { evaluator })).rejects.toBeInstanceOf(GuardError);
  });
});

describe("class 5: the opa-wasm fast path", () => {
  /** The shipped policy in a bare worker, spoken to directly as the evaluator does. */
  async function rawWorker(): Promise<{ eval: (input: unknown) => Promise<Json>; close: () => void }> {
    const worker = new Worker(new URL("../../src/engine/wasm-worker.js", import.meta.url));
    const next = () => new Promise<Json>((resolve) => worker.once("message", resolve));
    const bundle = loadBundle();
    worker.postMessage({ type: "load", wasm: bundle.wasm, maxPages: 65536 });
    expect((await next()).type).toBe("loaded");
    return {
      eval: (input) => {
        worker.postMessage({ type: "eval", input, entrypoint: bundle.pin.entrypoint });
        return next();
      },
      close: () => void worker.terminate(),
    };
  }

  it("never reads an undefined input as allowed: the result set is rejected", async () => {
    const w = await rawWorker();
    try {
      const reply = await w.eval(undefined);
      expect(reply.type).toBe("result");
      expect(() => parseResult(reply.json, { resources: [], steps: [] })).toThrow(EvaluationError);
    } finally {
      w.close();
    }
  });

  it("fails cleanly when malformed bytes reach the fast path, which the guard never lets happen", async () => {
    const w = await rawWorker();
    try {
      const bad = new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a]).buffer;
      const reply = await w.eval(bad);
      if (reply.type === "result") expect(() => parseResult(reply.json, { resources: [], steps: [] })).toThrow(EvaluationError);
      else expect(reply).toEqual({ type: "error", message: expect.stringMatching(/^policy engine/) });
    } finally {
      w.close();
    }
  });

  it("validates in JavaScript first: the same bytes as a file never reach Wasm", async () => {
    await expectRefused("fast-path.json", new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a]), evaluator, { says: /not valid UTF-8/ });
  });

  it("rejects results with extra fields, a missing report or a count that does not match", () => {
    const ok = { findings: [], resources: 0, steps: 0 };
    const input = { resources: [], steps: [] };
    expect(() => parseResult(JSON.stringify([{ result: ok }]), input)).not.toThrow();
    for (const bad of [[], [{}], [{ result: { ...ok, extra: 1 } }], [{ result: { ...ok, resources: 1 } }], [{ result: ok }, { result: ok }], "not json"]) {
      expect(() => parseResult(typeof bad === "string" ? bad : JSON.stringify(bad), input)).toThrow(EvaluationError);
    }
  });
});
