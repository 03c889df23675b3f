// Loads `--intent <file>` (YAML or JSON) through the intent schema built from the configured scope
// levels. Errors name the file and the field path (e.g. actions.0.target.id), never input bytes:
// zod's own text for unknown keys quotes the key, so that case gets its own wording.
import type { z } from "zod";
import { readDocumentFile } from "../config/load.js";
import { ConfigError } from "../errors.js";
import { safeIssuePath } from "../readers/issue-path.js";
import type { Config } from "../model/config.js";
import { intentSchema, toPolicyIntent, type Intent, type PolicyIntent } from "../model/intent.js";

function describe(label: string, error: z.ZodError, schema: z.ZodType): string {
  const issue = error.issues[0];
  const path = safeIssuePath(schema, issue?.path ?? []);
  const what = issue === undefined ? "invalid" : issue.code === "unrecognized_keys" ? "unknown key" : issue.message;
  return `${label}: invalid intent at ${path}: ${what}`;
}

export function parseIntent(value: unknown, config: Config, label: string): Intent {
  const schema = intentSchema(config.scopes);
  const result = schema.safeParse(value);
  if (!result.success) throw new ConfigError(describe(label, result.error, schema));
  return result.data;
}

export function loadIntent(path: string, config: Config): PolicyIntent {
  return toPolicyIntent(parseIntent(readDocumentFile(path, "intent file"), config, path), config.scopes);
}
