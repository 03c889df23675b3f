// --override end to end through the real CLI, on the real preview that deletes the protected
// resA and resB, with an intent whose requester is alice.
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixture, runCli } from "../support/paths.js";

const preview = fixture("events/TestMultipleProtectedDeletes-1-preview.jsonl");
const digest = `sha256:${createHash("sha256").update(readFileSync(preview)).digest("hex")}`;
const A = "urn:pulumi:test::test::pkgA:m:typA::resA";
const B = "urn:pulumi:test::test::pkgA:m:typA::resB";
const tmp = mkdtempSync(join(tmpdir(), "blastguard-override-"));
const write = (name: string, text: string) => {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
};

const intent = write(
  "intent.yaml",
  ["version: 1", "requester: alice", "reason: tear down the test stack", "actions:",
    "  - { action: delete, target: { kind: shared, id: resA } }",
    "  - { action: delete, target: { kind: shared, id: resB } }", ""].join("\n"),
);

interface Entry { urns?: string[]; digest?: string; approver?: string; reason?: string; expires?: string }
function overrideFile(name: string, e: Entry = {}): string {
  const entry = {
    policy: "protected-delete",
    urns: e.urns ?? [A, B],
    digest: e.digest ?? digest,
    approver: e.approver ?? "bob",
    reason: e.reason ?? "the test stack is torn down on purpose (OPS-7)",
    expires: e.expires ?? "2099-01-01T00:00:00Z",
  };
  return write(name, JSON.stringify({ version: 1, overrides: [entry] }));
}

describe("blastguard check --override", () => {
  it("exits 0 with a valid override, and every format still shows the findings as overridden", () => {
    const out = (f: string) => join(tmp, `valid.${f}`);
    const r = runCli([
      "check", preview, "--intent", intent, "--override", overrideFile("valid.json"),
      "--out-json", out("json"), "--out-sarif", out("sarif"), "--out-markdown", out("md"), "--out-github", out("github"), "--out-junit", out("xml"),
    ]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^blastguard: ALLOWED: 0 violations, 0 warnings, 2 overridden/);
    expect(r.stdout).toContain("overridden: approved by bob until 2099-01-01T00:00:00Z: the test stack is torn down on purpose (OPS-7)");
    for (const f of ["json", "sarif", "md", "github", "xml"]) {
      const text = readFileSync(out(f), "utf8");
      expect(text, f).toContain("bob");
      expect(text, f).toContain("the test stack is torn down on purpose (OPS-7)");
      expect(text, f).toContain("resA");
      expect(text, f).toContain("resB");
    }
    const json = JSON.parse(readFileSync(out("json"), "utf8")) as { reports: { findings: { policy: string; status: string }[] }[] };
    expect(json.reports[0]!.findings.filter((f) => f.policy === "protected-delete").map((f) => f.status)).toEqual(["overridden", "overridden"]);
    const sarif = JSON.parse(readFileSync(out("sarif"), "utf8")) as { runs: { results: { ruleId: string; suppressions?: { status: string }[] }[] }[] };
    const suppressed = sarif.runs[0]!.results.filter((x) => x.ruleId === "protected-delete").map((x) => x.suppressions?.[0]?.status);
    expect(suppressed).toEqual(["accepted", "accepted"]);
  });

  const refused: [string, Entry, RegExp][] = [
    ["has expired", { expires: "2020-01-01T00:00:00Z" }, /expired at 2020-01-01T00:00:00Z/],
    ["is approved by the intent's requester", { approver: "alice" }, /approved by the requester of the change; an override needs a second person/],
    ["was reviewed on another preview", { digest: `sha256:${"e".repeat(64)}` }, /reviewed on another input \(sha256:e{64}\); this input is sha256:[0-9a-f]{64}/],
    ["lists an extra URN", { urns: [A, B, "urn:pulumi:test::test::pkgA:m:typA::resC"] }, /lists 1 URN that no protected-delete finding of this input is about: urn:pulumi:test::test::pkgA:m:typA::resC/],
  ];
  for (const [name, entry, reason] of refused) {
    it(`exits 1 and says why when the override ${name}`, () => {
      const r = runCli(["check", preview, "--intent", intent, "--override", overrideFile(`${name.replaceAll(" ", "-")}.json`, entry)]);
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(/^blastguard: BLOCKED/);
      expect(r.stdout).toContain("override not applied: protected-delete");
      expect(r.stdout).toMatch(reason);
      expect(r.stdout).toContain(`x resA (pkgA:m:typA)`);
    });
  }

  it("exits 2 naming the field when the override file is invalid (reason under 10 characters)", () => {
    const r = runCli(["check", preview, "--intent", intent, "--override", overrideFile("short.json", { reason: "because" })]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^blastguard: error: .*short\.json: invalid at overrides\.0\.reason/);
    expect(r.stderr).not.toContain("because");
  });

  it("reads a YAML override file", () => {
    const yaml = write(
      "override.yaml",
      ["version: 1", "overrides:", "  - policy: protected-delete", `    urns: ["${A}", "${B}"]`, `    digest: "${digest}"`,
        "    approver: bob", "    reason: the test stack is torn down on purpose", "    expires: 2099-01-01T00:00:00Z", ""].join("\n"),
    );
    expect(runCli(["check", preview, "--intent", intent, "--override", yaml]).status).toBe(0);
  });
});
