// Bad-input classes 23 and 24 and the pinned engine (issue §6): deliberately broken policies,
// compiled with the real `opa build -t wasm`, run through the library (PolicyEvaluator takes a
// LoadedBundle) and through the real CLI of a package copy that ships the broken bundle.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { check } from "../../src/check.js";
import { loadBundle, type LoadedBundle } from "../../src/engine/bundle.js";
import { PolicyEvaluator } from "../../src/engine/evaluate.js";
import { EvaluationError, PolicyLoadError } from "../../src/errors.js";
import { repoRoot } from "../support/paths.js";
import { canaryState, config, configFile, expectCliRefusal, file, tmp, removeTmp } from "./support.js";

const opa = join(repoRoot, ".tools/bin/opa");
const counts = '"resources": count(input.resources), "steps": count(input.steps)';
const brokenRego = `package broken

ok := {"findings": [], ${counts}}

# Two complete definitions that both hold at run time: "var assignment conflict" (opa_abort).
conflict := 1 if count(input.resources) >= 0

conflict := 2 if count(input.steps) >= 0

undefined_report := {"findings": [], ${counts}} if count(input.resources) < 0

bad_shape := {"findings": [{"policy": "protected-delete", "kind": "violation", "urn": "", "message": 42, "resources": []}], ${counts}}

short_count := {"findings": [], "resources": 0, "steps": 0}

runaway := {"findings": [], "resources": n, "steps": count(input.steps)} if {
	n := count([1 | some i in numbers.range(1, 10000); some j in numbers.range(1, 10000); i * j < 0]) + count(input.resources)
}

memory := {"findings": [], "resources": count(x), "steps": 0} if {
	x := [i | some i in numbers.range(1, 50000000)]
}

# sprintf runs in JavaScript inside opa-wasm (sprintf-js), which throws on an unknown verb.
js_throw := {"findings": [], "resources": count(input.resources), "steps": count(input.steps), "note": sprintf("%y", [count(input.resources)])}

missing_builtin := {"findings": [], "resources": count(input.resources), "steps": count(input.steps), "note": crypto.x509.parse_certificates("x")}
`;
const entrypoints = ["ok", "conflict", "undefined_report", "bad_shape", "short_count", "runaway", "memory", "js_throw", "missing_builtin"];

const dir = join(tmp, "broken-bundle");
const pkg = join(tmp, "package-copy");
let broken: LoadedBundle;
const input = file("engine-input.json", JSON.stringify(canaryState(), null, 4));
const open: PolicyEvaluator[] = [];

function withEntrypoint(entrypoint: string, pin: Partial<LoadedBundle["pin"]> = {}, wasm = broken.wasm): LoadedBundle {
  return { wasm, pin: { ...broken.pin, entrypoint: `broken/${entrypoint}`, ...pin } };
}
function evaluator(bundle: LoadedBundle, maxMemoryMiB = 256): PolicyEvaluator {
  const e = new PolicyEvaluator(bundle, { maxMemoryMiB });
  open.push(e);
  return e;
}
/** Runs the CLI of the package copy, whose policies/dist holds the broken bundle under this pin. */
function cliWith(pin: object, args: string[] = []) {
  writeFileSync(join(pkg, "policies/dist/bundle.json"), JSON.stringify({ ...broken.pin, ...pin }));
  const r = spawnSync(process.execPath, [join(pkg, "dist/src/cli/main.js"), "check", input, ...args], { encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A Wasm module whose only content is an exported i32 global opa_wasm_abi_version = 2. */
function abiTwoModule(): Uint8Array {
  const name = [...Buffer.from("opa_wasm_abi_version")];
  const global = [0x06, 0x06, 0x01, 0x7f, 0x00, 0x41, 0x02, 0x0b];
  const exports = [0x07, 4 + name.length, 0x01, name.length, ...name, 0x03, 0x00];
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...global, ...exports]);
}

beforeAll(() => {
  mkdirSync(join(dir, "src"), { recursive: true });
  writeFileSync(join(dir, "src/broken.rego"), brokenRego);
  const eps = entrypoints.flatMap((e) => ["-e", `broken/${e}`]);
  execFileSync(opa, ["build", "-t", "wasm", ...eps, join(dir, "src"), "-o", join(dir, "bundle.tar.gz")]);
  writeFileSync(join(dir, "inspect.json"), execFileSync(opa, ["inspect", "-a", "-f", "json", join(dir, "bundle.tar.gz")]));
  execFileSync(process.execPath, [join(repoRoot, "scripts/write-policy-catalog.mjs"), dir]);
  broken = loadBundle(dir);
  // A package copy: the built CLI, its dependencies, and a policies/dist of our choosing.
  mkdirSync(join(pkg, "policies/dist"), { recursive: true });
  cpSync(join(repoRoot, "dist"), join(pkg, "dist"), { recursive: true });
  cpSync(join(repoRoot, "package.json"), join(pkg, "package.json"));
  symlinkSync(join(repoRoot, "node_modules"), join(pkg, "node_modules"));
  cpSync(join(dir, "bundle.tar.gz"), join(pkg, "policies/dist/bundle.tar.gz"));
  cpSync(join(repoRoot, "policies/dist/catalog.json"), join(pkg, "policies/dist/catalog.json"));
}, 120_000);
afterAll(() => {
  open.forEach((e) => e.close());
  removeTmp();
});

describe("class 23: engine faults", () => {
  it("evaluates the control entrypoint of the broken bundle (so the faults below are the faults)", async () => {
    const { report } = await check(input, { evaluator: evaluator(withEntrypoint("ok")) });
    expect(report.verdict).toBe("allowed");
    expect(cliWith({ entrypoint: "broken/ok" }).status).toBe(0);
  });

  const faults: [string, string, RegExp][] = [
    ["a conflicting rule (opa_abort, a thrown string)", "conflict", /conflicting rule values/],
    ["a builtin opa-wasm does not implement (a thrown plain object)", "missing_builtin", /builtin is not available/],
    ["a JavaScript builtin that throws", "js_throw", /policy engine failed$/],
  ];
  for (const [what, entrypoint, says] of faults) {
    it(`exits 2 on ${what}`, async () => {
      await expect(check(input, { evaluator: evaluator(withEntrypoint(entrypoint)) })).rejects.toThrow(says);
      await expect(check(input, { evaluator: evaluator(withEntrypoint(entrypoint)) })).rejects.toBeInstanceOf(EvaluationError);
      expectCliRefusal(cliWith({ entrypoint: `broken/${entrypoint}` }), input, "{", says);
    });
  }

  it("exits 2 when the policy grows memory past the engine's maximum (opa_malloc / Memory.grow)", async () => {
    await expect(check(input, { evaluator: evaluator(withEntrypoint("memory"), 64) })).rejects.toThrow(/ran out of memory/);
  });
});

describe("class 24: runaway policies and result shapes", () => {
  it("terminates a 10k x 10k comprehension at evalTimeoutSeconds", async () => {
    const started = performance.now();
    const options = { evaluator: evaluator(withEntrypoint("runaway"), 4096), config: config({ limits: { evalTimeoutSeconds: 1 } }) };
    await expect(check(input, options)).rejects.toThrow(/exceeded the time limit \(evalTimeoutSeconds = 1\)/);
    expect(performance.now() - started).toBeLessThan(10_000);
    const cfg = configFile("one-second.json", { limits: { evalTimeoutSeconds: 1 } });
    expectCliRefusal(cliWith({ entrypoint: "broken/runaway" }, ["--config", cfg]), input, "{", /evalTimeoutSeconds = 1/);
  });

  const shapes: [string, string, RegExp][] = [
    ["an undefined result (empty result set)", "undefined_report", /undefined or malformed result/],
    ["a finding whose message is not a string", "bad_shape", /undefined or malformed result/],
    ["counts that do not match the reader's", "short_count", /policies saw 0 resources and 0 steps/],
    ["a missing entrypoint", "does_not_exist", /policy entrypoint is missing/],
  ];
  for (const [what, entrypoint, says] of shapes) {
    it(`exits 2 on ${what}`, async () => {
      await expect(check(input, { evaluator: evaluator(withEntrypoint(entrypoint)) })).rejects.toThrow(says);
      expectCliRefusal(cliWith({ entrypoint: `broken/${entrypoint}` }), input, "{", says);
    });
  }
});

describe("the pinned engine", () => {
  it("refuses a wasm whose hash differs from the pin", () => {
    const other = "0".repeat(64);
    expect(() => new PolicyEvaluator(withEntrypoint("ok", { policyWasmSha256: other }))).toThrow(PolicyLoadError);
    expectCliRefusal(cliWith({ entrypoint: "broken/ok", policyWasmSha256: other }), input, "{", /does not match the pinned hash/);
  });

  it("refuses a pin whose ABI version is not 1", () => {
    expect(() => new PolicyEvaluator(withEntrypoint("ok", { abiVersion: 2 as 1 }))).toThrow(PolicyLoadError);
    expectCliRefusal(cliWith({ entrypoint: "broken/ok", abiVersion: 2 }), input, "{", /policy bundle pin/);
  });

  it("refuses a module that declares ABI version 2 even when its hash is pinned", async () => {
    const wasm = abiTwoModule();
    const pin = { policyWasmSha256: createHash("sha256").update(wasm).digest("hex") };
    await expect(check(input, { evaluator: evaluator(withEntrypoint("ok", pin, wasm)) })).rejects.toThrow(/unsupported Wasm ABI version/);
  });

  it("refuses a module that declares no ABI version at all", async () => {
    const wasm = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
    const pin = { policyWasmSha256: createHash("sha256").update(wasm).digest("hex") };
    await expect(check(input, { evaluator: evaluator(withEntrypoint("ok", pin, wasm)) })).rejects.toBeInstanceOf(EvaluationError);
  });
});
