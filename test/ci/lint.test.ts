// The shell scripts and the GitHub workflow pass the pinned linters (installed into .tools/bin by
// scripts/install-linters.sh, which `npm test` runs): shellcheck at warning level and above, and
// actionlint, which also runs shellcheck on every `run:` script of the workflow.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/paths.js";

const toolsBin = join(repoRoot, ".tools", "bin");

function tool(name: string): string {
  const path = join(toolsBin, name);
  if (!existsSync(path)) throw new Error(`.tools/bin/${name} is missing: run bash scripts/install-linters.sh (npm test does)`);
  return path;
}

function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { cwd: repoRoot, encoding: "utf8", env: { ...process.env, PATH: `${toolsBin}:${process.env.PATH}` } });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

const shellScripts = [
  ...readdirSync(join(repoRoot, "scripts")).filter((f) => f.endsWith(".sh")).map((f) => `scripts/${f}`),
  ...readdirSync(join(repoRoot, "scripts/lib")).map((f) => `scripts/lib/${f}`),
  ".ci/run",
  "action/run.sh",
  "pack/blastguard-pack",
  "test/standin-aws/bin/pulumi-resource-aws",
];

describe("linters", () => {
  it("finds no shellcheck warning in the project's shell scripts", () => {
    const r = run(tool("shellcheck"), ["--severity=warning", ...shellScripts]);
    expect(r.output).toBe("");
    expect(r.status).toBe(0);
  });

  it("finds no actionlint error in the example workflow", () => {
    tool("shellcheck"); // actionlint skips its shell checks silently when shellcheck is not on PATH
    const r = run(tool("actionlint"), ["examples/github-actions/blastguard.yml"]);
    expect(r.output).toBe("");
    expect(r.status).toBe(0);
  });

  it("would report the exit-code expression the example once had (SC2242)", () => {
    // the linter really runs shellcheck on run: scripts; without this, a missing shellcheck passes
    const r = spawnSync(tool("actionlint"), ["-"], {
      cwd: repoRoot,
      encoding: "utf8",
      env: { ...process.env, PATH: `${toolsBin}:${process.env.PATH}` },
      input: 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: exit "${{ github.run_id || 2 }}"\n',
    });
    expect(`${r.stdout}${r.stderr}`).toContain("SC2242");
  });
});
