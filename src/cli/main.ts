#!/usr/bin/env node
// The `blastguard` command. The only place that sets the process exit code: 0 allowed,
// 1 violations, 2 could not decide (any error at all, as one line with no input bytes).
import "../engine/start-early.js"; // first: the policy engine boots while the rest loads
import "../audit/start-early.js"; // and for `audit`, its worker pool
import { readFileSync } from "node:fs";
import { loadConfig } from "../config/load.js";
import { loadCatalog } from "../engine/bundle.js";
import { describeUnexpected, GuardError } from "../errors.js";
import { parseCommandLine, UsageError } from "./args.js";
import { wantsColour } from "./colour.js";
import { commandHelp, mainHelp } from "./help.js";
import type { Output } from "./run-check.js";

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

/**
 * A reader that goes away (`blastguard check … | head`) closes the pipe: stop writing, keep the
 * verdict's exit code, and print no stack trace.
 */
function ignoreClosedPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code !== "EPIPE") throw e;
    });
  }
}

const output: Output = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  colour: wantsColour(process.stdout),
};

async function main(argv: string[]): Promise<0 | 1 | 2> {
  try {
    const args = parseCommandLine(argv);
    // Each command loads its modules when run: a check never pays for the others, and an audit's
    // main thread, which only dispatches the fleet to its workers and writes the outputs, never
    // loads the check pipeline.
    switch (args.command) {
      case "help":
        output.stdout(args.topic === "main" ? mainHelp() : commandHelp(args.topic));
        return 0;
      case "version":
        output.stdout(`blastguard ${version()}\n`);
        return 0;
      case "policies": {
        const { policyRows, renderPolicies } = await import("./policies.js");
        output.stdout(renderPolicies(policyRows(loadCatalog().policies, loadConfig(args.config)), args.format));
        return 0;
      }
      case "init":
        return await (await import("./init.js")).runInit(args, output);
      case "check":
        return await (await import("./run-check.js")).runCheck(args, output);
      case "preview":
        return await (await import("./run-check.js")).runPreview(args, output);
      case "audit":
        return await (await import("../audit/command.js")).runAuditCommand(args);
      case "merge":
        return await (await import("../audit/command.js")).runMergeCommand(args);
      case "runbook": {
        const { restoreScript } = await import("../runbook/files.js");
        const { runbookJsonSchema } = await import("../runbook/model.js");
        output.stdout(args.plan === null ? JSON.stringify(runbookJsonSchema(), null, 2) + "\n" : await restoreScript(args.plan, args.concurrency));
        return 0;
      }
    }
  } catch (e) {
    const message = e instanceof GuardError || e instanceof UsageError ? e.message : describeUnexpected(e);
    // One line, and no control or format characters (a file name can carry them).
    output.stderr(`blastguard: error: ${message.replace(/\s*\n\s*/g, " ").replace(/[\p{Cc}\p{Cf}]/gu, "?")}\n`);
    return 2;
  }
}

ignoreClosedPipes();
process.exitCode = await main(process.argv.slice(2));
