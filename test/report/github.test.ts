import { describe, expect, it } from "vitest";
import { renderGithub } from "../../src/report/github.js";
import { DIGEST, sampleReport } from "../support/sample-report.js";

describe("github annotations", () => {
  it("writes the verdict first, then one titled workflow command per finding (most urgent first) and refused override", () => {
    expect(renderGithub([sampleReport()])).toBe(
      [
        `::error title=blastguard%3A blocked::1 violation, 1 warning, 1 overridden: preview.json (${DIGEST})`,
        "::error title=protected-delete%3A Protected resource deleted::orders-db (aws:rds/instance:Instance) " +
          "urn:pulumi:prod::shop::aws:rds/instance:Instance::orders-db: deletes orders-db, which is protected%0AFix: Keep the resource.",
        "::warning title=bulk-delete%3A Too many deletions::the change (3 resources): deletes 3 cloud resources; the limit is 2%0AFix: Split the change.",
        "::notice title=unprotect-and-delete (overridden)::logs (aws:s3/bucket:Bucket) urn:pulumi:prod::shop::aws:s3/bucket:Bucket::logs: " +
          "removes protect from logs and deletes it%0AOverridden: approved by bob until 2026-12-01T00:00:00Z: moved to the logging stack, OPS-12",
        "::warning title=override not applied%3A protected-delete::1 resource, approved by alice: " +
          "approved by the requester of the change; an override needs a second person",
        "",
      ].join("\n"),
    );
  });

  it("cannot be made to start a new workflow command by a message with a line break", () => {
    const report = sampleReport();
    report.findings = [{ ...report.findings[1]!, message: "50% done\n::set-env name=X::y", title: "a, b: c" }];
    report.rejectedOverrides = [];
    const lines = renderGithub([report]).split("\n");
    expect(lines[1]).toBe(
      "::error title=protected-delete%3A a%2C b%3A c::orders-db (aws:rds/instance:Instance) " +
        "urn:pulumi:prod::shop::aws:rds/instance:Instance::orders-db: 50%25 done ::set-env name=X::y%0AFix: Keep the resource.",
    );
    expect(lines.filter((l) => l.startsWith("::"))).toHaveLength(2);
  });

  it("announces an allowed change as a notice", () => {
    const report = sampleReport();
    report.verdict = "allowed";
    report.findings = [];
    report.rejectedOverrides = [];
    report.summary = { ...report.summary, errors: 0, warnings: 0, overridden: 0 };
    expect(renderGithub([report])).toBe(`::notice title=blastguard%3A allowed::0 violations, 0 warnings, 0 overridden: preview.json (${DIGEST})\n`);
  });

  it("keeps to GitHub's 10 annotations of each kind per step, verdict first, and says how many more", () => {
    const report = sampleReport();
    const [warning, error] = [report.findings[0]!, report.findings[1]!];
    report.rejectedOverrides = [];
    report.findings = [
      ...Array.from({ length: 14 }, (_, i) => ({ ...error, message: `error ${i}` })),
      ...Array.from({ length: 12 }, (_, i) => ({ ...warning, message: `warning ${i}` })),
    ];
    const lines = renderGithub([report]).trimEnd().split("\n");
    const count = (kind: string) => lines.filter((l) => l.startsWith(`::${kind} `)).length;
    expect(lines[0]).toMatch(/^::error title=blastguard%3A blocked::/);
    expect([count("error"), count("warning"), count("notice")]).toEqual([10, 10, 1]);
    // 1 verdict + 14 errors = 15 errors, 10 shown; 12 warnings, 10 shown
    expect(lines.at(-1)).toBe(
      "::notice title=blastguard%3A more findings::5 errors, 2 warnings not shown here (GitHub shows 10 of each kind per step): see the SARIF upload and the job summary",
    );
    expect(lines.filter((l) => l.includes("error 8"))).toHaveLength(1);
    expect(lines.filter((l) => l.includes("error 9"))).toHaveLength(0);
  });
});
