// Shared by the hardening suite: bad inputs built in memory from the real fixtures (never edited
// on disk), written to a temp folder, and run through both the real CLI and the library entry.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { check } from "../../src/check.js";
import type { PolicyEvaluator } from "../../src/engine/evaluate.js";
import { GuardError } from "../../src/errors.js";
import { Config, type ConfigInput } from "../../src/model/config.js";
import type { Report } from "../../src/model/report.js";
import { SIG, SIG_KEY } from "../../src/model/values.js";
import { DEFAULT_LIMITS, readChangeSet } from "../../src/readers/index.js";
import { fixture, runCli, type CliResult } from "../support/paths.js";

export const tmp = mkdtempSync(join(tmpdir(), "blastguard-hardening-"));
/** Every test file calls this in afterAll: some inputs are hundreds of MiB. */
export const removeTmp = () => rmSync(tmp, { recursive: true, force: true });

export function file(name: string, content: string | Uint8Array): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

/** Fixtures are edited in memory as plain JSON; their shape is what the tests read from them. */
export type Json = any;

export const fixtureText = (rel: string): string => readFileSync(fixture(rel), "utf8");
export const fixtureJson = (rel: string): Json => JSON.parse(fixtureText(rel));

/** Pulumi's own 4-space JSON, and the reader applied to a text (throws its GuardError). */
export const json = (v: unknown) => JSON.stringify(v, null, 4);
export const read = (text: string) => readChangeSet(new TextEncoder().encode(text), "x", { limits: DEFAULT_LIMITS });

/** Planted in secrets and next to faults; must never come out, not even 8 characters of it. */
export const CANARY = "CanaryQx7Vw3Zp9Lk2Jh5";
export const secretCipher = (text: string) => ({ [SIG_KEY]: SIG.secret, ciphertext: text });
export const secretPlain = (value: unknown) => ({ [SIG_KEY]: SIG.secret, plaintext: JSON.stringify(value) });

export function expectNoCanary(text: string, what: string): void {
  for (let i = 0; i + 8 <= CANARY.length; i++) {
    expect(text.includes(CANARY.slice(i, i + 8)), `${what} quotes part of the canary`).toBe(false);
  }
}

/** No 16-character run of the input appears in the message (the file's own path aside). */
export function expectNoInputBytes(message: string, input: string, label: string): void {
  const text = message.split(label).join("");
  for (let i = 0; i + 16 <= text.length; i++) {
    expect(input.includes(text.slice(i, i + 16)), `message quotes input bytes: ${text.slice(i, i + 16)}`).toBe(false);
  }
}

/**
 * The stratify sample export (17 resources) with the canary planted as a ciphertext secret, a
 * plaintext secret nested in arrays and objects, and a secret tag value, so every bad input
 * derived from it also checks that no secret leaks.
 */
export function canaryState(): Json {
  const state = fixtureJson("state/stratify-sample-export.json");
  const bucket = state.deployment.resources[2];
  bucket.outputs.tags = { owner: secretPlain(CANARY), team: "docs" };
  bucket.outputs.serverSideEncryptionConfiguration = secretCipher(CANARY);
  bucket.outputs.corsRules = [{ nested: secretPlain({ deep: [CANARY] }) }];
  return state;
}

/**
 * A `--show-sames` preview digest over a real state: the given resources deleted (their prior
 * state as oldState), every other one `same`, and a change summary that matches.
 */
export function deletePreview(state: Json, deleteIndexes: number[], edit: (r: Json, i: number) => void = () => {}): Json {
    const steps = state.deployment.resources.map((r: Json, i: number) => {
    edit(r, i);
    return deleteIndexes.includes(i) ? { op: "delete", urn: r.urn, oldState: r } : { op: "same", urn: r.urn, oldState: r, newState: r };
  });
  const deletes = deleteIndexes.length;
  return { config: { "aws:region": "us-east-1" }, steps, changeSummary: { same: steps.length - deletes, delete: deletes } };
}

export function config(input: ConfigInput = {}): Config {
  return Config.parse(input);
}

export function configFile(name: string, input: ConfigInput): string {
  return file(name, JSON.stringify(input));
}

export interface Refusal {
  /** What the one-line message must say (e.g. the limit's name). */
  says?: RegExp;
  /** Extra CLI arguments (e.g. --config, --input-format). */
  args?: string[];
  /** The library call's options, matching args. */
  options?: Parameters<typeof check>[1];
}

/** Exit 2 with one line that quotes neither the input nor the canary, and no report at all. */
export function expectCliRefusal(r: CliResult, path: string, input: string, says?: RegExp): void {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stdout).toBe("");
  const lines = r.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^blastguard: error: /);
  if (says) expect(lines[0]).toMatch(says);
  expectNoCanary(r.stderr, "stderr");
  expectNoInputBytes(r.stderr, input, path);
}

/** The library entry rejects with a typed GuardError whose message is as safe as the CLI's. */
export async function expectLibraryRefusal(path: string, input: string, evaluator: PolicyEvaluator, refusal: Refusal = {}): Promise<GuardError> {
  let thrown: unknown;
  try {
    await check(path, { evaluator, ...refusal.options });
  } catch (e) {
    thrown = e;
  }
  expect(thrown, "check() resolved on a bad input").toBeInstanceOf(GuardError);
  const error = thrown as GuardError;
  if (refusal.says) expect(error.message).toMatch(refusal.says);
  expect(error.message).not.toContain("\n");
  expectNoCanary(error.message, "error message");
  expectNoInputBytes(error.message, input, path);
  return error;
}

/** Both entry points refuse the file: exit 2 from the CLI, a GuardError from check(). */
export async function expectRefused(name: string, content: string | Uint8Array, evaluator: PolicyEvaluator, refusal: Refusal = {}): Promise<void> {
  const path = file(name, content);
  const text = typeof content === "string" ? content : Buffer.from(content).toString("latin1");
  expectCliRefusal(runCli(["check", path, ...(refusal.args ?? [])]), path, text, refusal.says);
  await expectLibraryRefusal(path, text, evaluator, refusal);
}

/** Both entry points decide the file: the exit code from the CLI, the verdict from check(). */
export async function expectDecided(name: string, content: string, evaluator: PolicyEvaluator, exit: 0 | 1, args: string[] = [], options: Parameters<typeof check>[1] = {}) {
  const path = file(name, content);
  const r = runCli(["check", path, ...args]);
  expect(r.status, r.stderr).toBe(exit);
  expectNoCanary(r.stdout + r.stderr, "output");
  const { report } = await check(path, { evaluator, ...options });
  expect(report.verdict).toBe(exit === 0 ? "allowed" : "blocked");
  return report;
}

/** What a decision is made of, URNs aside (some cases rename resources on purpose). */
function decisionOf(report: Report): string[] {
  return report.findings.map((f) => `${f.policy} ${f.kind} ${f.level}`).sort();
}

/**
 * A legal edge case must be decided exactly as the unedited document is (not refused, and not
 * decided differently), whatever the policies of the day say about the unedited one.
 */
export async function expectSameDecision(name: string, content: string, unedited: string, evaluator: PolicyEvaluator): Promise<Report> {
  const path = file(name, content);
  const basePath = file(`unedited-${name}`, unedited);
  const r = runCli(["check", path]);
  expect(r.status, r.stderr).not.toBe(2);
  expect(r.status).toBe(runCli(["check", basePath]).status);
  expectNoCanary(r.stdout + r.stderr, "output");
  const { report } = await check(path, { evaluator });
  const { report: base } = await check(basePath, { evaluator });
  expect(report.verdict).toBe(base.verdict);
  expect(decisionOf(report)).toEqual(decisionOf(base));
  return report;
}
