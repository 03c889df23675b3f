// The one table of output formats: --format, --out-<format> and the help text come from it.
import type { Report } from "../model/report.js";
import { renderJson } from "./json.js";
import { renderText } from "./text.js";

export interface OutputFormat {
  description: string;
  render(reports: readonly Report[]): string;
}

export const formats = {
  text: { description: "human-readable report: verdict first, findings grouped by policy", render: (rs) => rs.map(renderText).join("\n") },
  json: { description: "the versioned JSON report (schemaVersion 1)", render: renderJson },
} satisfies Record<string, OutputFormat>;

export type FormatName = keyof typeof formats;
export const formatNames = Object.keys(formats) as FormatName[];

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(formats, name);
}
