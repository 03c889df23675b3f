// Loads `--override <file>` (YAML or JSON) through its zod schema. A file that cannot be read
// or does not validate is an error (exit 2): a broken override file never silently applies
// nothing while its author thinks it applied. Errors name the file and the field path only.
import { ConfigError } from "../errors.js";
import { OverrideFile, type OverrideEntry } from "../model/override.js";
import { describeIssue, readDocumentFile } from "./load.js";

export function parseOverrides(value: unknown, label: string): OverrideEntry[] {
  const result = OverrideFile.safeParse(value);
  if (!result.success) throw new ConfigError(describeIssue(label, result.error, "", OverrideFile));
  return result.data.overrides;
}

export function loadOverrides(path: string): OverrideEntry[] {
  return parseOverrides(readDocumentFile(path, "override file"), path);
}
