// Drives the real Pulumi CLI through the scenarios of scenarios.mjs and writes what it prints under
// examples/scenarios/<name>/. Run through scripts/record-scenarios.sh, which sets up the tools, a
// throwaway PULUMI_HOME with the stand-in aws provider, and a copy of the project.
// Usage: node scripts/record-scenarios.mjs <work dir> <output dir> [scenario names...]
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse, stringify } from "yaml";
import { scenarios } from "./scenarios.mjs";

const [workDir, outDir, ...only] = process.argv.slice(2);
if (!workDir || !outDir) throw new Error("usage: record-scenarios.mjs <work dir> <output dir> [names...]");
const root = resolve(import.meta.dirname, "..");
const project = join(workDir, "project");
const STACK = "prod";

function pulumi(args, { allowFailure = false, env = {} } = {}) {
  const run = spawnSync("pulumi", [...args, "--non-interactive"], {
    cwd: project,
    env: { ...process.env, ...env },
    encoding: "utf8",
    maxBuffer: 512 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  if (run.status !== 0 && !allowFailure) {
    throw new Error(`pulumi ${args.join(" ")} exited ${run.status}:\n${run.stderr}\n${run.stdout.slice(-4000)}`);
  }
  return run;
}

const baseline = () => parse(readFileSync(join(root, "infra/tenants.yaml"), "utf8"));

function record(scenario) {
  const started = Date.now();
  const dir = join(outDir, scenario.name);
  const scratch = join(workDir, "scenarios", scenario.name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  mkdirSync(join(scratch, "state"), { recursive: true });

  let step = 0;
  const tenantsFile = (model) => {
    const file = join(scratch, `tenants-${step++}.yaml`);
    writeFileSync(file, stringify(model));
    return { BLASTGUARD_TENANTS_FILE: file };
  };

  pulumi(["login", `file://${join(scratch, "state")}`]);
  pulumi(["stack", "init", STACK]);
  const model = baseline();
  pulumi(["up", "--yes", "--skip-preview"], { env: tenantsFile(model) });
  for (const earlierUpdate of scenario.prepare ?? []) {
    earlierUpdate(model);
    pulumi(["up", "--yes", "--skip-preview"], { env: tenantsFile(model) });
  }
  const before = structuredClone(model);
  writeFileSync(join(dir, "state.json"), pulumi(["stack", "export"]).stdout);

  scenario.change(model);
  const env = tenantsFile(model);
  const planFile = join(scratch, "plan.json");
  const preview = pulumi(["preview", "--json", `--save-plan=${planFile}`], { env, allowFailure: true });
  writeFileSync(join(dir, "preview.json"), preview.stdout);
  const sames = pulumi(["preview", "--json", "--show-sames"], { env, allowFailure: true });
  writeFileSync(join(dir, "preview-sames.json"), sames.stdout);
  if (preview.status === 0) cpSync(planFile, join(dir, "plan.json"));
  if (scenario.intent) writeFileSync(join(dir, "intent.yaml"), stringify(scenario.intent));
  writeFileSync(join(dir, "tenants.before.yaml"), stringify(before));
  writeFileSync(join(dir, "tenants.after.yaml"), stringify(model));

  const digest = JSON.parse(preview.stdout);
  const verdict = scenario.check(digest, preview.status);
  if (verdict !== true) throw new Error(`${scenario.name}: the recording does not show the scenario: ${verdict}`);
  const state = JSON.parse(readFileSync(join(dir, "state.json"), "utf8"));
  const summary = {
    name: scenario.name,
    demo: scenario.demo ?? true,
    description: scenario.description,
    expected: scenario.expected,
    stack: STACK,
    priorUpdates: (scenario.prepare ?? []).length,
    previewExitCode: preview.status,
    resourcesInPriorState: state.deployment.resources.length,
    changeSummary: digest.changeSummary,
    files: ["state.json", "preview.json", "preview-sames.json", preview.status === 0 ? "plan.json" : null,
      scenario.intent ? "intent.yaml" : null, "tenants.before.yaml", "tenants.after.yaml"].filter(Boolean),
  };
  writeFileSync(join(dir, "scenario.json"), `${JSON.stringify(summary, null, 2)}\n`);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`${scenario.name}: ${summary.resourcesInPriorState} resources before, changes ${JSON.stringify(digest.changeSummary)}, ${seconds}s`);
  return summary;
}

const chosen = only.length ? scenarios.filter((s) => only.includes(s.name)) : scenarios;
if (only.length && chosen.length !== only.length) throw new Error(`unknown scenario in: ${only.join(", ")}`);
const summaries = chosen.map(record);
if (!only.length) {
  const index = summaries.map(({ name, demo, description, expected }) => ({ name, demo, description, expected }));
  writeFileSync(join(outDir, "index.json"), `${JSON.stringify(index, null, 2)}\n`);
}
