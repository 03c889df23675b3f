// `blastguard policies`: every policy with its severity and its enforcement once the config is
// applied (blastguard.yaml or --config), as aligned columns or JSON.
import type { PolicyMeta } from "../engine/bundle.js";
import type { Config } from "../model/config.js";

export interface PolicyRow {
  id: string;
  title: string;
  severity: PolicyMeta["severity"];
  /** The METADATA default. */
  defaultEnforcement: PolicyMeta["enforcement"];
  /** What this run would apply: the config's choice, else the default. */
  enforcement: "mandatory" | "advisory" | "disabled";
  /** The policy's parameters after the config (e.g. bulk-delete's maxDeletes). */
  parameters: Record<string, unknown>;
}

export function policyRows(catalog: readonly PolicyMeta[], config: Config): PolicyRow[] {
  return catalog.map((p) => {
    const { enforcement, ...parameters } = (config.policies as Record<string, { enforcement?: PolicyRow["enforcement"] } | undefined>)[p.id] ?? {};
    return { id: p.id, title: p.title, severity: p.severity, defaultEnforcement: p.enforcement, enforcement: enforcement ?? p.enforcement, parameters };
  });
}

export function renderPolicies(rows: readonly PolicyRow[], format: "text" | "json"): string {
  if (format === "json") return JSON.stringify({ policies: rows }, null, 2) + "\n";
  const table = [["ID", "SEVERITY", "ENFORCEMENT", "TITLE"], ...rows.map((r) => [r.id, r.severity, r.enforcement === r.defaultEnforcement ? r.enforcement : `${r.enforcement}*`, r.title])];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  const lines = table.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join("  "));
  if (rows.some((r) => r.enforcement !== r.defaultEnforcement)) lines.push("", "* set by the config (the policy's default differs)");
  return lines.join("\n") + "\n";
}
