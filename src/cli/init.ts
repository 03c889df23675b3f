// `blastguard init`: a starting point for a project. Writes a commented blastguard.yaml (scope
// levels guessed from a stack's tags with --state or --stack, the defaults otherwise), a policy
// pack folder that imports blastguard/pack, and the GitHub workflow. Existing files are kept
// unless --force; the config is validated before it is written.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse } from "yaml";
import { parseConfig } from "../config/load.js";
import { ConfigError } from "../errors.js";
import { DEFAULT_SCOPE_LEVELS, defaultConfig, type ScopeLevel } from "../model/config.js";
import { exportStack } from "../pulumi/commands.js";
import { readChangeSet, readFileLimited } from "../readers/index.js";
import { packageInfo, packageRoot } from "../version.js";
import type { InitArgs } from "./args.js";
import { guessScopeLevels } from "./guess-scopes.js";
import type { Output } from "./run-check.js";

const q = (s: string) => JSON.stringify(s); // a JSON string is a valid YAML double-quoted scalar

function levelLine(l: ScopeLevel): string {
  return `    - { name: ${l.name}, tagKey: ${q(l.tagKey)}, idPattern: ${q(l.idPattern)}, componentTypes: [${l.componentTypes.map(q).join(", ")}] }`;
}

export function configText(levels: readonly ScopeLevel[] | null, source: string | null): string {
  const d = defaultConfig();
  const bulk = d.policies["bulk-delete"];
  const budget = d.policies["tenant-delete-budget"];
  const backup = d.policies["data-multi-location-backup"];
  const scopes = levels && levels.length > 0 ? levels : (DEFAULT_SCOPE_LEVELS as ScopeLevel[]);
  return [
    `# yaml-language-server: $schema=./node_modules/blastguard/schemas/blastguard.schema.json`,
    `# blastguard's configuration (written by blastguard init; every key is optional).`,
    `version: 1`,
    ``,
    `# What a finding that cannot be verified at preview counts as: violation (blocks) or warning.`,
    `unverifiable: ${d.unverifiable}`,
    ``,
    `# Per policy: enforcement (or enforcementLevel) mandatory | advisory | disabled, and its`,
    `# parameters. \`blastguard policies\` lists them as this file sets them.`,
    `policies:`,
    `  bulk-delete: { maxDeletes: ${bulk.maxDeletes}, maxPercent: ${bulk.maxPercent}, minResources: ${bulk.minResources} }`,
    `  tenant-delete-budget: { maxPercent: ${budget.maxPercent}, refuseRootUnitDelete: ${budget.refuseRootUnitDelete} }`,
    `  data-multi-location-backup: { minRegions: ${backup.minRegions}, requireDistinctAccounts: ${backup.requireDistinctAccounts} }`,
    `  # protected-delete: { enforcement: mandatory }`,
    ``,
    `# The tag that says what data a resource holds (customer, internal, ephemeral, ...).`,
    `dataClass: { tagKey: ${q(d.dataClass.tagKey)} }`,
    ``,
    `# The units of the deletion scope, outermost first (the first is "the tenant"). A resource's`,
    `# unit at each level comes from its tag, else from a component of that type, else its parent.`,
    levels && levels.length > 0
      ? `# Guessed from the tags of ${source}: check the names and ID formats before relying on them.`
      : levels
        ? `# No tag in ${source} looked like a scope level: these are the defaults; edit them.`
        : `# The defaults, as in the example program; pass --state or --stack to guess them from a stack.`,
    `scopes:`,
    `  levels:`,
    ...scopes.map(levelLine),
    ``,
    `# limits: { maxInputBytes: ${d.limits.maxInputBytes}, maxDepth: ${d.limits.maxDepth}, evalTimeoutSeconds: ${d.limits.evalTimeoutSeconds} }`,
    ``,
  ].join("\n");
}

async function stateLevels(args: InitArgs, timeoutMs: number): Promise<{ levels: ScopeLevel[]; source: string } | null> {
  const limits = { maxBytes: defaultConfig().limits.maxInputBytes, maxDepth: defaultConfig().limits.maxDepth };
  let bytes: Uint8Array;
  let label: string;
  if (args.state !== undefined) {
    bytes = await readFileLimited(args.state, limits);
    label = args.state;
  } else if (args.stack !== undefined) {
    // the Pulumi project is the working directory; --dir is only where the files go
    ({ bytes, label } = await exportStack({ stack: args.stack || undefined, timeoutMs, maxBytes: limits.maxBytes }));
  } else return null;
  const change = readChangeSet(bytes, label, { limits });
  if (change.source.format !== "state" && change.source.format !== "checkpoint") {
    throw new ConfigError(`${label}: init guesses scope levels from a stack export, not a ${change.source.format}`);
  }
  return { levels: guessScopeLevels(change, defaultConfig().dataClass.tagKey), source: label };
}

function templateFile(...parts: string[]): string {
  const root = packageRoot();
  if (!root) throw new ConfigError("blastguard's own files (templates/) were not found");
  return join(root, ...parts);
}

export async function runInit(args: InitArgs, out: Output): Promise<0 | 1 | 2> {
  const guessed = await stateLevels(args, 600_000);
  const config = configText(guessed?.levels ?? null, guessed?.source ?? null);
  parseConfig(parse(config), "the generated blastguard.yaml"); // never write a config check would refuse
  const packJson = JSON.parse(readFileSync(templateFile("templates", "policy-pack", "package.json"), "utf8")) as { dependencies: Record<string, string> };
  packJson.dependencies["blastguard"] = `^${packageInfo().version}`;
  const files: [string, string][] = [
    ["blastguard.yaml", config],
    ["blastguard-pack/PulumiPolicy.yaml", readFileSync(templateFile("templates", "policy-pack", "PulumiPolicy.yaml"), "utf8")],
    ["blastguard-pack/index.js", readFileSync(templateFile("templates", "policy-pack", "index.js"), "utf8")],
    ["blastguard-pack/package.json", JSON.stringify(packJson, null, 2) + "\n"],
    [".github/workflows/blastguard.yml", readFileSync(templateFile("examples", "github-actions", "blastguard.yml"), "utf8")],
  ];
  for (const [name, text] of files) {
    const path = join(args.dir, name);
    const shown = args.dir === "." ? name : path;
    if (existsSync(path) && !args.force) {
      out.stdout(`kept    ${shown} (exists; --force overwrites)\n`);
      continue;
    }
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    out.stdout(`wrote   ${shown}\n`);
  }
  if (guessed) out.stdout(`scope levels from ${guessed.source}: ${guessed.levels.map((l) => `${l.name} (${l.tagKey})`).join(" > ") || "none found; the defaults were written"}\n`);
  out.stdout("next: review blastguard.yaml; in blastguard-pack run npm install; set STACK and PROJECT_DIR in the workflow\n");
  return 0;
}
