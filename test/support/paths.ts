// Where tests find the shared real fixtures and the built CLI (npm test builds it first).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
export const fixturesDir = fileURLToPath(new URL("../../../shared/fixtures/pulumi/", import.meta.url));
export const fixture = (rel: string) => `${fixturesDir}${rel}`;
export const cliPath = `${repoRoot}dist/src/cli/main.js`;

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `blastguard` CLI as a process. */
export function runCli(args: string[], options: { input?: string | Buffer; cwd?: string } = {}): CliResult {
  const r = spawnSync(process.execPath, [cliPath, ...args], {
    input: options.input,
    cwd: options.cwd ?? repoRoot,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
