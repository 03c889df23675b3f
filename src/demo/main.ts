// `npm run demo`: runs blastguard over the scenarios recorded from the real Pulumi engine on the
// infra/ program (examples/scenarios/, no Pulumi CLI or cloud needed) and prints, for each, the
// verdict and why. Exits 1 if a verdict differs from the one the scenario expects.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { check } from "../check.js";
import { loadConfig } from "../config/load.js";
import { PolicyEvaluator } from "../engine/evaluate.js";
import { describeUnexpected } from "../errors.js";
import { loadIntent } from "../intent/load.js";
import type { Report } from "../model/report.js";

const scenariosDir = fileURLToPath(new URL("../../../examples/scenarios/", import.meta.url));

interface Scenario {
  name: string;
  demo: boolean;
  description: string;
  expected: { verdict: "allow" | "block"; why: string };
}

const shown: Record<Report["verdict"], string> = { allowed: "allow", blocked: "block", undecided: "undecided" };

/** One blocking finding per policy, so every reason shows, then how many more there are. */
function why(report: Report): string[] {
  const blocking = report.findings.filter((f) => f.level === "error" || f.level === "undecided");
  if (blocking.length === 0) return ["    no policy refused the change"];
  const firstPerPolicy = blocking.filter((f, i) => blocking.findIndex((g) => g.policy === f.policy) === i);
  const lines = firstPerPolicy.map((f) => `    ${f.policy}: ${f.message}`);
  const more = blocking.length - firstPerPolicy.length;
  if (more > 0) lines.push(`    ... and ${more} more finding${more === 1 ? "" : "s"} of these policies`);
  return lines;
}

async function main(): Promise<number> {
  const scenarios = (JSON.parse(readFileSync(`${scenariosDir}index.json`, "utf8")) as Scenario[]).filter((s) => s.demo);
  const config = loadConfig();
  const evaluator = new PolicyEvaluator();
  let mismatches = 0;
  const started = performance.now();
  try {
    for (const [i, s] of scenarios.entries()) {
      const dir = `${scenariosDir}${s.name}/`;
      const intentPath = `${dir}intent.yaml`;
      const hasIntent = existsSync(intentPath);
      let report: Report | null = null;
      let error = "";
      try {
        const intent = hasIntent ? loadIntent(intentPath, config) : null;
        report = (await check(`${dir}preview.json`, { config, statePath: `${dir}state.json`, intent, evaluator })).report;
      } catch (e) {
        error = describeUnexpected(e);
      }
      const verdict = report ? shown[report.verdict] : "undecided";
      const ok = verdict === s.expected.verdict;
      if (!ok) mismatches++;
      console.log(`(${String.fromCharCode(97 + i)}) ${s.name}: ${verdict.toUpperCase()}${ok ? "" : `  <-- expected ${s.expected.verdict}`}`);
      console.log(`    ${s.description}`);
      if (hasIntent) console.log(`    intent: ${intentPath.slice(scenariosDir.length)}`);
      console.log((report ? why(report) : [`    could not decide: ${error}`]).join("\n"));
      console.log();
    }
  } finally {
    evaluator.close();
  }
  console.log(`${scenarios.length} scenarios in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
    `run one yourself: npx blastguard check examples/scenarios/<name>/preview.json --state examples/scenarios/<name>/state.json [--intent .../intent.yaml]`);
  return mismatches === 0 ? 0 : 1;
}

process.exitCode = await main();
