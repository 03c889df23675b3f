// The GitHub Action (action.yml + action/run.sh): run once as the Actions runner would run it
// (inputs substituted into the step's env, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files), its
// metadata checked by actionlint through a workflow that uses it, and its script by shellcheck.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { cliPath, repoRoot } from "../support/paths.js";
import { scenario } from "../support/scenarios.js";

interface ActionYaml {
  inputs: Record<string, { required?: boolean; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: { id?: string; shell: string; env: Record<string, string>; run: string }[] };
}
const action = parse(readFileSync(join(repoRoot, "action.yml"), "utf8")) as ActionYaml;
const toolsBin = join(repoRoot, ".tools", "bin");

/** Runs the composite action's steps as the runner does: `${{ inputs.* }}` and `${{ github.action_path }}` substituted. */
function runAction(inputs: Record<string, string>, workspace: string) {
  const githubOutput = join(workspace, "github-output");
  const summary = join(workspace, "step-summary");
  writeFileSync(githubOutput, "");
  writeFileSync(summary, "");
  const value = (name: string) => inputs[name] ?? action.inputs[name]?.default ?? "";
  const substitute = (text: string) =>
    text.replace(/\$\{\{\s*inputs\.([a-z-]+)\s*\}\}/g, (_, name: string) => value(name)).replace(/\$\{\{\s*github\.action_path\s*\}\}/g, repoRoot);
  let last = { status: null as number | null, stdout: "", stderr: "" };
  for (const step of action.runs.steps) {
    expect(step.shell).toBe("bash");
    const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_OUTPUT: githubOutput, GITHUB_STEP_SUMMARY: summary, GITHUB_ACTIONS: "true" };
    for (const [k, v] of Object.entries(step.env)) env[k] = substitute(v);
    const r = spawnSync("bash", ["-e", "-c", substitute(step.run)], { cwd: workspace, env, encoding: "utf8" });
    last = { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }
  const outputs = Object.fromEntries(
    readFileSync(githubOutput, "utf8")
      .trim()
      .split("\n")
      .filter(Boolean)
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
  );
  return { ...last, outputs, summary: readFileSync(summary, "utf8") };
}

describe("the GitHub Action", () => {
  it("uses every input it declares and declares every input it uses", () => {
    const text = readFileSync(join(repoRoot, "action.yml"), "utf8");
    const used = new Set([...text.matchAll(/inputs\.([a-z-]+)/g)].map((m) => m[1]));
    expect([...used].sort()).toEqual(Object.keys(action.inputs).sort());
    expect(action.runs.using).toBe("composite");
  });

  it("runs once in a simulated Actions environment: annotations (verdict first), SARIF, comment, summary, outputs", () => {
    const workspace = mkdtempSync(join(tmpdir(), "blastguard-action-"));
    const name = "incident-site-ids-as-app-ids";
    const r = runAction(
      {
        files: `${scenario(name, "plan.json")}\n  ${scenario(name, "preview.json")}  \n`,
        state: scenario(name, "state.json"),
        intent: scenario(name, "intent.yaml"),
        overrides: "does-not-exist.yaml",
        "project-root": "infra",
        cli: cliPath,
      },
      workspace,
    );
    expect(r.stderr).toBe("");
    expect(r.status).toBe(1);
    const out = join(workspace, ".blastguard");
    expect(r.outputs).toEqual({ "exit-code": "1", verdict: "blocked", sarif: `${out}/blastguard.sarif`.replace(`${workspace}/`, ""), comment: `${out}/comment.md`.replace(`${workspace}/`, "") });
    const annotations = r.stdout.split("\n").filter((l) => l.startsWith("::"));
    expect(annotations.slice(0, 2).map((l) => l.split("::")[1])).toEqual(["error title=blastguard%3A blocked", "error title=blastguard%3A blocked"]);
    expect(annotations.filter((l) => l.startsWith("::error ")).length).toBeLessThanOrEqual(10);
    expect(r.stdout).toMatch(/^blastguard: BLOCKED/);
    const comment = readFileSync(join(out, "comment.md"), "utf8");
    expect(r.summary).toBe(comment);
    const sarif = JSON.parse(readFileSync(join(out, "blastguard.sarif"), "utf8")) as { runs: unknown[] };
    expect(sarif.runs).toHaveLength(2);
    expect(existsSync(join(out, "report.json"))).toBe(true);
  });

  it("fails the step with exit 2 and an undecided summary when the input cannot be read", () => {
    const workspace = mkdtempSync(join(tmpdir(), "blastguard-action-"));
    writeFileSync(join(workspace, "broken.json"), "{");
    const r = runAction({ files: "broken.json", cli: cliPath }, workspace);
    expect(r.status).toBe(2);
    expect(r.outputs).toEqual({ "exit-code": "2", verdict: "undecided" });
    expect(r.summary).toMatch(/^### blastguard: undecided\n/);
  });

  it("passes actionlint as the action of a workflow, and shellcheck on its script", () => {
    const shellcheck = join(toolsBin, "shellcheck");
    const actionlint = join(toolsBin, "actionlint");
    if (!existsSync(shellcheck) || !existsSync(actionlint)) throw new Error(".tools/bin lacks the linters: run bash scripts/install-linters.sh (npm test does)");
    expect(spawnSync(shellcheck, ["action/run.sh"], { cwd: repoRoot, encoding: "utf8" }).stdout).toBe("");
    const repo = mkdtempSync(join(tmpdir(), "blastguard-actionlint-"));
    mkdirSync(join(repo, ".github", "workflows"), { recursive: true });
    mkdirSync(join(repo, ".git")); // actionlint finds the project by its .git folder
    copyFileSync(join(repoRoot, "action.yml"), join(repo, "action.yml"));
    const workflow = (extra: string) =>
      `on: pull_request\njobs:\n  guard:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - id: guard\n        uses: ./\n        with:\n          files: plan.json\n          fail-on: warning\n${extra}      - run: echo "$V"\n        env:\n          V: \${{ steps.guard.outputs.verdict }}\n`;
    const lint = (text: string) => {
      writeFileSync(join(repo, ".github", "workflows", "guard.yml"), text);
      const r = spawnSync(actionlint, [], { cwd: repo, encoding: "utf8", env: { ...process.env, PATH: `${toolsBin}:${process.env.PATH}` } });
      return `${r.stdout}${r.stderr}`;
    };
    expect(lint(workflow(""))).toBe("");
    // actionlint really reads the action's metadata: an input it does not declare is an error
    expect(lint(workflow("          no-such-input: x\n"))).toContain("no-such-input");
  });
});
