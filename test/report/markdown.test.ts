import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/model/report.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { DIGEST, sampleReport } from "../support/sample-report.js";

const GITHUB_COMMENT_LIMIT = 65_536;

describe("markdown pull-request comment", () => {
  it("shows the verdict, blast radius, findings by status, refused overrides, fixes and the full URNs", () => {
    expect(renderMarkdown([sampleReport()])).toBe(`<!-- blastguard-report -->
### ❌ **blastguard: blocked**

1 violation, 1 warning, 1 overridden. \`preview.json\` (preview, 5 resources): 3 deletes, 0 replacements.

Input digest (what an override must name): \`${DIGEST}\`

#### Blast radius: 1 tenant affected

| tenant | deletes | replaces | by scope level | customer data | left in the cloud (retained) |
| --- | ---: | ---: | --- | ---: | ---: |
| \`acme\` | 3 | 0 | app 2, site 1 | 1 | 0 |

#### Blocking (1)

| | policy | resource | why |
| --- | --- | --- | --- |
| ❌ | \`protected-delete\` | \`orders-db\` \`aws:rds/instance:Instance\` | deletes orders-db, which is protected |

#### Warnings (1)

| | policy | resource | why |
| --- | --- | --- | --- |
| ⚠️ | \`bulk-delete\` | the change (3 resources) | deletes 3 cloud resources; the limit is 2 |

#### Overridden (1)

| policy | resource | approved by | until | reason |
| --- | --- | --- | --- | --- |
| \`unprotect-and-delete\` | \`logs\` \`aws:s3/bucket:Bucket\` | bob | 2026-12-01T00:00:00Z | moved to the logging stack, OPS-12 |

#### Overrides not applied (1)

- \`protected-delete\` on 1 resource, approved by alice: approved by the requester of the change; an override needs a second person

#### How to fix

- \`bulk-delete\` Too many deletions: Split the change.
- \`protected-delete\` Protected resource deleted: Keep the resource.

<details><summary>Every finding with its full URNs (3)</summary>

- ⚠️ \`bulk-delete\` (warning): deletes 3 cloud resources; the limit is 2
  - \`urn:pulumi:prod::shop::aws:rds/instance:Instance::orders-db\`
  - \`urn:pulumi:prod::shop::aws:sqs/queue:Queue::jobs\`
  - \`urn:pulumi:prod::shop::aws:s3/bucket:Bucket::logs\`
- ❌ \`protected-delete\` (error): deletes orders-db, which is protected
  - \`urn:pulumi:prod::shop::aws:rds/instance:Instance::orders-db\`
- ☑️ \`unprotect-and-delete\` (error, overridden): removes protect from logs and deletes it
  - \`urn:pulumi:prod::shop::aws:s3/bucket:Bucket::logs\`

</details>
`);
  });

  it("is a short verdict when nothing was found", () => {
    const report = { ...sampleReport(), verdict: "allowed" as const, findings: [], rejectedOverrides: [] };
    report.summary = { ...report.summary, errors: 0, warnings: 0, overridden: 0, deletes: 0 };
    report.blastRadius = { tenantsAffected: 0, tenants: [] };
    expect(renderMarkdown([report])).toBe(`<!-- blastguard-report -->
### ✅ **blastguard: allowed**

0 violations, 0 warnings. \`preview.json\` (preview, 5 resources): 0 deletes, 0 replacements.

Input digest (what an override must name): \`${DIGEST}\`
`);
  });

  it("keeps names and messages from breaking the table, opening tags or mentioning people", () => {
    const report = sampleReport();
    report.blastRadius = { tenantsAffected: 0, tenants: [] };
    report.rejectedOverrides = [];
    report.findings = [{ ...report.findings[1]!, resourceName: "a|b<x>`c`", message: "*bold* [link](http://x) @team\nnext|line" }];
    const row = renderMarkdown([report]).split("\n").find((l) => l.startsWith("| ❌"));
    expect(row).toBe("| ❌ | `protected-delete` | `` a\\|b<x>`c` `` `aws:rds/instance:Instance` | \\*bold\\* \\[link\\](http://x) \\@team next\\|line |");
  });

  it("stays under GitHub's comment limit for a 5,000-finding change and says what it cut", () => {
    const base = sampleReport().findings[1]!;
    const findings: Finding[] = Array.from({ length: 5000 }, (_, i) => {
      const name = `site-${String(i).padStart(4, "0")}-customer-orders-database`;
      return { ...base, urn: `urn:pulumi:prod::shop::aws:rds/instance:Instance::${name}`, resourceName: name, message: `deletes ${name}, which is protected` };
    });
    const report = { ...sampleReport(), findings, rejectedOverrides: [] };
    report.summary = { ...report.summary, errors: 5000, warnings: 0, overridden: 0 };
    const text = renderMarkdown([report]);
    expect(text.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(Buffer.byteLength(text, "utf8")).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(text).toContain("5,000 violations");
    const shown = text.split("\n").filter((l) => l.startsWith("| ❌ |")).length;
    const cut = /Not shown: ([\d,]+) blocking findings, 5,000 details\./.exec(text);
    expect(cut).not.toBeNull();
    expect(shown).toBeGreaterThan(100);
    expect(shown + Number(cut![1]!.replaceAll(",", ""))).toBe(5000);
    // what is shown is the start of the report's order, and the fixes are still there
    expect(text).toContain("site-0000-customer-orders-database");
    expect(text).toContain("- `protected-delete` Protected resource deleted: Keep the resource.");
  });
});
