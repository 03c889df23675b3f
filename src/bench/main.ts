// `npm run bench`: generates synthetic previews and states at 1k, 10k and 30k resources and
// measures, in one run: a bare read + JSON.parse of each file, the full check in-process and as
// the CLI process, the Wasm evaluation phase alone, `opa eval` (the Go CLI) on the same Rego and
// the same normalised document, and peak RSS. Prints a table and which targets are met.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { check, readInputs } from "../check.js";
import { PolicyEvaluator } from "../engine/evaluate.js";
import { buildPolicyInput } from "../engine/input.js";
import { defaultConfig } from "../model/config.js";
import { fleetTable, measureFleet } from "./fleet.js";
import { syntheticPreview, syntheticState, tinyPreview } from "./generate.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const work = `${root}.bench/`;
const cli = `${root}dist/src/cli/main.js`;
const opa = `${root}.tools/bin/opa`;
const sizes = [1000, 10000, 30000];
// Repeats per measurement (the median is reported); fewer at 30k to keep the run short.
const runsFor = (n: number) => (n >= 30000 ? 1 : 3);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
function timeSync(f: () => void): number {
  const t = performance.now();
  f();
  return performance.now() - t;
}

/** Wall time and peak RSS (KiB) of one CLI run, via /usr/bin/time. */
function runCliProcess(file: string): { ms: number; rssKiB: number } {
  const t = performance.now();
  const r = spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, cli, "check", file, "--format", "json"], { encoding: "utf8", maxBuffer: 1 << 30 });
  const ms = performance.now() - t;
  const rssKiB = Number(r.stderr.trim().split("\n").pop());
  if (r.status !== 0 && r.status !== 1) throw new Error(`CLI exited ${r.status} on ${file}`);
  return { ms, rssKiB };
}

const OPA_TIMEOUT_MS = 60_000;

/** Whole-process time of `opa eval` and its query-eval metric; Infinity past OPA_TIMEOUT_MS. */
function opaEval(inputFile: string): { ms: number; evalMs: number } {
  const args = ["eval", "--ignore", "*_test.rego", "--ignore", "testing.rego", "-d", `${root}policies/main`, "-d", `${root}policies/lib`, "-d", `${root}policies/rules`, "-i", inputFile, "--metrics", "-f", "json", "data.blastguard.main.report"];
  const t = performance.now();
  let out: string;
  try {
    out = execFileSync(opa, args, { encoding: "utf8", maxBuffer: 1 << 30, timeout: OPA_TIMEOUT_MS });
  } catch {
    return { ms: Infinity, evalMs: Infinity };
  }
  const ms = performance.now() - t;
  const metrics = (JSON.parse(out) as { metrics: Record<string, number> }).metrics;
  return { ms, evalMs: (metrics.timer_rego_query_eval_ns ?? 0) / 1e6 };
}

interface Row {
  kind: string;
  n: number;
  mb: number;
  parseMs: number;
  checkMs: number;
  readMs: number;
  evalMs: number;
  cliMs: number;
  rssMiB: number;
  opaMs: number;
  opaEvalMs: number;
}

async function measure(kind: "preview" | "state", n: number, evaluator: PolicyEvaluator): Promise<Row> {
  const file = `${work}${kind}-${n}.json`;
  const text = kind === "preview" ? syntheticPreview(n) : syntheticState(n);
  writeFileSync(file, text);
  const runs = runsFor(n);
  const parseMs = median(Array.from({ length: runs }, () => timeSync(() => JSON.parse(readFileSync(file, "utf8")))));
  const checks = [];
  for (let i = 0; i < runs; i++) checks.push((await check(file, { evaluator })).timings);
  const best = checks.sort((a, b) => a.totalMs - b.totalMs)[Math.floor(runs / 2)]!;
  const cliRuns = Array.from({ length: runs }, () => runCliProcess(file));
  const inputFile = `${work}${kind}-${n}.input.json`;
  const config = defaultConfig();
  writeFileSync(inputFile, JSON.stringify(buildPolicyInput(await readInputs(file, {}, config), config)));
  const opaRuns = [opaEval(inputFile)]; // one run: the Go evaluator is the slow side
  return {
    kind,
    n,
    mb: text.length / 1e6,
    parseMs,
    checkMs: best.totalMs,
    readMs: best.readMs,
    evalMs: best.evalMs,
    cliMs: median(cliRuns.map((r) => r.ms)),
    rssMiB: Math.max(...cliRuns.map((r) => r.rssKiB)) / 1024,
    opaMs: median(opaRuns.map((r) => r.ms)),
    opaEvalMs: median(opaRuns.map((r) => r.evalMs)),
  };
}

const f0 = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : `> ${OPA_TIMEOUT_MS}`);
const f1 = (x: number) => x.toFixed(1);

async function main(): Promise<void> {
  mkdirSync(work, { recursive: true });
  const evaluator = new PolicyEvaluator();
  const rows: Row[] = [];
  try {
    for (const kind of ["preview", "state"] as const) for (const n of sizes) rows.push(await measure(kind, n, evaluator));
  } finally {
    evaluator.close();
  }
  const tiny = `${work}tiny.json`;
  writeFileSync(tiny, tinyPreview());
  const firstVerdictMs = median(Array.from({ length: 5 }, () => runCliProcess(tiny).ms));

  console.log("| input | resources | MB | read+JSON.parse ms | check in-process ms | ratio | read+normalise ms | Wasm eval ms | CLI process ms | CLI ratio | peak RSS MiB | opa eval process ms | opa eval query ms |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const r of rows) {
    console.log(`| ${r.kind} | ${r.n} | ${f1(r.mb)} | ${f0(r.parseMs)} | ${f0(r.checkMs)} | ${f1(r.checkMs / r.parseMs)}x | ${f0(r.readMs)} | ${f0(r.evalMs)} | ${f0(r.cliMs)} | ${f1(r.cliMs / r.parseMs)}x | ${f0(r.rssMiB)} | ${f0(r.opaMs)} | ${f0(r.opaEvalMs)} |`);
  }
  console.log(`\nfirst verdict on a one-resource preview (CLI process, median of 5): ${f0(firstVerdictMs)} ms`);

  const get = (kind: string, n: number) => rows.find((r) => r.kind === kind && r.n === n)!;
  const p10 = get("preview", 10000);
  const p30 = get("preview", 30000);
  const s10 = get("state", 10000);
  const s30 = get("state", 30000);
  const targets: [string, boolean, string][] = [
    ["10k-step preview checked in <= 3x its JSON.parse time (in-process)", p10.checkMs <= 3 * p10.parseMs, `${f1(p10.checkMs / p10.parseMs)}x`],
    ["evaluation phase faster than opa eval on the same document (10k preview)", p10.evalMs < p10.opaMs, `${f0(p10.evalMs)} ms vs ${f0(p10.opaMs)} ms (opa query alone ${f0(p10.opaEvalMs)} ms)`],
    ["30k-resource state in <= 6 s (CLI process)", s30.cliMs <= 6000, `${f0(s30.cliMs)} ms, ${f1(s30.mb)} MB`],
    ["30k-resource state peak RSS <= 1 GB", s30.rssMiB <= 1024, `${f0(s30.rssMiB)} MiB`],
    ["cost linear: 30k/10k time ratio <= 3.3 (preview, in-process)", p30.checkMs / p10.checkMs <= 3.3, `${f1(p30.checkMs / p10.checkMs)} (state: ${f1(s30.checkMs / s10.checkMs)})`],
    ["first verdict on a one-resource input within 250 ms of process start", firstVerdictMs <= 250, `${f0(firstVerdictMs)} ms`],
  ];
  console.log("\n| target | met | measured |\n| --- | --- | --- |");
  for (const [name, ok, value] of targets) console.log(`| ${name} | ${ok ? "yes" : "NO"} | ${value} |`);
  console.log(fleetTable(measureFleet()));
}

await main();
