// Runs generated restore scripts against the stand-in `aws` CLI (test/standin-aws-cli/bin/aws)
// and lints them with the real shellcheck.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "../support/paths.js";

const standinBin = join(repoRoot, "test", "standin-aws-cli", "bin");

export interface StandinState {
  stores?: { service: string; region: string; name: string }[];
  recoveryPoints?: { region: string; vault: string; resourceArn: string; arn: string; status: string; created: string }[];
  automatedBackups?: { region: string; instance: string; arn: string }[];
  snapshots?: { region: string; id: string; cluster?: boolean }[];
  fail?: { service: string; operation: string; match: string }[];
}

export interface Call {
  argv: string[];
  exit: number;
  /** When the call started and ended (ms since the epoch). */
  start: number;
  end: number;
}

export interface World {
  dir: string;
  script: string;
  run(args?: string[], env?: Record<string, string>): { status: number | null; stdout: string; stderr: string; lines: string[] };
  /** Every aws call so far, in order. */
  calls(): Call[];
  /** What restores created so far. */
  created(): { service: string; region: string; name: string }[];
}

/** A scratch directory with the script and the stand-in's state; runs use the stand-in `aws` only. */
export function world(script: string, state: StandinState): World {
  const dir = mkdtempSync(join(tmpdir(), "bg-runbook-"));
  const scriptPath = join(dir, "restore.sh");
  writeFileSync(scriptPath, script);
  chmodSync(scriptPath, 0o755);
  writeFileSync(join(dir, "state.json"), JSON.stringify(state));
  const logPath = join(dir, "calls.jsonl");
  const entries = () =>
    existsSync(logPath)
      ? readFileSync(logPath, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as Call & { created?: { service: string; region: string; name: string } })
      : [];
  return {
    dir,
    script: scriptPath,
    run(args = [], env = {}) {
      const r = spawnSync("bash", [scriptPath, ...args], {
        encoding: "utf8",
        env: { PATH: `${standinBin}:${process.env.PATH}`, STANDIN_AWS_STATE: join(dir, "state.json"), STANDIN_AWS_LOG: logPath, HOME: dir, ...env },
      });
      return { status: r.status, stdout: r.stdout, stderr: r.stderr, lines: r.stdout.split("\n").filter(Boolean) };
    },
    calls: () => entries().filter((e) => e.argv !== undefined),
    created: () => entries().flatMap((e) => (e.created ? [e.created] : [])),
  };
}

/** `service operation` of a call. */
export const op = (c: Call) => `${c.argv[0]} ${c.argv[1]}`;

/** The value after an option in a call. */
export const arg = (c: Call, name: string) => {
  const i = c.argv.indexOf(name);
  return i >= 0 ? c.argv[i + 1] : undefined;
};

/** The project's pinned shellcheck (.tools/bin), else one on PATH; a clear failure without either. */
export function shellcheckPath(): string {
  const pinned = join(repoRoot, ".tools", "bin", "shellcheck");
  if (existsSync(pinned)) return pinned;
  const onPath = spawnSync("sh", ["-c", "command -v shellcheck"], { encoding: "utf8" });
  if (onPath.status === 0 && onPath.stdout.trim()) return onPath.stdout.trim();
  throw new Error("shellcheck not found: run scripts/install-linters.sh (puts it in .tools/bin) or install shellcheck on PATH");
}

export function shellcheck(file: string): { status: number | null; output: string } {
  const r = spawnSync(shellcheckPath(), ["--shell=bash", "--severity=style", file], { encoding: "utf8" });
  return { status: r.status, output: r.stdout + r.stderr };
}
