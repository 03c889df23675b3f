// Loads `--intent <file>` (YAML or JSON) through the intent schema built from the configured scope
// levels. Errors name the file and the field path (e.g. actions.0.target.id), never input bytes:
// zod's own text for unknown keys quotes the key, so that case gets its own wording.
import { readFileSync, statSync } from "node:fs";
import type { z } from "zod";
import { parseDocumentText } from "../config/load.js";
import { ConfigError } from "../errors.js";
import type { Config } from "../model/config.js";
import { intentSchema, toPolicyIntent, type Intent, type PolicyIntent } from "../model/intent.js";

/** An intent names units, not resources: a megabyte is far more than any real one needs. */
export const MAX_INTENT_BYTES = 1024 * 1024;

function describe(label: string, error: z.ZodError): string {
  const issue = error.issues[0];
  const path = issue?.path.length ? issue.path.map(String).join(".") : "(top level)";
  const what = issue === undefined ? "invalid" : issue.code === "unrecognized_keys" ? "unknown key" : issue.message;
  return `${label}: invalid intent at ${path}: ${what}`;
}

export function parseIntent(value: unknown, config: Config, label: string): Intent {
  const result = intentSchema(config.scopes).safeParse(value);
  if (!result.success) throw new ConfigError(describe(label, result.error));
  return result.data;
}

export function loadIntent(path: string, config: Config): PolicyIntent {
  let text: string;
  try {
    if (statSync(path).size > MAX_INTENT_BYTES) throw new ConfigError(`${path}: intent file is larger than ${MAX_INTENT_BYTES} bytes`);
    text = new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(path));
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(`${path}: intent file cannot be read as UTF-8 text`);
  }
  return toPolicyIntent(parseIntent(parseDocumentText(text, path), config, path), config.scopes);
}
