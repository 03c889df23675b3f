// Loads blastguard.yaml / --config (YAML or JSON) through the one config schema. Errors name the
// file and the field path, never the value.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { z } from "zod";
import { ConfigError } from "../errors.js";
import { Config } from "../model/config.js";

export const DEFAULT_CONFIG_FILE = "blastguard.yaml";

// Loaded on first use: most checks read no YAML, and the parser costs ~50 ms of start-up.
const requireLazily = createRequire(import.meta.url);

/** Parses YAML or JSON text (JSON is YAML); duplicate keys are refused. */
export function parseDocumentText(text: string, label: string): unknown {
  const { parse: parseYaml } = requireLazily("yaml") as typeof import("yaml");
  try {
    return parseYaml(text, { uniqueKeys: true, maxAliasCount: 100, prettyErrors: false });
  } catch {
    throw new ConfigError(`${label}: not valid YAML or JSON`);
  }
}

export function describeIssue(label: string, error: z.ZodError): string {
  const issue = error.issues[0];
  const path = issue?.path.length ? issue.path.map(String).join(".") : "(top level)";
  return `${label}: invalid at ${path}: ${issue?.code ?? "invalid"}`;
}

export function parseConfig(value: unknown, label: string): Config {
  const result = Config.safeParse(value ?? {});
  if (!result.success) throw new ConfigError(describeIssue(label, result.error));
  return result.data;
}

/** The config from an explicit path, else ./blastguard.yaml if present, else the defaults. */
export function loadConfig(path?: string, cwd = process.cwd()): Config {
  const file = path ?? (existsSync(`${cwd}/${DEFAULT_CONFIG_FILE}`) ? `${cwd}/${DEFAULT_CONFIG_FILE}` : undefined);
  if (!file) return parseConfig({}, "defaults");
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new ConfigError(`${file}: cannot be read`);
  }
  return parseConfig(parseDocumentText(text, file), file);
}
