// A certain violation outranks what could not be decided: the verdict is blocked (exit 1) and the
// report still lists every undecided check; undecided (exit 2) only when nothing certain blocks.
import { describe, expect, it } from "vitest";
import { decideVerdict, exitCode } from "../../src/report/build.js";
import { sampleReport } from "../support/sample-report.js";
import { runCli } from "../support/paths.js";
import { scenario } from "../support/scenarios.js";

describe("a certain violation blocks beside undecided checks", () => {
  // Recorded default previews: no totals, so some checks cannot decide, but protected
  // deletions and removed protection are certain. The warnings are orphaned-store advisories: each
  // preview deletes three stores whose old state has retainOnDelete: true.
  const cases: [string, string, RegExp][] = [
    ["delete-protected-site", "preview.json", /^blastguard: BLOCKED: 3 violations, 3 warnings, 4 undecided checks/],
    ["unprotect-and-replace-table", "preview.json", /^blastguard: BLOCKED: 6 violations, 0 warnings, 5 undecided checks/],
    ["incident-site-ids-as-app-ids", "preview.json", /^blastguard: BLOCKED: 3 violations, 3 warnings, 7 undecided checks/],
  ];
  for (const [name, file, headline] of cases) {
    it(`exits 1 on ${name}/${file} and lists the undecided checks`, () => {
      const r = runCli(["check", scenario(name, file)]);
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(headline);
      expect(r.stdout).toMatch(/^ {2}\? /m); // an undecided finding is shown
      expect(r.stdout).toMatch(/^ {2}x /m); // beside the certain one
    });
  }

  it("decides the verdict from the counts: violations, then undecided, then warnings under --fail-on warning", () => {
    const counts = (errors: number, undecided: number, warnings: number) => ({ errors, undecided, warnings });
    expect(decideVerdict(counts(1, 5, 0), "violation")).toBe("blocked");
    expect(decideVerdict(counts(0, 1, 0), "violation")).toBe("undecided");
    expect(decideVerdict(counts(0, 1, 3), "warning")).toBe("undecided");
    expect(decideVerdict(counts(0, 0, 3), "warning")).toBe("blocked");
    expect(decideVerdict(counts(0, 0, 3), "violation")).toBe("allowed");
  });

  it("maps one verdict to one exit code; over several inputs a block wins", () => {
    const with_ = (verdict: "allowed" | "blocked" | "undecided") => ({ ...sampleReport(), verdict });
    expect(exitCode([with_("allowed")])).toBe(0);
    expect(exitCode([with_("blocked")])).toBe(1);
    expect(exitCode([with_("undecided")])).toBe(2);
    expect(exitCode([with_("undecided"), with_("blocked")])).toBe(1);
    expect(exitCode([with_("allowed"), with_("undecided")])).toBe(2);
  });
});
