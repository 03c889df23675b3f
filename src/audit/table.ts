// The columns every audit format shows, in one place.
import type { StackRow, TenantRow } from "./model.js";

type Row = StackRow | TenantRow;

export const GAP_COLUMNS: readonly { key: keyof Row & string; head: string }[] = [
  { key: "stores", head: "stores" },
  { key: "unprotected", head: "unprotected" },
  { key: "noCloudProtection", head: "no cloud deletion protection" },
  { key: "singleRegion", head: "single-region" },
  { key: "notRestoreReady", head: "not restore-ready" },
  { key: "unverifiable", head: "unverifiable" },
  { key: "warningsOnly", head: "warnings only" },
];

export const gapValues = (row: Row): number[] => GAP_COLUMNS.map((c) => row[c.key] as number);
