// Issue 6 §5: the infra program is the pattern users copy, so what it registers must pass the
// guard. The resources it registers under mocks, as a stack export, are checked like any state.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadTenantsFile } from "../../infra/model.js";
import { check } from "../../src/check.js";
import { registerInfra, toStackExport } from "./harness.js";

const dir = mkdtempSync(join(tmpdir(), "blastguard-infra-guard-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the infra program checked by blastguard", () => {
  it("gives zero violations on the resources it registers", async () => {
    const resources = await registerInfra(loadTenantsFile("infra/tenants.yaml"));
    const path = join(dir, "registered.json");
    writeFileSync(path, JSON.stringify(toStackExport(resources)));
    const { report } = await check(path);
    const blocking = report.findings.filter((f) => f.status === "open" && f.level !== "warning");
    expect(blocking.map((f) => `${f.policy}: ${f.message}`)).toEqual([]);
    expect(report.verdict).toBe("allowed");
  });
});
