// Loads `--override <file>` (YAML or JSON) through its zod schema. A file that cannot be read
// or does not validate is an error (exit 2): a broken override file never silently applies
// nothing while its author thinks it applied. Errors name the file and the field path only.
import { readFileSync, statSync } from "node:fs";
import { ConfigError } from "../errors.js";
import { OverrideFile, type OverrideEntry } from "../model/override.js";
import { describeIssue, parseDocumentText } from "./load.js";

/** Overrides name a few resources each: a megabyte is far more than any real file needs. */
export const MAX_OVERRIDE_BYTES = 1024 * 1024;

export function parseOverrides(value: unknown, label: string): OverrideEntry[] {
  const result = OverrideFile.safeParse(value);
  if (!result.success) throw new ConfigError(describeIssue(label, result.error));
  return result.data.overrides;
}

export function loadOverrides(path: string): OverrideEntry[] {
  let text: string;
  try {
    if (statSync(path).size > MAX_OVERRIDE_BYTES) throw new ConfigError(`${path}: override file is larger than ${MAX_OVERRIDE_BYTES} bytes`);
    text = new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(path));
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(`${path}: override file cannot be read as UTF-8 text`);
  }
  return parseOverrides(parseDocumentText(text, path), path);
}
