// No secret out of an audit: a canary planted in every secret form of a state (the hardening
// suite's canary state, plus a secret data-class tag and a secret versioning flag on its bucket)
// appears in no audit format, nor in a merge, nor on stderr.
import { afterAll, describe, expect, it } from "vitest";
import { auditFormatNames } from "../../src/audit/formats.js";
import { runCli } from "../support/paths.js";
import { canaryState, CANARY, expectNoCanary, file, removeTmp, secretCipher, secretPlain } from "../hardening/support.js";

afterAll(removeTmp);

describe("audit and secrets", () => {
  it("quotes no part of a secret in any format, in merge, or on stderr", () => {
    const state = canaryState();
    const bucket = state.deployment.resources[2];
    bucket.outputs.tags["blastguard:data-class"] = secretPlain(CANARY);
    bucket.inputs.versioning = { enabled: secretCipher(CANARY) };
    const path = file("canary-state.json", JSON.stringify(state, null, 4));
    const jsonOut = file("canary-audit.json", "");
    for (const format of auditFormatNames) {
      const r = runCli(["audit", path, "--format", format, "--out-json", jsonOut]);
      expect([0, 1]).toContain(r.status);
      expectNoCanary(r.stdout, `audit --format ${format}`);
      expectNoCanary(r.stderr, "audit stderr");
    }
    const merged = runCli(["merge", jsonOut]);
    expect(merged.stdout).toMatch(/^blastguard audit/);
    expectNoCanary(merged.stdout + merged.stderr, "merge");
    expect(CANARY.length).toBeGreaterThan(8);
  });
});
