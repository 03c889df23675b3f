// The runbook's one-line summary in the text and markdown reports.
import type { Report } from "../model/report.js";

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** null when the change destroys no customer-data store (or no runbook was built). */
export function runbookSummary(report: Report): string | null {
  const runbook = report.runbook;
  if (runbook === null || runbook.summary.stores === 0) return null;
  const { stores, restorable, notRestorable } = runbook.summary;
  const partial = report.input.inventoryComplete ? "" : " (the input lists only changed resources: copies outside the change are not seen; add --state)";
  return `restore runbook: ${count(stores, "destroyed customer-data store")}, ${restorable} with a surviving copy, ${notRestorable} not restorable${partial}`;
}
