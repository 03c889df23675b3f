#!/usr/bin/env node
// The `blastguard` command. The only place that sets the process exit code: 0 allowed,
// 1 violations, 2 could not decide (any error at all, as one line with no input bytes).
import { readFileSync, writeFileSync } from "node:fs";
import { auditCommand, mergeCommand } from "../audit/command.js";
import { loadContext } from "../audit/context.js";
import { check } from "../check.js";
import { loadConfig } from "../config/load.js";
import { loadIntent } from "../intent/load.js";
import { loadOverrides } from "../config/overrides.js";
import { loadCatalog } from "../engine/bundle.js";
import { PolicyEvaluator } from "../engine/evaluate.js";
import { describeUnexpected, GuardError } from "../errors.js";
import type { Report } from "../model/report.js";
import { exitCode } from "../report/build.js";
import { formats, type FormatName } from "../report/formats.js";
import { checkHelp, mainHelp, parseCommandLine, UsageError, type CheckArgs } from "./args.js";

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

async function runCheck(args: CheckArgs): Promise<0 | 1 | 2> {
  const config = loadConfig(args.config);
  const intent = args.intent === undefined ? null : loadIntent(args.intent, config);
  const overrides = args.override === undefined ? undefined : loadOverrides(args.override);
  const evaluator = new PolicyEvaluator();
  evaluator.warm(); // loads the policy while the input is read
  const reports: Report[] = [];
  try {
    const context = await loadContext(args.context, { maxBytes: config.limits.maxInputBytes, maxDepth: config.limits.maxDepth });
    for (const file of args.files) {
      const { report } = await check(file, { config, statePath: args.state, inputFormat: args.inputFormat, evaluator, overrides, intent, requester: intent?.requester ?? null, context });
      reports.push(report);
    }
  } finally {
    evaluator.close();
  }
  process.stdout.write(formats[args.format].render(reports));
  for (const [name, file] of Object.entries(args.outputs) as [FormatName, string][]) {
    try {
      writeFileSync(file, formats[name].render(reports));
    } catch {
      throw new UsageError(`cannot write ${file}`);
    }
  }
  return exitCode(reports, args.failOn);
}

function listPolicies(): string {
  return loadCatalog().policies.map((p) => `${p.id.padEnd(24)} ${p.severity.padEnd(8)} ${p.enforcement.padEnd(9)} ${p.title}`).join("\n") + "\n";
}

async function main(argv: string[]): Promise<0 | 1 | 2> {
  try {
    if (argv[0] === "audit") return await auditCommand(argv.slice(1));
    if (argv[0] === "merge") return await mergeCommand(argv.slice(1));
    const args = parseCommandLine(argv);
    switch (args.command) {
      case "help":
        process.stdout.write(args.topic === "check" ? checkHelp() : mainHelp());
        return 0;
      case "version":
        process.stdout.write(`blastguard ${version()}\n`);
        return 0;
      case "policies":
        process.stdout.write(listPolicies());
        return 0;
      case "check":
        return await runCheck(args);
    }
  } catch (e) {
    const message = e instanceof GuardError || e instanceof UsageError ? e.message : describeUnexpected(e);
    process.stderr.write(`blastguard: error: ${message.replace(/\s*\n\s*/g, " ")}\n`);
    return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
