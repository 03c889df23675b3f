// `npm run bench:copies`: the customer-data copy shapes of issue 12 (src/bench/generate.ts) at 1k,
// 5k and 20k resources, each checked by the whole CLI as a process: wall time and peak RSS, and
// the 20k/5k time ratio per shape. Targets: <= 5 s and <= 1 GiB at 20k, ratio <= 4.5. CPU time
// (user + system) is printed beside wall time: on a shared, loaded machine it is the steadier one.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { copyShape, copyShapes } from "./generate.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const work = `${root}.bench/`;
const cli = process.env["BLASTGUARD_BENCH_CLI"] ?? `${root}dist/src/cli/main.js`;
const sizes = (process.env["BLASTGUARD_BENCH_SIZES"] ?? "1000,5000,20000").split(",").map(Number);
const shapes = process.env["BLASTGUARD_BENCH_SHAPES"]?.split(",") ?? [...copyShapes];
const TIMEOUT_MS = 120_000;

function run(file: string): { ms: number; cpuMs: number; rssMiB: number; exit: number | null } {
  const t = performance.now();
  const r = spawnSync("/usr/bin/time", ["-f", "%M %U %S", process.execPath, cli, "check", file, "--format", "json"], { encoding: "utf8", maxBuffer: 1 << 30, timeout: TIMEOUT_MS });
  const ms = performance.now() - t;
  const [rss, user, sys] = (r.stderr.trim().split("\n").pop() ?? "").split(" ").map(Number);
  return { ms, cpuMs: ((user ?? NaN) + (sys ?? NaN)) * 1000, rssMiB: (rss ?? NaN) / 1024, exit: r.status };
}

mkdirSync(work, { recursive: true });
console.log(`CLI: ${cli}\n\n| shape | resources | time s | CPU s | peak RSS MiB | exit |\n| --- | ---: | ---: | ---: | ---: | ---: |`);
const times = new Map<string, number>();
const cpu = new Map<string, number>();
for (const shape of shapes) {
  for (const n of sizes) {
    const file = `${work}copies-${shape}-${n}.json`;
    writeFileSync(file, copyShape(shape as (typeof copyShapes)[number], n));
    const r = run(file);
    times.set(`${shape}:${n}`, r.ms);
    cpu.set(`${shape}:${n}`, r.cpuMs);
    console.log(`| ${shape} | ${n} | ${(r.ms / 1000).toFixed(1)} | ${(r.cpuMs / 1000).toFixed(1)} | ${r.rssMiB.toFixed(0)} | ${r.exit ?? "timeout"} |`);
  }
}
console.log("\n| shape | 20k <= 5 s (wall) | 20k/5k wall | 20k/5k CPU |\n| --- | --- | ---: | ---: |");
for (const shape of shapes) {
  const a = times.get(`${shape}:5000`);
  const b = times.get(`${shape}:20000`);
  const ca = cpu.get(`${shape}:5000`);
  const cb = cpu.get(`${shape}:20000`);
  if (a !== undefined && b !== undefined) console.log(`| ${shape} | ${b <= 5000 ? "yes" : "NO"} | ${(b / a).toFixed(1)} | ${(cb! / ca!).toFixed(1)} |`);
}
