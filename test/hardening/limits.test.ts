// Issue §4 limits and bad-input classes 9 and 10: size (refused before the file is read whole),
// nesting depth, evaluation time, V8's string ceiling, and the scale budgets.
import { spawn } from "node:child_process";
import { closeSync, openSync, writeSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { PolicyEvaluator } from "../../src/engine/evaluate.js";
import { DEFAULT_LIMITS, parseJson } from "../../src/readers/bytes.js";
import { readChangeSet } from "../../src/readers/index.js";
import { cliPath, fixture, runCli } from "../support/paths.js";
import { largePreview, largeState } from "./scale.js";
import { canaryState, config, configFile, expectCliRefusal, expectLibraryRefusal, expectRefused, file, tmp, removeTmp } from "./support.js";

const evaluator = new PolicyEvaluator();
afterAll(() => {
  evaluator.close();
  removeTmp();
});

const MiB = 1024 * 1024;
const json = (v: unknown) => JSON.stringify(v, null, 4);

/** A sparse file of the given size: its length is real, its blocks are not (quick to make). */
function sparse(name: string, bytes: number, head = "{"): string {
  const path = `${tmp}/${name}`;
  const fd = openSync(path, "w");
  writeSync(fd, head);
  writeSync(fd, " ", bytes - 1);
  closeSync(fd);
  return path;
}

describe("maxInputBytes", () => {
  it("refuses a 401 MiB file by its size, before reading it (default 400 MiB)", async () => {
    const path = sparse("big.json", 401 * MiB);
    const started = performance.now();
    const r = runCli(["check", path]);
    expect(performance.now() - started).toBeLessThan(5000);
    expectCliRefusal(r, path, "{", /maxInputBytes = 400 MiB/);
    await expectLibraryRefusal(path, "{", evaluator, { says: /maxInputBytes = 400 MiB/ });
  });

  it("stops reading standard input at the limit without waiting for the end", async () => {
    const cfg = configFile("one-mib.json", { limits: { maxInputBytes: MiB } });
    const child = spawn(process.execPath, [cliPath, "check", "-", "--config", cfg], { stdio: ["pipe", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.stdin.on("error", () => {}); // the guard may close its end first
    child.stdin.write(Buffer.alloc(2 * MiB, 0x20)); // and the pipe is never closed
    const status = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(status).toBe(2);
    expect(stderr).toMatch(/^blastguard: error: standard input: larger than the input size limit \(maxInputBytes = 1 MiB\)\n$/);
  });

  it("refuses a file over a lower configured limit, naming it in bytes", async () => {
    const text = json(canaryState());
    const cfg = configFile("small.json", { limits: { maxInputBytes: 10_000 } });
    await expectRefused("over-limit.json", text, evaluator, { args: ["--config", cfg], options: { config: config({ limits: { maxInputBytes: 10_000 } }) }, says: /maxInputBytes = 10000 bytes/ });
  });

  it("refuses a file above V8's 512 Mi character ceiling with a limit message, not a crash", () => {
    const path = sparse("huge.json", 600 * MiB);
    const cfg = configFile("huge-limit.json", { limits: { maxInputBytes: 700 * MiB } });
    expectCliRefusal(runCli(["check", path, "--config", cfg]), path, "{", /too large to decode as one string/);
  });
});

describe("class 9: Pulumi's 100 MiB string, twice", () => {
  const big = "x".repeat(100 * MiB);
  const state = canaryState();
  Object.assign(state.deployment.resources[2].outputs, { policy: big, website: big });
  const path = file("two-100mib-strings.json", JSON.stringify(state));

  it("passes under the default limit, decided as the same state without them", async () => {
    const r = runCli(["check", path, "--format", "json"]);
    expect(r.status, r.stderr).not.toBe(2);
    const base = runCli(["check", file("without-strings.json", JSON.stringify(canaryState())), "--format", "json"]);
    expect(r.status).toBe(base.status);
    expect(JSON.parse(r.stdout).reports[0].findings).toEqual(JSON.parse(base.stdout).reports[0].findings);
  });

  it("fails with the limit's name when the configured limit is lower", async () => {
    const cfg = configFile("150mib.json", { limits: { maxInputBytes: 150 * MiB } });
    expectCliRefusal(runCli(["check", path, "--config", cfg]), path, "{", /maxInputBytes = 150 MiB/);
    await expectLibraryRefusal(path, "{", evaluator, { options: { config: config({ limits: { maxInputBytes: 150 * MiB } }) }, says: /maxInputBytes = 150 MiB/ });
  });
});

describe("maxDepth and evalTimeoutSeconds", () => {
  const deep = json(canaryState()).replace('"outputs": {', `"outputs": {"deep": ${"[".repeat(400)}${"]".repeat(400)},`);

  it("refuses 400 levels under a configured maxDepth of 300", async () => {
    const cfg = configFile("depth-300.json", { limits: { maxDepth: 300 } });
    await expectRefused("deep-400.json", deep, evaluator, { args: ["--config", cfg], options: { config: config({ limits: { maxDepth: 300 } }) }, says: /maxDepth = 300/ });
  });

  it("refuses a config that raises maxDepth above 1,000 or lowers it below 300", () => {
    for (const maxDepth of [1001, 299]) {
      const r = runCli(["check", fixture("state/stratify-sample-export.json"), "--config", configFile(`depth-${maxDepth}.json`, { limits: { maxDepth } })]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/invalid at limits\.maxDepth/);
    }
  });

  it("stops an evaluation at evalTimeoutSeconds and names the limit", async () => {
    const cfg = configFile("fast.json", { limits: { evalTimeoutSeconds: 0.001 } });
    const path = fixture("state/eks-cluster-large-stack-export.json");
    expectCliRefusal(runCli(["check", path, "--config", cfg]), path, "{", /evalTimeoutSeconds = 0\.001/);
    await expectLibraryRefusal(path, "{", evaluator, { options: { config: config({ limits: { evalTimeoutSeconds: 0.001 } }) }, says: /evalTimeoutSeconds = 0\.001/ });
  });
});

describe("class 10: scale", () => {
  function timed(f: () => void): number {
    const t = performance.now();
    f();
    return performance.now() - t;
  }

  it("reads a 30,000-resource, ~90 MB state within the 6 s budget", () => {
    const text = largeState(30_000);
    expect(text.length).toBeGreaterThan(85e6);
    const bytes = new TextEncoder().encode(text);
    let resources = 0;
    const ms = timed(() => (resources = readChangeSet(bytes, "state", { limits: DEFAULT_LIMITS }).resources.length));
    console.log(`30k-resource state: ${(bytes.length / 1e6).toFixed(1)} MB read in ${ms.toFixed(0)} ms`);
    expect(resources).toBe(30_000);
    expect(ms).toBeLessThan(6000);
  });

  // Its cost against JSON.parse is measured by `npm run bench` (read+normalise), not timed here.
  it("reads a 10,000-step preview strictly to the value JSON.parse gives, and finds one repeated key in it", () => {
    const text = largePreview(10_000);
    const same = JSON.stringify(parseJson(text, "preview", 1000)) === JSON.stringify(JSON.parse(text));
    expect(same).toBe(true);
    const last = text.lastIndexOf('"op": ');
    const repeated = text.slice(0, last) + '"op": "delete", ' + text.slice(last);
    expect(() => parseJson(repeated, "preview", 1000)).toThrow(/same key twice/);
  });
});
