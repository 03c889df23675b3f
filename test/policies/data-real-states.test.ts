// The customer-data policies over the real stack exports and checkpoints in the shared fixtures.
// Every expectation below was written from reading the files (see the premises each test checks
// first), not from running the guard.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../../src/check.js";
import type { Finding } from "../../src/model/report.js";
import { fixture } from "../support/paths.js";

const DATA_POLICIES = new Set([
  "data-protect", "data-cloud-deletion-protection", "data-restore-readiness", "data-multi-location-backup", "backup-teardown",
]);
const DATA_STORE_TYPES = new Set([
  "aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2", "aws:dynamodb/table:Table",
  "aws:rds/instance:Instance", "aws:rds/cluster:Cluster", "aws:efs/fileSystem:FileSystem",
]);

interface StateResource { urn: string; type: string; protect?: boolean; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> }

function stateResources(rel: string): StateResource[] {
  const doc = JSON.parse(readFileSync(fixture(rel), "utf8"));
  return (doc.deployment ?? doc.checkpoint.latest).resources as StateResource[];
}

const dataFindings = (findings: Finding[]) =>
  findings.filter((f) => DATA_POLICIES.has(f.policy)).map((f) => ({ policy: f.policy, kind: f.kind, urn: f.urn, message: f.message }));

const DOCS = "urn:pulumi:dev::sample::aws:s3/bucket:Bucket::docs";

describe("customer-data policies on the stratify sample export", () => {
  const rel = "state/stratify-sample-export.json";

  it("reads the premise from the file: one unversioned, unprotected bucket in eu-west-1, nothing copying it", () => {
    const resources = stateResources(rel);
    const stores = resources.filter((r) => DATA_STORE_TYPES.has(r.type));
    expect(stores.map((r) => r.urn)).toEqual([DOCS]);
    const docs = stores[0]!;
    expect(docs.protect).toBeUndefined();
    expect(docs.outputs).toMatchObject({ region: "eu-west-1", versioning: { enabled: false }, replicationConfiguration: null, forceDestroy: false });
    expect(resources.some((r) => r.type.startsWith("aws:backup/") || r.type.includes("Replication"))).toBe(false);
  });

  // The bucket has no data-class tag: customer data by default, so every gap is reported, as a
  // warning until someone declares it (tagging it customer makes the same gaps block).
  const byDefault = " (customer data by default: it has no blastguard:data-class tag; tag it to enforce this)";
  it("warns about the untagged bucket: not protected, not versioned, no copy outside eu-west-1", async () => {
    const { report } = await check(fixture(rel));
    expect(report.verdict).toBe("allowed");
    expect(dataFindings(report.findings)).toEqual([
      { policy: "data-cloud-deletion-protection", kind: "advisory", urn: DOCS, message: "docs holds customer data and versioning is not enabled" + byDefault },
      { policy: "data-multi-location-backup", kind: "advisory", urn: DOCS, message: "docs holds customer data and has no copy outside eu-west-1" + byDefault },
      { policy: "data-protect", kind: "advisory", urn: DOCS, message: "docs holds customer data and is not protected (nor retained on delete)" + byDefault },
    ]);
  });

  it("blocks the same bucket once its tag declares it customer data", async () => {
    const doc = JSON.parse(readFileSync(fixture(rel), "utf8"));
    doc.deployment.resources.find((r: StateResource) => r.urn === DOCS).outputs.tags = { "blastguard:data-class": "customer" }; // in memory only
    const path = join(mkdtempSync(join(tmpdir(), "blastguard-data-")), "customer.json");
    writeFileSync(path, JSON.stringify(doc));
    const { report } = await check(path);
    expect(report.verdict).toBe("blocked");
    expect(dataFindings(report.findings).map((f) => [f.policy, f.kind])).toEqual([
      ["data-cloud-deletion-protection", "violation"],
      ["data-multi-location-backup", "violation"],
      ["data-protect", "violation"],
    ]);
  });

  it("shows a bucket declared internal by tag as an advisory and checks nothing else on it", async () => {
    const doc = JSON.parse(readFileSync(fixture(rel), "utf8"));
    const docs = doc.deployment.resources.find((r: StateResource) => r.urn === DOCS);
    docs.outputs.tags = { "blastguard:data-class": "internal" }; // edited in memory only
    const path = join(mkdtempSync(join(tmpdir(), "blastguard-data-")), "internal.json");
    writeFileSync(path, JSON.stringify(doc));
    const { report } = await check(path);
    expect(dataFindings(report.findings)).toEqual([
      { policy: "data-protect", kind: "advisory", urn: DOCS, message: "docs is declared internal by its blastguard:data-class tag; not checked as customer data" },
    ]);
  });
});

describe("customer-data policies on exports without data stores", () => {
  const files = [
    "state/awsx-ts-ecr-repo-stack-export.json",
    "state/awsx-ts-lb-simple-stack-export.json",
    "state/eks-encryption-provider-stack-export.json",
    "state/eks-cluster-large-stack-export.json",
    "state/pulumi-checkpoint-v3.json",
    "state/pulumi-checkpoint-secrets.json",
  ];
  for (const rel of files) {
    it(`finds nothing in ${rel}, which holds no data store and no data-class tag`, async () => {
      const text = readFileSync(fixture(rel), "utf8");
      expect(stateResources(rel).filter((r) => DATA_STORE_TYPES.has(r.type))).toEqual([]);
      expect(text).not.toContain("blastguard:data-class");
      const { report } = await check(fixture(rel));
      expect(dataFindings(report.findings)).toEqual([]);
    });
  }
});

describe("customer-data policies on the stratify creates preview", () => {
  it("reports the new untagged bucket, whose region is unknown and which has no copy at all", async () => {
    const preview = JSON.parse(readFileSync(fixture("preview/stratify-sample-preview-creates.json"), "utf8"));
    // premise: the bucket's goal names no region, the default provider is not listed, no aws:region config
    const bucket = preview.steps.find((s: { urn: string }) => s.urn === "urn:pulumi:dev::sample::aws:s3/bucket:Bucket::docs");
    expect(bucket.op).toBe("create");
    expect(bucket.newState.inputs.region).toBeUndefined();
    expect(preview.config["aws:region"]).toBeUndefined();
    const { report } = await check(fixture("preview/stratify-sample-preview-creates.json"));
    const findings = dataFindings(report.findings);
    expect(findings).toContainEqual({
      policy: "data-multi-location-backup", kind: "advisory", urn: "urn:pulumi:dev::sample::aws:s3/bucket:Bucket::docs",
      message: "docs holds customer data and has no copy outside an unknown region (customer data by default: it has no blastguard:data-class tag; tag it to enforce this)",
    });
    expect(findings).toContainEqual({
      policy: "data-protect", kind: "advisory", urn: "urn:pulumi:dev::sample::aws:s3/bucket:Bucket::docs",
      message: "docs holds customer data and is not protected (nor retained on delete) (customer data by default: it has no blastguard:data-class tag; tag it to enforce this)",
    });
  });
});
