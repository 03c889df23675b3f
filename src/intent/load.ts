// Loads `--intent <file>` (YAML or JSON) through the intent schema built from the configured scope
// levels. Errors name the file and the field path (e.g. actions.0.target.id), and for an unknown
// key the keys allowed there; never a value or a key of the file.
import { describeIssue, readDocumentFile } from "../config/load.js";
import { ConfigError } from "../errors.js";
import type { Config } from "../model/config.js";
import { intentSchema, toPolicyIntent, type Intent, type PolicyIntent } from "../model/intent.js";

export function parseIntent(value: unknown, config: Config, label: string): Intent {
  const schema = intentSchema(config.scopes);
  const result = schema.safeParse(value);
  if (!result.success) throw new ConfigError(describeIssue(label, result.error, "intent ", schema));
  return result.data;
}

export function loadIntent(path: string, config: Config): PolicyIntent {
  return toPolicyIntent(parseIntent(readDocumentFile(path, "intent file"), config, path), config.scopes);
}
