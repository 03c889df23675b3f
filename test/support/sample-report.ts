// A small report written out by hand (not produced by the code under test), for the reporters'
// exact-output tests: one open violation with a source position, one change-wide warning, one
// overridden finding, one override that was refused, and a one-tenant blast radius.
import type { Catalog } from "../../src/engine/bundle.js";
import type { Report } from "../../src/model/report.js";

export const DB = "urn:pulumi:prod::shop::aws:rds/instance:Instance::orders-db";
export const LOGS = "urn:pulumi:prod::shop::aws:s3/bucket:Bucket::logs";
export const QUEUE = "urn:pulumi:prod::shop::aws:sqs/queue:Queue::jobs";
export const DIGEST = `sha256:${"ab".repeat(32)}`;

export const sampleCatalog: Catalog = {
  policies: [
    {
      id: "bulk-delete",
      title: "Too many deletions",
      description: "Deletes more than one change should.",
      severity: "high",
      enforcement: "mandatory",
      remediation: "Split the change.",
      package: "blastguard.rules.bulk_delete",
      file: "/policies/rules/bulk_delete.rego",
    },
    {
      id: "protected-delete",
      title: "Protected resource deleted",
      description: "Deletes a protected resource.",
      severity: "critical",
      enforcement: "mandatory",
      remediation: "Keep the resource.",
      package: "blastguard.rules.protected_delete",
      file: "/policies/rules/protected_delete.rego",
    },
    {
      id: "unprotect-and-delete",
      title: "Unprotected and deleted at once",
      description: "Removes protect and deletes together.",
      severity: "critical",
      enforcement: "advisory",
      remediation: "Unprotect first, delete later.",
      package: "blastguard.rules.unprotect_and_delete",
      file: "/policies/rules/unprotect_and_delete.rego",
    },
  ],
};

export function sampleReport(): Report {
  return {
    schemaVersion: 1,
    verdict: "blocked",
  failOn: "violation",
    input: { label: "preview.json", format: "preview", digest: DIGEST, resources: 5, steps: 5, inventoryComplete: true, withPriorState: false },
    summary: { errors: 1, warnings: 1, undecided: 0, deletes: 3, replaces: 0, protectedDeletesRefusedByEngine: 0, overridden: 1 },
    blastRadius: { tenantsAffected: 1, tenants: [{ tenant: "acme", deletes: 3, replaces: 0, byLevel: { site: 1, app: 2 }, customerData: 1, orphaned: 0 }] },
    findings: [
      {
        policy: "bulk-delete",
        title: "Too many deletions",
        severity: "high",
        kind: "violation",
        level: "warning",
        urn: "",
        resourceType: null,
        resourceName: null,
        sourcePosition: null,
        message: "deletes 3 cloud resources; the limit is 2",
        remediation: "Split the change.",
        resources: [DB, QUEUE, LOGS],
        status: "open",
        override: null,
      },
      {
        policy: "protected-delete",
        title: "Protected resource deleted",
        severity: "critical",
        kind: "violation",
        level: "error",
        urn: DB,
        resourceType: "aws:rds/instance:Instance",
        resourceName: "orders-db",
        sourcePosition: "project:///index.ts#12,5",
        message: "deletes orders-db, which is protected",
        remediation: "Keep the resource.",
        resources: [],
        status: "open",
        override: null,
      },
      {
        policy: "unprotect-and-delete",
        title: "Unprotected and deleted at once",
        severity: "critical",
        kind: "violation",
        level: "error",
        urn: LOGS,
        resourceType: "aws:s3/bucket:Bucket",
        resourceName: "logs",
        sourcePosition: null,
        message: "removes protect from logs and deletes it",
        remediation: "Unprotect first, delete later.",
        resources: [],
        status: "overridden",
        override: { approver: "bob", reason: "moved to the logging stack, OPS-12", expires: "2026-12-01T00:00:00Z" },
      },
    ],
    disabledPolicies: [],
    rejectedOverrides: [
      { policy: "protected-delete", urns: [DB], approver: "alice", reasons: ["approved by the requester of the change; an override needs a second person"] },
    ],
    runbook: null,
  };
}
