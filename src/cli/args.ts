// Command-line parsing for `blastguard`. The option table drives both parsing and --help.
import { parseArgs } from "node:util";
import { inputFormats, type InputFormat } from "../model/changeset.js";
import { formatNames, formats, isFormatName, type FormatName } from "../report/formats.js";
import type { FailOn } from "../report/build.js";

export class UsageError extends Error {}

export interface CheckArgs {
  command: "check";
  files: string[];
  state?: string | undefined;
  config?: string | undefined;
  intent?: string | undefined;
  inputFormat?: InputFormat | undefined;
  format: FormatName;
  outputs: Partial<Record<FormatName, string>>;
  failOn: FailOn;
  /** --override: reviewed, approved, expiring exceptions bound to this input's digest. */
  override?: string | undefined;
  /** --out-runbook: the restore runbook (versioned JSON plan) of the one checked input. */
  outRunbook?: string | undefined;
}

/** `blastguard runbook <plan.json>`: the restore script of a runbook, on standard output. */
export interface RunbookArgs {
  command: "runbook";
  plan: string;
  concurrency?: number | undefined;
}

export type Args = CheckArgs | RunbookArgs | { command: "help"; topic: "main" | "check" | "runbook" } | { command: "version" } | { command: "policies" };

const checkOptions = {
  state: { type: "string", help: "<file>  the stack's prior state (`pulumi stack export`) for what the change lacks" },
  config: { type: "string", help: "<file>  config file (default: ./blastguard.yaml when present)" },
  intent: { type: "string", help: "<file>  the declared intent (YAML or JSON): who deletes which units, and why" },
  "input-format": { type: "string", help: `<fmt>   force the input format: ${inputFormats.join("|")} (default: detected)` },
  format: { type: "string", help: `<fmt>   report format on stdout: ${formatNames.join("|")} (default: text)` },
  "fail-on": { type: "string", help: "<level> violation (default) or warning: what makes exit 1" },
  override: { type: "string", help: "<file>  approved overrides bound to the reviewed input's digest (YAML or JSON)" },
  help: { type: "boolean", short: "h", help: "        show this help" },
  ...Object.fromEntries(formatNames.map((f) => [`out-${f}`, { type: "string", help: `<file>  also write the ${f} report to a file` }])),
  "out-runbook": { type: "string", help: "<file>  also write the restore runbook of the destroyed customer data (JSON plan)" },
} as const satisfies Record<string, { type: "string" | "boolean"; short?: string; help: string }>;

export function mainHelp(): string {
  return [
    "blastguard: refuses dangerous Pulumi deletions before `pulumi up` runs.",
    "",
    "Usage:",
    "  blastguard check <file...> [options]   check previews, event logs, plans or states",
    "  blastguard policies                    list the policies and their defaults",
    "  blastguard runbook <plan.json>         the bash script that restores a runbook (--out-runbook)",
    "  blastguard --version",
    "",
    "Exit codes: 0 allowed, 1 violations, 2 could not decide (deployment blocked).",
    "Run `blastguard check --help` for the check options.",
    "",
  ].join("\n");
}

export function checkHelp(): string {
  const rows = Object.entries(checkOptions).map(([name, o]) => `  --${name} ${o.help}`);
  return [
    "Usage: blastguard check <file...> [options]",
    "",
    "Checks each file (`pulumi preview --json`, an event log, a --save-plan plan, or a stack",
    "export); `-` reads standard input. Exit: 0 allowed, 1 violations, 2 could not decide.",
    "",
    "Options:",
    ...rows,
    "",
    "Formats:",
    ...formatNames.map((f) => `  ${f.padEnd(9)} ${formats[f].description}`),
    "",
  ].join("\n");
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], option: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${option} must be one of ${allowed.join(", ")}`);
  return value as T;
}

export function parseCommandLine(argv: readonly string[]): Args {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") return { command: "help", topic: "main" };
  if (command === "--version" || command === "-v") return { command: "version" };
  if (command === "policies") return { command: "policies" };
  if (command === "runbook") return parseRunbookArgs(rest);
  if (command !== "check") throw new UsageError(`unknown command "${command.slice(0, 40)}"; run blastguard --help`);
  let parsed;
  try {
    parsed = parseArgs({ args: [...rest], options: checkOptions, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message.split("\n")[0]! : "invalid options");
  }
  const v = parsed.values as Record<string, string | boolean | undefined>;
  if (v.help) return { command: "help", topic: "check" };
  if (parsed.positionals.length === 0) throw new UsageError("check needs at least one file (or - for standard input)");
  const outputs: Partial<Record<FormatName, string>> = {};
  for (const f of formatNames) {
    const file = v[`out-${f}`];
    if (typeof file === "string") outputs[f] = file;
  }
  const format = (v.format as string | undefined) ?? "text";
  if (!isFormatName(format)) throw new UsageError(`--format must be one of ${formatNames.join(", ")}`);
  return {
    command: "check",
    files: parsed.positionals,
    state: v.state as string | undefined,
    config: v.config as string | undefined,
    intent: v.intent as string | undefined,
    inputFormat: oneOf(v["input-format"] as string | undefined, inputFormats, "input-format"),
    format,
    outputs,
    failOn: oneOf(v["fail-on"] as string | undefined, ["violation", "warning"] as const, "fail-on") ?? "violation",
    override: v.override as string | undefined,
    outRunbook: oneInput(v["out-runbook"] as string | undefined, parsed.positionals),
  };
}

function oneInput(outRunbook: string | undefined, files: readonly string[]): string | undefined {
  if (outRunbook !== undefined && files.length !== 1) throw new UsageError("--out-runbook takes exactly one input file (a runbook restores one change)");
  return outRunbook;
}

const runbookOptions = {
  concurrency: { type: "string", help: "<n>     stores the script restores at once (default 4; the script's --concurrency overrides it)" },
  help: { type: "boolean", short: "h", help: "        show this help" },
} as const;

export function runbookHelp(): string {
  return [
    "Usage: blastguard runbook <plan.json> [--concurrency N] > restore.sh",
    "",
    "Writes the bash script that restores every store of a runbook (`check --out-runbook plan.json`)",
    "from its surviving copy with the AWS CLI. The script is a dry run unless given --execute.",
    "",
    "Options:",
    ...Object.entries(runbookOptions).map(([name, o]) => `  --${name} ${o.help}`),
    "",
  ].join("\n");
}

function parseRunbookArgs(rest: readonly string[]): Args {
  let parsed;
  try {
    parsed = parseArgs({ args: [...rest], options: runbookOptions, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message.split("\n")[0]! : "invalid options");
  }
  if (parsed.values.help) return { command: "help", topic: "runbook" };
  if (parsed.positionals.length !== 1) throw new UsageError("runbook needs exactly one plan file (written by check --out-runbook)");
  const raw = parsed.values.concurrency;
  if (raw !== undefined && !/^[1-9][0-9]{0,3}$/.test(raw)) throw new UsageError("--concurrency must be a whole number from 1 to 9999");
  return { command: "runbook", plan: parsed.positionals[0]!, concurrency: raw === undefined ? undefined : Number(raw) };
}
