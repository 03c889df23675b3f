// `blastguard check` and `blastguard preview`: gather the inputs (files, or what the pulumi CLI
// prints), check each change, and write the report in every format asked for.
import { loadContext } from "../audit/context.js";
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { check, type CheckOptions } from "../check.js";
import { loadConfig } from "../config/load.js";
import { loadOverrides } from "../config/overrides.js";
import { PolicyEvaluator } from "../engine/evaluate.js";
import { loadIntent } from "../intent/load.js";
import type { Config } from "../model/config.js";
import type { Report } from "../model/report.js";
import { exportStack, previewWithPlan } from "../pulumi/commands.js";
import { exitCode } from "../report/build.js";
import { formats, type FormatName } from "../report/formats.js";
import { verdictLine } from "../report/text.js";
import { writeRunbook } from "../runbook/files.js";
import { UsageError, type CheckArgs, type PreviewArgs, type ReportArgs } from "./args.js";

export interface Output {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  colour: boolean;
}

interface Prepared {
  config: Config;
  base: CheckOptions;
}

function prepare(args: ReportArgs): Prepared {
  const config = loadConfig(args.config);
  const intent = args.intent === undefined ? null : loadIntent(args.intent, config);
  const overrides = args.override === undefined ? undefined : loadOverrides(args.override);
  return { config, base: { config, overrides, intent, requester: intent?.requester ?? null, failOn: args.failOn } };
}

async function checkAll(inputs: { path: string; options: CheckOptions }[], base: CheckOptions): Promise<Report[]> {
  const evaluator = new PolicyEvaluator();
  evaluator.warm(); // loads the policy while the input is read
  const reports: Report[] = [];
  try {
    for (const { path, options } of inputs) reports.push((await check(path, { ...base, ...options, evaluator })).report);
  } finally {
    evaluator.close();
  }
  return reports;
}

function writeReports(reports: Report[], args: ReportArgs, out: Output): 0 | 1 | 2 {
  if (args.quiet) out.stdout(reports.map((r) => verdictLine(r, { colour: out.colour })).join("\n") + "\n");
  else out.stdout(formats[args.format].render(reports, { colour: out.colour, projectRoot: args.projectRoot }));
  for (const [name, file] of Object.entries(args.outputs) as [FormatName, string][]) {
    try {
      writeFileSync(file, formats[name].render(reports, { projectRoot: args.projectRoot }));
    } catch {
      throw new UsageError(`cannot write ${file}`);
    }
  }
  if (args.outRunbook !== undefined) writeRunbook(args.outRunbook, reports[0]!);
  return exitCode(reports);
}

export async function runCheck(args: CheckArgs, out: Output): Promise<0 | 1 | 2> {
  const { config, base } = prepare(args);
  const limits = { timeoutMs: args.timeoutSeconds * 1000, maxBytes: config.limits.maxInputBytes };
  const priorState = args.stack === undefined ? undefined : await exportStack({ stack: args.stack || undefined, ...limits });
  const context = await loadContext(args.context, { maxBytes: config.limits.maxInputBytes, maxDepth: config.limits.maxDepth });
  const inputs = args.files.map((path) => ({ path, options: { statePath: args.state, priorState, inputFormat: args.inputFormat, context } }));
  return writeReports(await checkAll(inputs, base), args, out);
}

export async function runPreview(args: PreviewArgs, out: Output): Promise<0 | 1 | 2> {
  const { config, base } = prepare(args);
  const cwd = resolve(args.cwd ?? ".");
  const pulumi = { cwd, stack: args.stack, timeoutMs: args.timeoutSeconds * 1000, maxBytes: config.limits.maxInputBytes };
  const priorState = await exportStack(pulumi);
  const run = await previewWithPlan({ ...pulumi, plan: args.plan, extraArgs: args.pulumiArgs });
  const inputs: { path: string; options: CheckOptions }[] = [{ path: "pulumi preview --json", options: { changeBytes: run.preview, priorState } }];
  if (run.plan) inputs.push({ path: run.plan, options: { priorState } });
  const code = writeReports(await checkAll(inputs, base), args, out);
  if (run.plan) {
    out.stderr(`blastguard: plan kept at ${run.plan}${code === 0 ? `; apply exactly what was checked: pulumi up --plan ${run.plan}` : " (the check did not allow it: do not apply it)"}\n`);
  } else {
    out.stderr(`blastguard: pulumi preview exited ${run.status} and saved no plan; only its JSON digest was checked\n`);
  }
  return code;
}
