// Overrides decided on a real change (the preview that deletes the protected resA and resB),
// with the raw findings the policies return for it written out by hand.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/model/config.js";
import type { OverrideEntry } from "../../src/model/override.js";
import { readChangeSet } from "../../src/readers/index.js";
import { buildReport, exitCode } from "../../src/report/build.js";
import type { RawFinding } from "../../src/engine/evaluate.js";
import { fixture } from "../support/paths.js";
import { sampleCatalog } from "../support/sample-report.js";

const file = fixture("events/TestMultipleProtectedDeletes-1-preview.jsonl");
const bytes = readFileSync(file);
const digest = `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
const change = readChangeSet(new Uint8Array(bytes), "preview.jsonl", { limits: { maxBytes: 1 << 24, maxDepth: 1000 } });
const A = "urn:pulumi:test::test::pkgA:m:typA::resA";
const B = "urn:pulumi:test::test::pkgA:m:typA::resB";
const raw: RawFinding[] = [
  { policy: "protected-delete", kind: "violation", urn: A, message: "deletes resA is protected", resources: [] },
  { policy: "protected-delete", kind: "violation", urn: B, message: "deletes resB is protected", resources: [] },
];
const now = new Date("2026-11-25T12:00:00Z");
const valid: OverrideEntry = {
  policy: "protected-delete",
  urns: [A, B],
  digest,
  approver: "bob",
  reason: "test stack torn down on purpose, OPS-7",
  expires: "2026-11-26T12:00:00Z",
};

function build(entries: OverrideEntry[], requester: string | null = "alice", findings = raw) {
  return buildReport(findings, {
    label: "preview.jsonl",
    change,
    withPriorState: false,
    config: defaultConfig(),
    catalog: sampleCatalog,
    overrides: { entries, requester, now },
  });
}

describe("overrides", () => {
  it("lets an approved, unexpired override on the reviewed digest and exact URNs through, still showing the findings", () => {
    const report = build([valid]);
    expect(report.verdict).toBe("allowed");
    expect(exitCode([report])).toBe(0);
    expect(report.summary).toMatchObject({ errors: 0, overridden: 2 });
    expect(report.findings.map((f) => [f.urn, f.status, f.override?.approver])).toEqual([
      [A, "overridden", "bob"],
      [B, "overridden", "bob"],
    ]);
    expect(report.findings[0]!.override).toEqual({ approver: "bob", reason: "test stack torn down on purpose, OPS-7", expires: "2026-11-26T12:00:00Z" });
    expect(report.rejectedOverrides).toEqual([]);
  });

  it("accepts one override per resource as well as one for both", () => {
    const report = build([{ ...valid, urns: [A] }, { ...valid, urns: [B] }]);
    expect(exitCode([report])).toBe(0);
  });

  const refused: [string, OverrideEntry, string | null, RegExp][] = [
    ["expired", { ...valid, expires: "2026-11-25T11:59:59Z" }, "alice", /^expired at 2026-11-25T11:59:59Z$/],
    ["approved by the requester", { ...valid, approver: " Bob " }, "bob", /requester of the change; an override needs a second person/],
    ["reviewed on another digest", { ...valid, digest: `sha256:${"0".repeat(64)}` }, "alice", new RegExp(`reviewed on another input .*this input is ${digest}`)],
    ["listing an extra URN", { ...valid, urns: [A, B, "urn:pulumi:test::test::pkgA:m:typA::resC"] }, "alice", /lists 1 URN that no protected-delete finding of this input is about: urn:pulumi:test::test::pkgA:m:typA::resC/],
    ["given without an intent naming the requester", valid, null, /no intent names the requester/],
    ["approved by the requester with a zero-width space inside", { ...valid, approver: "bo\u200bb" }, "bob", /requester of the change/],
    ["approved by the requester in fullwidth letters", { ...valid, approver: "\uff22\uff4f\uff42" }, "bob", /requester of the change/],
    ["approved by the requester with a soft hyphen and a BOM", { ...valid, approver: "\ufeffb\u00adob" }, "bob", /requester of the change/],
    ["approved by the requester written with the sharp s", { ...valid, approver: "STRASSE" }, "stra\u00dfe", /requester of the change/],
    ["approved by a name with a Cyrillic look-alike letter", { ...valid, approver: "b\u043eb" }, "bob", /approver's name mixes writing systems/],
    ["requested by a name with a Greek look-alike letter", valid, "\u03bflice", /requester's name mixes writing systems/],
    ["naming a policy that does not exist", { ...valid, policy: "protected-delet" }, "alice", /no policy has the id protected-delet/],
  ];
  for (const [name, entry, requester, reason] of refused) {
    it(`does not apply an override ${name}, and says why`, () => {
      const report = build([entry], requester);
      expect(report.verdict).toBe("blocked");
      expect(exitCode([report])).toBe(1);
      expect(report.findings.every((f) => f.status === "open" && f.override === null)).toBe(true);
      expect(report.rejectedOverrides).toHaveLength(1);
      expect(report.rejectedOverrides[0]!.reasons.some((r) => reason.test(r))).toBe(true);
    });
  }

  it("applies an override approved by a second person whose name is in one non-Latin script", () => {
    expect(build([{ ...valid, approver: "\u0418\u0432\u0430\u043d" }], "alice").verdict).toBe("allowed");
  });

  it("lists every reason when several checks fail", () => {
    const report = build([{ ...valid, approver: "alice", expires: "2020-01-01T00:00:00Z", digest: `sha256:${"1".repeat(64)}` }]);
    expect(report.rejectedOverrides[0]!.reasons).toHaveLength(3);
  });

  it("still blocks on the resource an override does not name", () => {
    const report = build([{ ...valid, urns: [A] }]);
    expect(report.verdict).toBe("blocked");
    expect(report.findings.map((f) => f.status)).toEqual(["overridden", "open"]);
    expect(report.summary).toMatchObject({ errors: 1, overridden: 1 });
  });

  it("does not override part of a change-wide finding", () => {
    const bulk: RawFinding = { policy: "bulk-delete", kind: "violation", urn: "", message: "deletes 2 cloud resources", resources: [B, A] };
    const partial = build([{ ...valid, policy: "bulk-delete", urns: [A] }], "alice", [bulk]);
    expect(partial.verdict).toBe("blocked");
    expect(partial.rejectedOverrides[0]!.reasons).toEqual(["covers 1 of the 2 resources of a bulk-delete finding; list exactly its resources"]);
    const whole = build([{ ...valid, policy: "bulk-delete", urns: [A, B] }], "alice", [bulk]);
    expect(whole.verdict).toBe("allowed");
  });

  it("never overrides a finding the check could not decide", () => {
    const undecidable: RawFinding = { ...raw[0]!, kind: "undecidable" };
    const report = build([{ ...valid, urns: [A] }], "alice", [undecidable]);
    expect(report.verdict).toBe("undecided");
    expect(exitCode([report])).toBe(2);
    expect(report.rejectedOverrides[0]!.reasons[0]).toMatch(/could not decide cannot be overridden/);
  });

  it("does not count an overridden warning for --fail-on warning", () => {
    const config = defaultConfig();
    config.policies["protected-delete"] = { enforcement: "advisory" };
    const report = buildReport(raw, { label: "p", change, withPriorState: false, config, catalog: sampleCatalog, overrides: { entries: [valid], requester: "alice", now }, failOn: "warning" });
    expect(report.verdict).toBe("allowed");
    expect(exitCode([report])).toBe(0);
    const without = buildReport(raw, { label: "p", change, withPriorState: false, config, catalog: sampleCatalog });
    expect([without.verdict, exitCode([without])]).toEqual(["allowed", 0]);
    const failOnWarning = buildReport(raw, { label: "p", change, withPriorState: false, config, catalog: sampleCatalog, failOn: "warning" });
    expect([failOnWarning.verdict, exitCode([failOnWarning])]).toEqual(["blocked", 1]);
  });
});
