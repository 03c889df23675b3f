// Measures `blastguard audit` against the native way, a loop of `pulumi policy analyze --file`
// with the blastguard policy pack, on one small fleet (each recorded scenario state and real
// fixture state once, under its own stack name), and compares the findings per stack.
// Run after `npm run build`, with the pinned pulumi in .tools/bin: node dist/src/bench/audit-vs-analyze.js
// The pack is given each file as its own prior state (priorStatePath): without it, the pack
// under `analyze --file` tries to export a stack the file never names.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { basename, join } from "node:path";
import { writeFleet } from "./fleet.js";

const root = join(import.meta.dirname, "..", "..", "..");
const pulumi = join(root, ".tools", "bin", "pulumi");
const pack = join(root, "pack", "blastguard-pack");
const cli = join(root, "dist", "src", "cli", "main.js");

type Key = string; // policy \u0000 urn \u0000 message

function analyze(file: string, dir: string): { ms: number; keys: Set<Key> | null; status: number | null } {
  const config = join(dir, `${basename(file)}.pack-config.json`);
  writeFileSync(config, JSON.stringify({ blastguard: { priorStatePath: file } }));
  const t = performance.now();
  const r = spawnSync(pulumi, ["policy", "analyze", "--file", file, "--policy-pack", pack, "--policy-pack-config", config, "--json"], {
    encoding: "utf8",
    cwd: dir,
    env: { ...process.env, PULUMI_HOME: join(dir, "home"), PULUMI_SKIP_UPDATE_CHECK: "1", PULUMI_CONFIG_PASSPHRASE: "bench" },
    maxBuffer: 1 << 28,
  });
  const ms = performance.now() - t;
  const keys = new Set<Key>();
  for (const line of r.stdout.split("\n")) {
    if (!line.trim()) continue;
    let event: { policyEvent?: { policyName: string; resourceUrn?: string; message: string } };
    try {
      event = JSON.parse(line);
    } catch {
      return { ms, keys: null, status: r.status };
    }
    const p = event.policyEvent;
    if (p) keys.add([p.policyName, p.resourceUrn ?? "", p.message.trim()].join("\u0000"));
  }
  return { ms, keys, status: r.status };
}

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), "blastguard-vs-analyze-"));
  const files = writeFleet(join(dir, "fleet"), 14);
  const load = loadavg().map((x) => x.toFixed(1)).join(" ");
  const t = performance.now();
  const audit = spawnSync(process.execPath, [cli, "audit", join(dir, "fleet"), "--format", "json"], { encoding: "utf8", maxBuffer: 1 << 28 });
  const auditMs = performance.now() - t;
  const report = JSON.parse(audit.stdout) as {
    stacks: { target: { id: string }; error: string | null; report: { findings: { policy: string; urn: string; message: string }[] } | null }[];
  };
  let analyzeMs = 0;
  console.log("| stack | audit findings | analyze findings | same | analyze exit |\n| --- | ---: | ---: | --- | ---: |");
  for (const file of files) {
    const mine = report.stacks.find((s) => s.target.id === file)!;
    const ours = new Set((mine.report?.findings ?? []).map((f) => [f.policy, f.urn, f.message].join("\u0000")));
    const theirs = analyze(file, dir);
    analyzeMs += theirs.ms;
    const same = theirs.keys !== null && mine.error === null && ours.size === theirs.keys.size && [...ours].every((k) => theirs.keys!.has(k));
    const failed = theirs.status !== 0 && theirs.keys !== null && theirs.keys.size === 0;
    const note = mine.error
      ? `audit error: ${mine.error}`
      : theirs.keys === null
        ? "analyze printed no JSON"
        : failed
          ? "analyze failed without findings (it reads stack exports only, not checkpoints)"
          : same
            ? "yes"
            : "NO";
    console.log(`| ${basename(file)} | ${mine.error ? "-" : ours.size} | ${theirs.keys?.size ?? "-"} | ${note} | ${theirs.status} |`);
  }
  console.log(`\nload average at start: ${load}; 2 cores`);
  console.log(`blastguard audit (whole fleet, one process): ${(auditMs / 1000).toFixed(1)} s; pulumi policy analyze loop: ${(analyzeMs / 1000).toFixed(1)} s (${(analyzeMs / auditMs).toFixed(1)}x)`);
}

main();
