// Loads blastguard.yaml / --config (YAML or JSON) through the one config schema. Errors name the
// file and the field path, never the value.
import { existsSync, readFileSync, statSync } from "node:fs";
import type { z } from "zod";
import { ConfigError, whyNotOpened } from "../errors.js";
import { Config } from "../model/config.js";
import { keysAt, safeIssuePath } from "../readers/issue-path.js";
import { parseCoreYaml } from "./yaml-core.js";

export const DEFAULT_CONFIG_FILE = "blastguard.yaml";

/** Parses YAML or JSON text (JSON is YAML): the core schema only, duplicate keys refused. */
export function parseDocumentText(text: string, label: string): unknown {
  return parseCoreYaml(text, label);
}

/**
 * The first problem as one line: the file, the field path, and what is wrong. An unknown key is
 * answered with the keys the schema allows there; values and keys of the file are never quoted.
 * `kind` names the document, e.g. "intent ".
 */
export function describeIssue(label: string, error: z.ZodError, kind = "", schema: z.ZodType = Config): string {
  const issue = error.issues[0];
  const path = safeIssuePath(schema, issue?.path ?? []);
  let detail = "invalid";
  if (issue?.code === "unrecognized_keys") {
    const allowed = keysAt(schema, issue.path);
    detail = `unknown key${issue.keys.length === 1 ? "" : "s"}${allowed.length ? ` (allowed here: ${allowed.join(", ")})` : ""}`;
  } else if (issue) detail = issue.message;
  return `${label}: invalid ${kind}at ${path}: ${detail}`;
}

/**
 * Pulumi's policy-pack config says `enforcementLevel` where blastguard.yaml says `enforcement`;
 * both are accepted, and must agree when both are given.
 */
function withEnforcementAliases(config: Config, label: string): Config {
  for (const [id, settings] of Object.entries(config.policies) as [string, { enforcement?: string; enforcementLevel?: string }][]) {
    if (settings.enforcementLevel === undefined) continue;
    if (settings.enforcement !== undefined && settings.enforcement !== settings.enforcementLevel) {
      throw new ConfigError(`${label}: invalid at policies.${id}: enforcement and enforcementLevel disagree; give one`);
    }
    settings.enforcement = settings.enforcementLevel as typeof settings.enforcement;
    delete settings.enforcementLevel;
  }
  return config;
}

export function parseConfig(value: unknown, label: string): Config {
  const result = Config.safeParse(value ?? {});
  if (!result.success) throw new ConfigError(describeIssue(label, result.error));
  return withEnforcementAliases(result.data, label);
}

/** The config from an explicit path, else ./blastguard.yaml if present, else the defaults. */
/** Config, intent and override files are small: a megabyte is far more than any real one needs. */
export const MAX_DOCUMENT_BYTES = 1024 * 1024;

/**
 * Reads and parses one small YAML or JSON document (a config, intent or override file): size
 * limit, strict UTF-8, then the YAML parser. `what` names the kind of file in errors.
 */
export function readDocumentFile(path: string, what: string): unknown {
  let stats;
  try {
    stats = statSync(path);
  } catch (e) {
    throw new ConfigError(`${path}: ${what} ${whyNotOpened(e) === "no such file" ? "not found" : `cannot be read (${whyNotOpened(e)})`}`);
  }
  if (stats.isDirectory()) throw new ConfigError(`${path}: ${what} is a directory, not a file`);
  let text: string;
  try {
    if (stats.size > MAX_DOCUMENT_BYTES) throw new ConfigError(`${path}: ${what} is larger than ${MAX_DOCUMENT_BYTES} bytes`);
    text = new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(path));
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(`${path}: ${what} cannot be read as UTF-8 text`);
  }
  return parseDocumentText(text, path);
}

export function loadConfig(path?: string, cwd = process.cwd()): Config {
  const file = path ?? (existsSync(`${cwd}/${DEFAULT_CONFIG_FILE}`) ? `${cwd}/${DEFAULT_CONFIG_FILE}` : undefined);
  if (!file) return parseConfig({}, "defaults");
  return parseConfig(readDocumentFile(file, "config file"), file);
}
