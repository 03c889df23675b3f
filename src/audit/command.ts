// The `audit` and `merge` commands: their options, help and run. The CLI entry (src/cli/main.ts)
// hands them argv and maps what they throw to exit 2, as for check.
import { closeSync, openSync, writeSync } from "node:fs";
import { parseArgs } from "node:util";
import { UsageError } from "../cli/args.js";
import { loadConfig } from "../config/load.js";
import type { FailOn } from "../report/build.js";
import { auditFormatNames, auditFormats, type AuditFormatName } from "./formats.js";
import { mergeFiles } from "./merge.js";
import { defaultWorkers, Pool } from "./pool.js";
import { runAudit, type AuditRun } from "./run.js";
import { parseShard } from "./shard.js";
import { SpillFolder } from "./spill.js";
import { exitCodeOf } from "./summary.js";

const outputOptions = Object.fromEntries(
  auditFormatNames.map((f) => [`out-${f}`, { type: "string", help: `<file>  also write the ${f} report to a file` }]),
) as Record<`out-${AuditFormatName}`, { type: "string"; help: string }>;

const common = {
  format: { type: "string", help: `<fmt>    report format on stdout: ${auditFormatNames.join("|")} (default: text)` },
  "fail-on": { type: "string", help: "<level>  violation (default) or warning: what makes exit 1" },
  help: { type: "boolean", short: "h", help: "         show this help" },
  ...outputOptions,
} as const;

const auditOptions = {
  stacks: { type: "string", help: "<list>   comma-separated stack names, read with `pulumi stack export`" },
  "all-stacks": { type: "boolean", help: "         every stack `pulumi stack ls --all` lists" },
  config: { type: "string", help: "<file>   config file (default: ./blastguard.yaml when present)" },
  workers: { type: "string", help: `<n>      stacks judged in parallel (default: the number of cores, ${defaultWorkers()} here)` },
  context: { type: "string", multiple: true, help: "<file|stack> a stack whose backups may cover the audited stacks' stores (never judged itself); repeatable" },
  shard: { type: "string", help: "<i/n>    audit only shard i of n (a stable split by stack identity); join with `blastguard merge`" },
  ...common,
} as const;

type Options = Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean; help: string }>;

function help(usage: string, about: string[], options: Options): string {
  return [
    `Usage: ${usage}`,
    "",
    ...about,
    "",
    "Options:",
    ...Object.entries(options).map(([name, o]) => {
      const [, arg, text] = /^(<[^>]+>)?\s*(.*)$/.exec(o.help)!;
      return `  ${`--${name}${arg ? ` ${arg}` : ""}`.padEnd(26)} ${text}`;
    }),
    "",
    "Formats:",
    ...auditFormatNames.map((f) => `  ${f.padEnd(9)} ${auditFormats[f].description}`),
    "",
  ].join("\n");
}

export const auditHelp = () =>
  help(
    "blastguard audit <state files | folders> [--stacks a,b | --all-stacks] [options]",
    [
      "Judges every stack's current state (stack exports or checkpoints; a folder means every .json",
      "file under it) with the customer-data posture policies and prints one fleet summary: per",
      "stack and per tenant, worst first. Exit: 0 allowed, 1 violations, 2 a stack could not be judged.",
    ],
    auditOptions,
  );

export const mergeHelp = () =>
  help(
    "blastguard merge <audit reports (json)...> [options]",
    ["Joins the JSON reports of every shard of one audit into the summary the unsharded audit gives."],
    common,
  );

function parse(argv: readonly string[], options: Options) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message.split("\n")[0]! : "invalid options");
  }
}

function outputs(v: Record<string, unknown>) {
  const format = (v.format as string | undefined) ?? "text";
  if (!(auditFormatNames as string[]).includes(format)) throw new UsageError(`--format must be one of ${auditFormatNames.join(", ")}`);
  const failOn = (v["fail-on"] as string | undefined) ?? "violation";
  if (failOn !== "violation" && failOn !== "warning") throw new UsageError("--fail-on must be one of violation, warning");
  const files = auditFormatNames.flatMap((f) => (typeof v[`out-${f}`] === "string" ? [[f, v[`out-${f}`] as string] as const] : []));
  return { format: format as AuditFormatName, failOn: failOn as FailOn, files };
}

function emit(run: AuditRun, out: ReturnType<typeof outputs>): 0 | 1 | 2 {
  auditFormats[out.format].write(run, (chunk) => void process.stdout.write(chunk));
  for (const [name, file] of out.files) {
    let fd: number | undefined;
    const fail = () => new UsageError(`cannot write ${file}`);
    try {
      fd = openSync(file, "w");
    } catch {
      throw fail();
    }
    try {
      auditFormats[name].write(run, (chunk) => {
        try {
          writeSync(fd!, chunk);
        } catch {
          throw fail();
        }
      });
    } finally {
      closeSync(fd);
    }
  }
  // Every stack's verdict was decided with --fail-on, so the summary's verdict is the exit code.
  return exitCodeOf(run.summary.verdict);
}

/** Whether any output asked for lists every stack's findings (so the full results must be kept). */
const listsFindings = (out: ReturnType<typeof outputs>) => [out.format, ...out.files.map(([name]) => name)].some((f) => auditFormats[f].listsFindings);

function workersOf(text: string | undefined): number {
  if (text === undefined) return defaultWorkers();
  if (!/^[1-9][0-9]{0,2}$/.test(text)) throw new UsageError("--workers must be a whole number from 1 to 999");
  return Number(text);
}

export async function auditCommand(argv: readonly string[]): Promise<0 | 1 | 2> {
  const { values: v, positionals } = parse(argv, auditOptions);
  if (v.help) {
    process.stdout.write(auditHelp());
    return 0;
  }
  const out = outputs(v);
  // Started first: the workers load and compile the policy while the config and the fleet are read.
  const pool = new Pool(workersOf(v.workers as string | undefined));
  const spill = listsFindings(out) ? new SpillFolder() : null;
  try {
    const stacks = typeof v.stacks === "string" ? v.stacks.split(",").map((s) => s.trim()).filter((s) => s !== "") : [];
    const run = await runAudit(
      { paths: positionals, stacks, allStacks: v["all-stacks"] === true },
      {
        config: loadConfig(v.config as string | undefined),
        failOn: out.failOn,
        shard: typeof v.shard === "string" ? parseShard(v.shard) : null,
        context: (v.context as string[] | undefined) ?? [],
        keepResults: spill !== null,
      },
      pool,
      spill,
    );
    return emit(run, out);
  } finally {
    pool.close();
    spill?.remove();
  }
}

export async function mergeCommand(argv: readonly string[]): Promise<0 | 1 | 2> {
  const { values: v, positionals } = parse(argv, common);
  if (v.help) {
    process.stdout.write(mergeHelp());
    return 0;
  }
  const out = outputs(v);
  if (positionals.length === 0) throw new UsageError("merge needs the JSON reports of every shard");
  return emit(await mergeFiles(positionals, out.failOn), out);
}
