// `npm run bench`: generates synthetic previews and states at 1k, 10k and 30k resources (and a
// 10k preview where every resource has findings) and measures, in one run: a bare read +
// JSON.parse of each file (in-process and as a whole node process), the full check in-process
// and as the CLI process, the Wasm evaluation phase alone, `opa eval` (the Go CLI) on the same
// Rego and the same normalised document, and peak RSS. Prints a table and, for every target,
// met / not met / not measured. A target whose measurement is missing (a size skipped, no opa)
// is never counted as met.
// BENCH_SIZES=1000,10000 limits the sizes (targets that need the others say "not measured").
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { check, readInputs } from "../check.js";
import { PolicyEvaluator } from "../engine/evaluate.js";
import { buildPolicyInput, encodePolicyInput } from "../engine/input.js";
import { defaultConfig } from "../model/config.js";
import { fleetTable, measureFleet } from "./fleet.js";
import { syntheticPreview, syntheticState, tinyPreview } from "./generate.js";
import { benchRunbook } from "../runbook/bench.js";
import { worstCasePreview } from "./worst-case.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const work = `${root}.bench/`;
const cli = `${root}dist/src/cli/main.js`;
const opa = `${root}.tools/bin/opa`;
const sizes = (process.env.BENCH_SIZES ?? "1000,10000,30000").split(",").map(Number);
// Repeats per in-process measurement (the median is reported); fewer at 30k to keep the run
// short. Whole processes always run 3 times: a single process run at 30k swung by 2x.
const runsFor = (n: number) => (n >= 30000 ? 1 : 3);
const PROCESS_RUNS = 3;

/** One benchmark input. `peer`: also time `opa eval` on it (slow: only where a target needs it). */
interface BenchInput {
  name: string;
  n: number;
  make: () => string;
  peer?: boolean;
}

/** Every input, in table order. Add a stack shape here (and its target below, if it has one). */
const inputs: BenchInput[] = [
  ...sizes.map((n) => ({ name: "preview", n, make: () => syntheticPreview(n), peer: n <= 10000 })),
  ...sizes.filter((n) => n === 10000).map((n) => ({ name: "preview, every resource has findings", n, make: () => worstCasePreview(n) })),
  ...sizes.map((n) => ({ name: "state", n, make: () => syntheticState(n), peer: n <= 1000 })),
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
function timeSync(f: () => void): number {
  const t = performance.now();
  f();
  return performance.now() - t;
}

/** Wall time and peak RSS (KiB) of one process, via /usr/bin/time. */
function runProcess(args: string[], okStatus: number[]): { ms: number; rssKiB: number } {
  const t = performance.now();
  const r = spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, ...args], { encoding: "utf8", maxBuffer: 1 << 30 });
  const ms = performance.now() - t;
  const rssKiB = Number(r.stderr.trim().split("\n").pop());
  if (!okStatus.includes(r.status ?? -1)) throw new Error(`${args.join(" ")} exited ${r.status}`);
  return { ms, rssKiB };
}
const runCliProcess = (file: string) => runProcess([cli, "check", file, "--format", "json"], [0, 1]);
/** The baseline for whole-process ratios: a node process that only reads and parses the file. */
const runParseProcess = (file: string) => runProcess(["-e", 'JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"))', file], [0]);

const OPA_TIMEOUT_MS = 60_000;

/** `opa eval` on a document: its whole-process time and query-eval metric, or why there is none. */
type PeerRun = { status: "ok"; ms: number; evalMs: number } | { status: "timeout" | "missing" | "failed" | "skipped" };

function opaEval(inputFile: string): PeerRun {
  if (!existsSync(opa)) return { status: "missing" };
  const args = ["eval", "--ignore", "*_test.rego", "--ignore", "testing.rego", "-d", `${root}policies/main`, "-d", `${root}policies/lib`, "-d", `${root}policies/rules`, "-i", inputFile, "--metrics", "-f", "json", "data.blastguard.main.report"];
  const t = performance.now();
  const r = spawnSync(opa, args, { encoding: "utf8", maxBuffer: 1 << 30, timeout: OPA_TIMEOUT_MS });
  const ms = performance.now() - t;
  if (r.error && (r.error as NodeJS.ErrnoException).code === "ETIMEDOUT") return { status: "timeout" };
  if (r.status !== 0) return { status: "failed" };
  const metrics = (JSON.parse(r.stdout) as { metrics: Record<string, number> }).metrics;
  return { status: "ok", ms, evalMs: (metrics.timer_rego_query_eval_ns ?? 0) / 1e6 };
}

interface Row {
  input: BenchInput;
  mb: number;
  findings: number;
  parseMs: number;
  checkMs: number;
  readMs: number;
  evalMs: number;
  cliMs: number;
  parseProcessMs: number;
  rssMiB: number;
  peer: PeerRun;
}

async function measure(input: BenchInput, evaluator: PolicyEvaluator): Promise<Row> {
  const file = `${work}${input.name.replace(/\W+/g, "-")}-${input.n}.json`;
  const text = input.make();
  writeFileSync(file, text);
  const runs = runsFor(input.n);
  const parseMs = median(Array.from({ length: runs }, () => timeSync(() => JSON.parse(readFileSync(file, "utf8")))));
  const checks = [];
  for (let i = 0; i < runs; i++) checks.push(await check(file, { evaluator }));
  const best = checks.sort((a, b) => a.timings.totalMs - b.timings.totalMs)[Math.floor(runs / 2)]!;
  checks.length = 0;
  // Interleaved, so both sides of the whole-process ratio see the same machine load.
  const cliRuns = [];
  const parseRuns = [];
  for (let i = 0; i < PROCESS_RUNS; i++) {
    cliRuns.push(runCliProcess(file));
    parseRuns.push(runParseProcess(file));
  }
  let peer: PeerRun = { status: "skipped" };
  if (input.peer) {
    const inputFile = `${work}${input.name.replace(/\W+/g, "-")}-${input.n}.input.json`;
    const config = defaultConfig();
    // the very document the Wasm engine evaluates (projected to what the policies read)
    writeFileSync(inputFile, Buffer.from(encodePolicyInput(buildPolicyInput(await readInputs(file, {}, config), config), await evaluator.reads())));
    peer = opaEval(inputFile); // one run: the Go evaluator is the slow side
  }
  return {
    input,
    mb: text.length / 1e6,
    findings: best.report.findings.length,
    parseMs,
    checkMs: best.timings.totalMs,
    readMs: best.timings.readMs,
    evalMs: best.timings.evalMs,
    cliMs: median(cliRuns.map((r) => r.ms)),
    parseProcessMs: median(parseRuns.map((r) => r.ms)),
    rssMiB: Math.max(...cliRuns.map((r) => r.rssKiB)) / 1024,
    peer,
  };
}

const f0 = (x: number) => x.toFixed(0);
const f1 = (x: number) => x.toFixed(1);
function peerText(p: PeerRun, field: "ms" | "evalMs"): string {
  if (p.status === "ok") return f0(p[field]);
  if (p.status === "timeout") return `> ${OPA_TIMEOUT_MS}`;
  if (p.status === "skipped") return "-";
  return p.status === "missing" ? "not measured (no opa)" : "not measured (opa failed)";
}

type Status = "met" | "NOT met" | "not measured";
interface Target {
  name: string;
  status: Status;
  measured: string;
}

/** A target on a measured value; no value means "not measured", never met. */
function target(name: string, value: number | undefined, limit: number, shown: (v: number) => string): Target {
  if (value === undefined || !Number.isFinite(value)) return { name, status: "not measured", measured: "-" };
  return { name, status: value <= limit ? "met" : "NOT met", measured: shown(value) };
}

function targets(rows: Row[], firstVerdictMs: number, runbook: { stores: number; ms: number }): Target[] {
  const get = (name: string, n: number) => rows.find((r) => r.input.name === name && r.input.n === n);
  const p10 = get("preview", 10000);
  const p30 = get("preview", 30000);
  const w10 = get("preview, every resource has findings", 10000);
  const s10 = get("state", 10000);
  const s30 = get("state", 30000);
  const x = (v: number) => `${f1(v)}x`;
  const both = <A, B>(a: A | undefined, b: B | undefined, f: (a: A, b: B) => number) => (a !== undefined && b !== undefined ? f(a, b) : undefined);
  const peer = p10?.peer;
  // The peer is met only against a real time: its own or, past the timeout, the timeout itself.
  const peerMs = peer?.status === "ok" ? peer.ms : peer?.status === "timeout" ? OPA_TIMEOUT_MS : undefined;
  return [
    target("10k-step preview: in-process check / read+JSON.parse <= 2x", p10 && p10.checkMs / p10.parseMs, 2, x),
    target("10k-step preview: CLI process / node process that reads and parses it <= 3x", p10 && p10.cliMs / p10.parseProcessMs, 3, x),
    target("same, preview where every resource has findings <= 3x", w10 && w10.cliMs / w10.parseProcessMs, 3, (v) => `${x(v)} (${w10!.findings} findings)`),
    target("preview 30k/10k in-process time ratio <= 3.3", both(p30, p10, (a, b) => a.checkMs / b.checkMs), 3.3, (v) => `${f1(v)} (state: ${s30 && s10 ? f1(s30.checkMs / s10.checkMs) : "-"})`),
    { name: "policy pack on a no-change preview of ~1k resources <= +10 %", status: "not measured", measured: "npm run bench:pack" },
    { name: "policy pack on a no-change preview of a 46-resource stack <= +0.3 s", status: "not measured", measured: "BENCH_STACK=reference npm run bench:pack" },
    target("10k preview: Wasm evaluation / opa eval process < 1", both(p10, peerMs, (a, b) => a.evalMs / b), 1, (v) => `${f0(p10!.evalMs)} ms vs ${peerText(peer!, "ms")} ms (${v.toFixed(2)})`),
    target("30k-resource state in <= 6 s (CLI process)", s30?.cliMs, 6000, (v) => `${f0(v)} ms, ${f1(s30!.mb)} MB`),
    target("30k-resource state peak RSS <= 1 GB", s30?.rssMiB, 1024, (v) => `${f0(v)} MiB`),
    target("first verdict on a one-resource input within 250 ms of process start", firstVerdictMs, 250, (v) => `${f0(v)} ms`),
    target("restore runbook for 1,000 destroyed stores in well under a second (<= 250 ms)", runbook.stores === 1000 ? runbook.ms : undefined, 250, (v) => `${f0(v)} ms`),
  ];
}

async function main(): Promise<void> {
  mkdirSync(work, { recursive: true });
  const evaluator = new PolicyEvaluator();
  const rows: Row[] = [];
  let runbook;
  try {
    for (const input of inputs) rows.push(await measure(input, evaluator));
    runbook = await benchRunbook(1000, evaluator);
  } finally {
    evaluator.close();
  }
  const tiny = `${work}tiny.json`;
  writeFileSync(tiny, tinyPreview());
  const firstVerdictMs = median(Array.from({ length: 5 }, () => runCliProcess(tiny).ms));

  console.log("| input | resources | MB | findings | read+JSON.parse ms | check in-process ms | ratio | read+normalise ms | Wasm eval ms | node read+parse process ms | CLI process ms | CLI ratio | peak RSS MiB | opa eval process ms | opa eval query ms |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const r of rows) {
    console.log(
      `| ${r.input.name} | ${r.input.n} | ${f1(r.mb)} | ${r.findings} | ${f0(r.parseMs)} | ${f0(r.checkMs)} | ${f1(r.checkMs / r.parseMs)}x | ${f0(r.readMs)} | ${f0(r.evalMs)} | ${f0(r.parseProcessMs)} | ${f0(r.cliMs)} | ${f1(r.cliMs / r.parseProcessMs)}x | ${f0(r.rssMiB)} | ${peerText(r.peer, "ms")} | ${peerText(r.peer, "evalMs")} |`,
    );
  }
  console.log(`\nfirst verdict on a one-resource preview (CLI process, median of 5): ${f0(firstVerdictMs)} ms`);
  console.log(`restore runbook for ${runbook.stores} destroyed stores (${runbook.restorable} restorable): plan built, serialised and scripted in ${f0(runbook.ms)} ms (median of 5)`);

  console.log("\n| target | status | measured |\n| --- | --- | --- |");
  for (const t of targets(rows, firstVerdictMs, runbook!)) console.log(`| ${t.name} | ${t.status} | ${t.measured} |`);
  console.log(fleetTable(measureFleet()));
}

await main();
