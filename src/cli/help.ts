// The help texts, made from the command table in args.ts so that they never drift from parsing.
import { auditFormatNames, auditFormats } from "../audit/formats.js";
import { formatNames, formats } from "../report/formats.js";
import { commandNames, commands, type CommandName } from "./args.js";

export function mainHelp(): string {
  const width = Math.max(...commandNames.map((c) => c.length));
  return [
    "blastguard: refuses dangerous Pulumi deletions before `pulumi up` runs.",
    "",
    "Usage: blastguard <command> [options]",
    "",
    "Commands:",
    ...commandNames.map((c) => `  ${c.padEnd(width)}  ${commands[c].summary}`),
    `  ${"help".padEnd(width)}  help <command>: that command's options`,
    `  ${"version".padEnd(width)}  print the version (also --version)`,
    "",
    "Exit codes: 0 allowed, 1 blocked, 2 could not decide (deployment blocked).",
    "Colour on a terminal; NO_COLOR turns it off, FORCE_COLOR on.",
    "",
  ].join("\n");
}

export function commandHelp(name: CommandName): string {
  const command = commands[name];
  const options = Object.entries(command.options) as [string, { short?: string; help: string }][];
  const width = Math.max(...options.map(([o]) => o.length));
  const lines = [
    `Usage: ${command.usage}`,
    "",
    ...command.about,
    "",
    "Options:",
    ...options.map(([o, spec]) => `  ${spec.short ? `-${spec.short}, ` : "    "}--${o.padEnd(width)} ${spec.help}`),
  ];
  if ("format" in command.options && command.options.format.help.includes(formatNames.join("|"))) {
    lines.push("", "Formats:", ...formatNames.map((f) => `  ${f.padEnd(9)} ${formats[f].description}`));
  }
  if (name === "audit" || name === "merge") lines.push("", "Formats:", ...auditFormatNames.map((f) => `  ${f.padEnd(9)} ${auditFormats[f].description}`));
  return [...lines, ""].join("\n");
}
