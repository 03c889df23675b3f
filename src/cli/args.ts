// Command-line parsing for `blastguard`. One table of commands, each with its option table,
// drives parsing, the help text (src/cli/help.ts) and the "did you mean" suggestions.
import { statSync } from "node:fs";
import { parseArgs } from "node:util";
import { inputFormats, type InputFormat } from "../model/changeset.js";
import { formatNames, isFormatName, type FormatName } from "../report/formats.js";
import type { FailOn } from "../report/build.js";
import { projectRootReference } from "../report/sarif.js";
import { auditFormatNames, type AuditFormatName } from "../audit/formats.js";
import type { Shard } from "../audit/model.js";
import { defaultWorkers } from "../audit/pool.js";
import { parseShard } from "../audit/shard.js";
import { nearest, quoteArg } from "./suggest.js";

export class UsageError extends Error {}

interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  /** Repeatable: its value is a list. */
  multiple?: boolean;
  /** "<value>  what it does", shown by --help. */
  help: string;
}
type OptionTable = Record<string, OptionSpec>;

/** What `check` and `preview` share: how the report is judged and written. */
export interface ReportArgs {
  config?: string | undefined;
  intent?: string | undefined;
  override?: string | undefined;
  format: FormatName;
  outputs: Partial<Record<FormatName, string>>;
  failOn: FailOn;
  quiet: boolean;
  /** Where the Pulumi project is, relative to the repository root (SARIF's PROJECTROOT). */
  projectRoot?: string | undefined;
  /** --out-runbook: the restore runbook (versioned JSON plan) of the checked change. */
  outRunbook?: string | undefined;
}

export interface CheckArgs extends ReportArgs {
  command: "check";
  files: string[];
  state?: string | undefined;
  /** --stack: the prior state from `pulumi stack export`; "" means the selected stack. */
  stack?: string | undefined;
  timeoutSeconds: number;
  inputFormat?: InputFormat | undefined;
  /** --context: other stacks whose resources may provide copies (src/audit/context.ts). */
  context: string[];
}

export interface PreviewArgs extends ReportArgs {
  command: "preview";
  /** The Pulumi project directory (default: the working directory). */
  cwd?: string | undefined;
  stack?: string | undefined;
  /** Where the saved plan is kept for `pulumi up --plan`. */
  plan: string;
  timeoutSeconds: number;
  /** Everything after `--`, handed to `pulumi preview` as it is. */
  pulumiArgs: string[];
}

export interface PoliciesArgs {
  command: "policies";
  config?: string | undefined;
  format: "text" | "json";
}

export interface InitArgs {
  command: "init";
  dir: string;
  state?: string | undefined;
  stack?: string | undefined;
  force: boolean;
}

/** `blastguard runbook <plan.json>`: the restore script of a runbook, on standard output. */
export interface RunbookArgs {
  command: "runbook";
  /** The plan file; null with --schema. */
  plan: string | null;
  concurrency?: number | undefined;
}

/** What `audit` and `merge` share: how the fleet's report is written and judged. */
export interface AuditReportArgs {
  format: AuditFormatName;
  /** --out-<format> files, in the table's order. */
  outputs: [AuditFormatName, string][];
  failOn: FailOn;
}

/** `blastguard audit`: the fleet (src/audit/). */
export interface AuditArgs extends AuditReportArgs {
  command: "audit";
  paths: string[];
  stacks: string[];
  allStacks: boolean;
  config?: string | undefined;
  workers: number;
  context: string[];
  shard: Shard | null;
}

/** `blastguard merge`: the JSON reports of a sharded audit. */
export interface MergeArgs extends AuditReportArgs {
  command: "merge";
  reports: string[];
}

export type Args =
  | CheckArgs
  | AuditArgs
  | MergeArgs
  | RunbookArgs
  | PreviewArgs
  | PoliciesArgs
  | InitArgs
  | { command: "help"; topic: CommandName | "main" }
  | { command: "version" };

const reportOptions = {
  config: { type: "string", help: "<file>   config file (default: ./blastguard.yaml when present)" },
  intent: { type: "string", help: "<file>   the declared intent (YAML or JSON): who deletes which units, and why" },
  override: { type: "string", help: "<file>   approved overrides bound to the reviewed input's digest (YAML or JSON)" },
  format: { type: "string", help: `<fmt>    report format on stdout: ${formatNames.join("|")} (default: text)` },
  "fail-on": { type: "string", help: "<level>  violation (default) or warning: what makes exit 1" },
  quiet: { type: "boolean", short: "q", help: "         print only the verdict line (text); --out-<format> files are still written" },
  "project-root": { type: "string", help: "<dir>    the Pulumi project's folder in the repository, for SARIF file locations" },
  ...Object.fromEntries(formatNames.map((f) => [`out-${f}`, { type: "string", help: `<file>   also write the ${f} report to a file` }])),
  "out-runbook": { type: "string", help: "<file>   also write the restore runbook of the destroyed customer data (JSON plan)" },
  help: { type: "boolean", short: "h", help: "         show this help" },
} as const satisfies OptionTable;

const auditReportOptions = {
  format: { type: "string", help: `<fmt>    report format on stdout: ${auditFormatNames.join("|")} (default: text)` },
  "fail-on": reportOptions["fail-on"],
  ...Object.fromEntries(auditFormatNames.map((f) => [`out-${f}`, { type: "string", help: `<file>   also write the ${f} report to a file` }])),
  help: reportOptions.help,
} as const satisfies OptionTable;

export const commands = {
  check: {
    usage: "blastguard check <file...> [options]",
    summary: "check previews, event logs, plans or states",
    about: [
      "Checks each file (`pulumi preview --json`, an event log, a --save-plan plan, or a stack",
      "export); `-` reads standard input. Exit: 0 allowed, 1 blocked, 2 could not decide.",
      "--stack exports the prior state itself (`pulumi stack export`); give a stack reference",
      "(<org>/<project>/<stack>) as `--stack=<ref>`, or none for the project's selected stack.",
    ],
    options: {
      state: { type: "string", help: "<file>   the stack's prior state (`pulumi stack export`) for what the change lacks" },
      stack: { type: "string", help: "[<ref>]  export the prior state from this stack (default: the selected stack)" },
      timeout: { type: "string", help: "<sec>    time limit for `pulumi stack export` with --stack (default: 600)" },
      "input-format": { type: "string", help: `<fmt>    force the input format: ${inputFormats.join("|")} (default: detected)` },
      context: { type: "string", multiple: true, help: "<file|stack> another stack (state file, or stack name for `pulumi stack export`) whose backups may cover this one's stores; repeatable" },
      ...reportOptions,
    },
  },
  preview: {
    usage: "blastguard preview [options] [-- <pulumi preview args>]",
    summary: "run `pulumi preview`, export the state, check both",
    about: [
      "Runs `pulumi preview --json --save-plan` in the Pulumi project, exports the stack's prior",
      "state, checks the saved plan and the preview together and prints the report. The plan file",
      "is kept: apply exactly what was checked with `pulumi up --plan <file>`.",
      "Exit: 0 allowed, 1 blocked, 2 could not decide (also when pulumi fails or is missing).",
    ],
    options: {
      cwd: { type: "string", help: "<dir>    the Pulumi project (default: the working directory)" },
      stack: { type: "string", help: "<ref>    the stack to preview (default: the selected stack)" },
      plan: { type: "string", help: "<file>   where to keep the saved plan (default: blastguard-plan.json in the project)" },
      timeout: { type: "string", help: "<sec>    time limit for each pulumi command (default: 600)" },
      ...reportOptions,
    },
  },
  policies: {
    usage: "blastguard policies [options]",
    summary: "list the policies, as the config sets them",
    about: ["Lists every policy with its severity and its enforcement after the config is applied."],
    options: {
      config: reportOptions.config,
      format: { type: "string", help: "<fmt>    text (default) or json" },
      help: reportOptions.help,
    },
  },
  init: {
    usage: "blastguard init [options]",
    summary: "write a commented blastguard.yaml, a policy pack folder and a workflow",
    about: [
      "Writes blastguard.yaml (scope levels guessed from the state's tags when --state or --stack",
      "is given), blastguard-pack/ (a Pulumi policy pack that imports blastguard/pack) and",
      ".github/workflows/blastguard.yml. Existing files are kept unless --force.",
    ],
    options: {
      dir: { type: "string", help: "<dir>    where to write (default: the working directory)" },
      state: { type: "string", help: "<file>   a `pulumi stack export` to guess the scope levels from" },
      stack: { type: "string", help: "[<ref>]  export the state to guess from (default: the selected stack)" },
      force: { type: "boolean", help: "         overwrite existing files" },
      help: reportOptions.help,
    },
  },
  runbook: {
    usage: "blastguard runbook <plan.json> [options] > restore.sh",
    summary: "write the bash script that restores a runbook's stores (check --out-runbook)",
    about: [
      "Writes the bash script that restores every store of a runbook (`check --out-runbook plan.json`)",
      "from its surviving copy with the AWS CLI. The script is a dry run unless run with --execute;",
      "run it with --help for its own options.",
    ],
    options: {
      concurrency: { type: "string", help: "<n>      stores the script handles at once (default: 4; the script's --concurrency overrides it)" },
      schema: { type: "boolean", help: "         print the runbook's JSON Schema instead" },
      help: reportOptions.help,
    },
  },
  audit: {
    usage: "blastguard audit <state files | folders> [--stacks a,b | --all-stacks] [options]",
    summary: "the customer-data posture of a fleet of stacks",
    about: [
      "Judges every stack's current state (stack exports or checkpoints; a folder means every .json",
      "file under it) with the customer-data posture policies and prints one fleet summary: per",
      "stack and per tenant, worst first. Exit: 0 allowed, 1 blocked, 2 a stack could not be judged.",
    ],
    options: {
      stacks: { type: "string", help: "<list>   comma-separated stack names, read with `pulumi stack export`" },
      "all-stacks": { type: "boolean", help: "         every stack `pulumi stack ls --all` lists" },
      config: reportOptions.config,
      workers: { type: "string", help: `<n>      stacks judged in parallel (default: the number of cores, ${defaultWorkers()} here)` },
      context: { type: "string", multiple: true, help: "<file|stack> a stack whose backups may cover the audited stacks' stores (never judged itself); repeatable" },
      shard: { type: "string", help: "<i/n>    audit only shard i of n (a stable split by stack identity); join with `blastguard merge`" },
      ...auditReportOptions,
    },
  },
  merge: {
    usage: "blastguard merge <audit reports (json)...> [options]",
    summary: "join the JSON reports of a sharded audit",
    about: [
      "Joins the JSON reports of every shard of one audit into the report the unsharded audit gives;",
      "each stack's verdict follows merge's own --fail-on. Exit codes as for audit.",
    ],
    options: auditReportOptions,
  },
} as const satisfies Record<string, { usage: string; summary: string; about: string[]; options: OptionTable }>;

export type CommandName = keyof typeof commands;
export const commandNames = Object.keys(commands) as CommandName[];
const isCommandName = (name: string): name is CommandName => Object.hasOwn(commands, name);

function oneOf<T extends string>(value: unknown, allowed: readonly T[], option: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value as string)) throw new UsageError(`--${option} must be one of ${allowed.join(", ")}`);
  return value as T;
}

function seconds(value: unknown): number {
  if (value === undefined) return 600;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 86400) throw new UsageError("--timeout must be a number of seconds between 1 and 86400");
  return n;
}

function unknownCommand(word: string): UsageError {
  const guess = nearest(word, [...commandNames, "help", "version"]);
  return new UsageError(`unknown command ${quoteArg(word)}${guess ? ` (did you mean "${guess}"?)` : ""}; run blastguard --help`);
}

/**
 * `--stack` takes an optional value: the next word is its value unless it is an option, `--`,
 * or an existing file (the file to check). `--stack=<ref>` is never ambiguous.
 */
function withOptionalStackValue(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (word === "--") return [...out, ...args.slice(i)];
    if (word !== "--stack") {
      out.push(word);
      continue;
    }
    const next = args[i + 1];
    if (next !== undefined && !next.startsWith("-") && !isFile(next)) {
      out.push(`--stack=${next}`);
      i++;
    } else out.push("--stack=");
  }
  return out;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function parseOptions(command: CommandName, args: readonly string[]) {
  const options = commands[command].options as OptionTable;
  const table = Object.fromEntries(
    Object.entries(options).map(([name, o]) => [name, { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) }]),
  );
  const dashDash = args.indexOf("--");
  const own = dashDash === -1 ? args : args.slice(0, dashDash);
  const rest = dashDash === -1 ? [] : args.slice(dashDash + 1);
  try {
    const prepared = "stack" in options && options.stack.help.startsWith("[") ? withOptionalStackValue(own) : [...own];
    const parsed = parseArgs({ args: prepared, options: table, allowPositionals: true, strict: true });
    return { values: parsed.values as Record<string, string | boolean | string[] | undefined>, positionals: parsed.positionals, rest };
  } catch (e) {
    const code = (e as { code?: string }).code;
    const option = e instanceof Error ? /'(-[^']*)'/.exec(e.message)?.[1] : undefined;
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && option) {
      const name = option.replace(/^-+/, "").split("=")[0]!;
      const guess = nearest(name, Object.keys(options));
      throw new UsageError(`unknown option ${quoteArg(option.split("=")[0]!)} for ${command}${guess ? ` (did you mean --${guess}?)` : ""}; run blastguard help ${command}`);
    }
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && option) {
      throw new UsageError(`option ${quoteArg(option.split(" ")[0]!)} needs a value; run blastguard help ${command}`);
    }
    throw new UsageError(`${e instanceof Error ? e.message.split("\n")[0]! : "invalid options"}; run blastguard help ${command}`);
  }
}

function reportArgs(v: Record<string, string | boolean | string[] | undefined>): ReportArgs {
  const outputs: Partial<Record<FormatName, string>> = {};
  for (const f of formatNames) {
    const file = v[`out-${f}`];
    if (typeof file === "string") outputs[f] = file;
  }
  const format = (v.format as string | undefined) ?? "text";
  if (!isFormatName(format)) throw new UsageError(`--format must be one of ${formatNames.join(", ")}`);
  if (typeof v["project-root"] === "string") {
    try {
      projectRootReference(v["project-root"]);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  }
  if (v.quiet && format !== "text") throw new UsageError("--quiet prints the text verdict line; use --out-<format> for other formats");
  return {
    config: v.config as string | undefined,
    intent: v.intent as string | undefined,
    override: v.override as string | undefined,
    format,
    outputs,
    failOn: oneOf(v["fail-on"], ["violation", "warning"] as const, "fail-on") ?? "violation",
    quiet: v.quiet === true,
    projectRoot: v["project-root"] as string | undefined,
    outRunbook: v["out-runbook"] as string | undefined,
  };
}

function auditReportArgs(v: Record<string, string | boolean | string[] | undefined>): AuditReportArgs {
  return {
    format: oneOf(v.format, auditFormatNames, "format") ?? "text",
    outputs: auditFormatNames.flatMap((f) => (typeof v[`out-${f}`] === "string" ? [[f, v[`out-${f}`] as string] as [AuditFormatName, string]] : [])),
    failOn: oneOf(v["fail-on"], ["violation", "warning"] as const, "fail-on") ?? "violation",
  };
}

function workers(text: unknown): number {
  if (text === undefined) return defaultWorkers();
  if (typeof text !== "string" || !/^[1-9][0-9]{0,2}$/.test(text)) throw new UsageError("--workers must be a whole number from 1 to 999");
  return Number(text);
}

export function parseCommandLine(argv: readonly string[]): Args {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h") return { command: "help", topic: "main" };
  if (command === "help") {
    const topic = rest[0];
    if (topic === undefined) return { command: "help", topic: "main" };
    if (!isCommandName(topic)) throw unknownCommand(topic);
    return { command: "help", topic };
  }
  if (command === "--version" || command === "-v" || command === "version") return { command: "version" };
  if (!isCommandName(command)) throw unknownCommand(command);
  const { values: v, positionals, rest: afterDashDash } = parseOptions(command, rest);
  if (v.help) return { command: "help", topic: command };
  if (command !== "preview" && afterDashDash.length > 0) positionals.push(...afterDashDash);
  switch (command) {
    case "check": {
      if (positionals.length === 0) throw new UsageError("check needs at least one file (or - for standard input)");
      if (v.state !== undefined && v.stack !== undefined) throw new UsageError("give the prior state with --state or --stack, not both");
      if (v["out-runbook"] !== undefined && positionals.length !== 1) throw new UsageError("--out-runbook takes exactly one input file (a runbook restores one change)");
      return {
        command,
        files: positionals,
        state: v.state as string | undefined,
        stack: v.stack as string | undefined,
        timeoutSeconds: seconds(v.timeout),
        inputFormat: oneOf(v["input-format"], inputFormats, "input-format"),
        context: (v.context as string[] | undefined) ?? [],
        ...reportArgs(v),
      };
    }
    case "preview": {
      if (positionals.length > 0) throw new UsageError(`preview takes no files; pass pulumi's own options after --, e.g. blastguard preview -- --refresh`);
      return {
        command,
        cwd: v.cwd as string | undefined,
        stack: v.stack as string | undefined,
        plan: (v.plan as string | undefined) ?? "blastguard-plan.json",
        timeoutSeconds: seconds(v.timeout),
        pulumiArgs: afterDashDash,
        ...reportArgs(v),
      };
    }
    case "policies":
      if (positionals.length > 0) throw new UsageError("policies takes no arguments");
      return { command, config: v.config as string | undefined, format: oneOf(v.format, ["text", "json"] as const, "format") ?? "text" };
    case "runbook": {
      if (v.schema === true) {
        if (positionals.length > 0 || v.concurrency !== undefined) throw new UsageError("runbook --schema takes no plan file and no other option");
        return { command, plan: null };
      }
      if (positionals.length !== 1) throw new UsageError("runbook needs exactly one plan file (written by check --out-runbook)");
      const raw = v.concurrency as string | undefined;
      if (raw !== undefined && !/^[1-9][0-9]{0,3}$/.test(raw)) throw new UsageError("--concurrency must be a whole number from 1 to 9999");
      return { command, plan: positionals[0]!, concurrency: raw === undefined ? undefined : Number(raw) };
    }
    case "audit":
      return {
        command,
        paths: positionals,
        stacks: typeof v.stacks === "string" ? v.stacks.split(",").map((s) => s.trim()).filter((s) => s !== "") : [],
        allStacks: v["all-stacks"] === true,
        config: v.config as string | undefined,
        workers: workers(v.workers),
        context: (v.context as string[] | undefined) ?? [],
        shard: typeof v.shard === "string" ? parseShard(v.shard) : null,
        ...auditReportArgs(v),
      };
    case "merge":
      if (positionals.length === 0) throw new UsageError("merge needs the JSON reports of every shard");
      return { command, reports: positionals, ...auditReportArgs(v) };
    case "init":
      if (positionals.length > 0) throw new UsageError("init takes no arguments; use --dir <dir>");
      if (v.state !== undefined && v.stack !== undefined) throw new UsageError("give the state with --state or --stack, not both");
      return { command, dir: (v.dir as string | undefined) ?? ".", state: v.state as string | undefined, stack: v.stack as string | undefined, force: v.force === true };
  }
}
