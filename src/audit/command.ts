// Running the `audit` and `merge` commands, parsed from the CLI's command table (src/cli/args.ts):
// judge the fleet (or join the shards' reports) and write every output asked for. The CLI entry
// maps what they throw to exit 2, as for check.
import { closeSync, openSync, writeSync } from "node:fs";
import { UsageError, type AuditArgs, type AuditReportArgs, type MergeArgs } from "../cli/args.js";
import { loadConfig } from "../config/load.js";
import { auditFormats } from "./formats.js";
import { Pool } from "./pool.js";
import { runAudit, type AuditRun } from "./run.js";
import { SpillFolder } from "./spill.js";
import { exitCodeOf } from "./summary.js";

function writeFile(file: string, write: (to: (chunk: string) => void) => void): void {
  const fail = () => new UsageError(`cannot write ${file}`);
  let fd: number;
  try {
    fd = openSync(file, "w");
  } catch {
    throw fail();
  }
  try {
    write((chunk) => {
      try {
        writeSync(fd, chunk);
      } catch {
        throw fail();
      }
    });
  } finally {
    closeSync(fd);
  }
}

function emit(run: AuditRun, args: AuditReportArgs): 0 | 1 | 2 {
  auditFormats[args.format].write(run, (chunk) => void process.stdout.write(chunk));
  for (const [name, file] of args.outputs) writeFile(file, (to) => auditFormats[name].write(run, to));
  // Every stack's verdict was decided with --fail-on, so the fleet's verdict is the exit code.
  return exitCodeOf(run.summary.verdict);
}

/** Whether an output asked for lists every stack's findings (so the full results must be kept). */
const listsFindings = (args: AuditReportArgs) => [args.format, ...args.outputs.map(([name]) => name)].some((f) => auditFormats[f].listsFindings);

export async function runAuditCommand(args: AuditArgs): Promise<0 | 1 | 2> {
  // The workers started with the CLI (start-early.ts) are adopted here, before the config and the fleet are read.
  const pool = new Pool(args.workers);
  const spill = listsFindings(args) ? new SpillFolder() : null;
  try {
    const run = await runAudit(
      { paths: args.paths, stacks: args.stacks, allStacks: args.allStacks },
      { config: loadConfig(args.config), failOn: args.failOn, shard: args.shard, context: args.context, keepResults: spill !== null },
      pool,
      spill,
    );
    return emit(run, args);
  } finally {
    pool.close();
    spill?.remove();
  }
}

export async function runMergeCommand(args: MergeArgs): Promise<0 | 1 | 2> {
  // Imported here: merge reads reports with the readers, which an audit's main thread never needs.
  const { mergeFiles } = await import("./merge.js");
  return emit(await mergeFiles(args.reports, args.failOn), args);
}
