// The view index reads each URN once, as its last listing: the readers refuse a URN listed twice,
// but the copy facts are a library function and must not count a selection the stack no longer has.
import { describe, expect, it } from "vitest";
import { DR_ACCOUNT, facts, paths, plan, selection, table, tableArn, urnOf, vault, vaultArn, known } from "./support.js";

const orders = table("orders", "us-east-1");
const DR = vaultArn("us-west-2", DR_ACCOUNT, "dr");
const drPlan = plan("plan", "p-1", [DR]);
const sel = selection("sel", "p-1", { resources: [tableArn("us-east-1", "orders")] });

describe("view index", () => {
  it("finds the selection when its URN is listed once", () => {
    expect(paths([orders, drPlan, sel], orders)).toEqual([known("backup", "us-west-2")]);
  });

  it("reads a URN listed twice as its last listing (here a vault, so no selection covers the table)", () => {
    const impostor = { ...vault("dr", DR), urn: sel.urn };
    expect(sel.urn).toBe(urnOf("aws:backup/selection:Selection", "sel"));
    expect(paths([orders, drPlan, sel], orders, "after", { context: [impostor] })).toEqual([]);
    expect(facts([orders, drPlan, sel, impostor]).stores[orders.urn]!.paths).toEqual([]);
  });
});
