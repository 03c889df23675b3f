// `--format json`: the reports as validated data (shape: src/model/report.ts, versioned).
import type { Report } from "../model/report.js";

export function renderJson(reports: readonly Report[]): string {
  return JSON.stringify({ schemaVersion: reports[0]?.schemaVersion ?? 1, reports }, null, 2) + "\n";
}
