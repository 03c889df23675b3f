// The blast radius drawn as a Mermaid flowchart in the PR comment: tenant, sites, apps, what each
// loses and which hold customer data; safe labels; within the comment's size cap.
import { describe, expect, it } from "vitest";
import type { Report } from "../../src/model/report.js";
import { MARKDOWN_LIMIT_BYTES, renderMarkdown } from "../../src/report/markdown.js";
import { runCli } from "../support/paths.js";
import { scenario } from "../support/scenarios.js";
import { sampleReport } from "../support/sample-report.js";

function diagramOf(markdown: string): string[] {
  const start = markdown.indexOf("```mermaid\n");
  if (start < 0) return [];
  return markdown.slice(start, markdown.indexOf("\n```", start + 10)).split("\n").slice(1);
}

type Unit = NonNullable<Report["blastRadius"]["tenants"][number]["units"]>[number];
function withUnits(units: Unit[]): Report {
  const report = sampleReport();
  report.blastRadius.tenants[0]!.units = units;
  return report;
}

describe("blast radius diagram", () => {
  it("draws the incident: tenant-acme, its two deleted sites and their apps, customer data marked", () => {
    const name = "incident-site-ids-as-app-ids";
    const r = runCli(["check", scenario(name, "preview.json"), "--state", scenario(name, "state.json"), "--format", "markdown"]);
    const lines = diagramOf(r.stdout);
    expect(lines[0]).toBe("flowchart LR");
    // tenants.before.yaml vs tenants.after.yaml: sites site-9 (apps 123, 124) and site-10 (app 125) go
    const labels = lines.map((l) => /\["([^<"]*)</.exec(l)?.[1]).filter(Boolean);
    expect(labels).toEqual(["tenant-acme", "site site-9", "app app-123", "app app-124", "site site-10", "app app-125"]);
    const count = (label: string) => Number(new RegExp(`${label}<br/>(\\d+) destroyed`).exec(lines.join("\n"))![1]);
    expect(count("site site-9")).toBe(count("app app-123") + count("app app-124"));
    expect(count("tenant-acme")).toBe(count("site site-9") + count("site site-10"));
    // every app of the example program holds a bucket and a table of customer data
    for (const line of lines.slice(2)) expect(line).toMatch(/customer-data stores"\]:::data$/);
  });

  it("draws no diagram when no tenant unit is reached", () => {
    expect(diagramOf(renderMarkdown([sampleReport()]))).toEqual([]);
  });

  it("keeps labels to IDs and words, so a tag value cannot break out of the diagram", () => {
    const lines = diagramOf(renderMarkdown([withUnits([{ level: "site", path: ['s"]:::x\n%%{init}%%'], destroyed: 2, customerData: 0 }])]));
    expect(lines.at(-1)).toBe('  t0 --> t0_0["site s??:::x????init???<br/>2 destroyed"]');
  });

  it("folds units past the first dozen of a parent into one node, and stays within the comment limit", () => {
    const units: Unit[] = [];
    for (let s = 0; s < 40; s++) {
      units.push({ level: "site", path: [`site-${s}`], destroyed: 100, customerData: 10 });
      for (let a = 0; a < 40; a++) units.push({ level: "app", path: [`site-${s}`, `app-${s}-${a}`], destroyed: 2, customerData: 1 });
    }
    const markdown = renderMarkdown([withUnits(units)]);
    expect(Buffer.byteLength(markdown)).toBeLessThanOrEqual(MARKDOWN_LIMIT_BYTES);
    const lines = diagramOf(markdown);
    expect(lines.filter((l) => l.includes("28 more sites"))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('"28 more apps<br/>56 destroyed<br/>28 customer-data stores"'))).toHaveLength(12);
    expect(markdown).toContain("\n```\n");
  });

  it("is cut before the findings are when the comment runs out of room, and says so", () => {
    const units: Unit[] = Array.from({ length: 12 }, (_, s) => ({ level: "site", path: [`site-${s}`], destroyed: 1, customerData: 0 }));
    const report = withUnits(units);
    const full = renderMarkdown([report]);
    const fullLines = diagramOf(full).length;
    // the largest budget at which the diagram is cut short but still drawn
    let cut = full;
    for (let budget = Buffer.byteLength(full) + 600; budget > 0; budget -= 20) {
      cut = renderMarkdown([report], budget);
      if (diagramOf(cut).length < fullLines) break;
    }
    expect(diagramOf(cut).length).toBeGreaterThan(2);
    expect(diagramOf(cut).length).toBeLessThan(fullLines);
    expect(cut).toContain("| ❌ | `protected-delete` |");
    expect(cut).toMatch(/Not shown: [^\n]*\d+ diagram lines?\b/);
    expect(cut).toContain("```mermaid\nflowchart LR");
    expect(cut.split("```").length % 2).toBe(1); // every fence closed
  });
});
