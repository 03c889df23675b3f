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
  /** --context: other stacks whose resources may provide copies (src/audit/context.ts). */
  context: string[];
}

export type Args = CheckArgs | { command: "help"; topic: "main" | "check" } | { command: "version" } | { command: "policies" };

const checkOptions = {
  state: { type: "string", help: "<file>  the stack's prior state (`pulumi stack export`) for what the change lacks" },
  config: { type: "string", help: "<file>  config file (default: ./blastguard.yaml when present)" },
  intent: { type: "string", help: "<file>  the declared intent (YAML or JSON): who deletes which units, and why" },
  "input-format": { type: "string", help: `<fmt>   force the input format: ${inputFormats.join("|")} (default: detected)` },
  format: { type: "string", help: `<fmt>   report format on stdout: ${formatNames.join("|")} (default: text)` },
  "fail-on": { type: "string", help: "<level> violation (default) or warning: what makes exit 1" },
  override: { type: "string", help: "<file>  approved overrides bound to the reviewed input's digest (YAML or JSON)" },
  context: { type: "string", multiple: true, help: "<file|stack> another stack (state file, or stack name for `pulumi stack export`) whose backups may cover this one's stores; repeatable" },
  help: { type: "boolean", short: "h", help: "        show this help" },
  ...Object.fromEntries(formatNames.map((f) => [`out-${f}`, { type: "string", help: `<file>  also write the ${f} report to a file` }])),
} as const satisfies Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean; help: string }>;

export function mainHelp(): string {
  return [
    "blastguard: refuses dangerous Pulumi deletions before `pulumi up` runs.",
    "",
    "Usage:",
    "  blastguard check <file...> [options]   check previews, event logs, plans or states",
    "  blastguard audit <states|folders> [--stacks a,b|--all-stacks]   the customer-data posture of a fleet",
    "  blastguard merge <audit json...>       join the reports of a sharded audit",
    "  blastguard policies                    list the policies and their defaults",
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
    context: (parsed.values.context as string[] | undefined) ?? [],
  };
}
