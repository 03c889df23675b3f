import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/engine/bundle.js";
import { withPolicyTable } from "../../src/docs/policy-table.js";
import { repoRoot } from "../support/paths.js";

describe("README policy table", () => {
  it("matches the METADATA catalog (run npm run docs when this fails)", () => {
    const readme = readFileSync(`${repoRoot}README.md`, "utf8");
    expect(withPolicyTable(readme, loadCatalog())).toBe(readme);
  });

  it("lists each policy id once", () => {
    const ids = loadCatalog().policies.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
