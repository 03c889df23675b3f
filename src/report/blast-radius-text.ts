// The blast radius as the text report shows it, right under the verdict: how many tenants the
// change reaches and, per tenant, what it deletes or replaces and how much of it is customer data.
import type { BlastRadius } from "../model/report.js";

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function blastRadiusLines(b: BlastRadius): string[] {
  if (b.tenants.length === 0) return [];
  const unknown = b.tenants.some((t) => t.tenant === "unknown") ? ", and resources whose tenant the input cannot tell (unknown)" : "";
  const lines = [`  blast radius: ${count(b.tenantsAffected, "tenant")} affected${unknown}`];
  for (const t of b.tenants) {
    const levels = Object.entries(t.byLevel)
      .map(([level, n]) => `${level} ${n}`)
      .join(", ");
    lines.push(
      `    ${t.tenant}: ${t.deletes} deleted, ${t.replaces} replaced (by level: ${levels || "none"}); ${count(t.customerData, "customer-data store")}` +
        (t.orphaned ? `; ${t.orphaned} left in the cloud unmanaged (retainOnDelete)` : ""),
    );
  }
  return lines;
}
