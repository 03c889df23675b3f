// The pack's view of a change: the analyzer's goal diffed against the prior state, with secrets
// and unknowns in the wire form turned into the same markers every reader produces.
import { describe, expect, it } from "vitest";
import type { ChangeSet, Resource } from "../../src/model/changeset.js";
import { changeSetFromAnalyzer } from "../../src/readers/analyzer.js";
import { stateForm, type AnalyzedResource } from "../../src/readers/wire.js";
import { readChangeSet } from "../../src/readers/index.js";

const limits = { maxBytes: 1024 * 1024, maxDepth: 1000 };
const P = "urn:pulumi:prod::shop::";
const providerUrn = `${P}pulumi:providers:aws::default`;
const SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

// A stack export with the stack, a provider, a protected table and a queue.
const prior: ChangeSet = readChangeSet(
  new TextEncoder().encode(
    JSON.stringify({
      version: 3,
      deployment: {
        resources: [
          { urn: `${P}pulumi:pulumi:Stack::shop-prod`, type: "pulumi:pulumi:Stack", custom: false },
          { urn: providerUrn, type: "pulumi:providers:aws", custom: true, id: "p1" },
          {
            urn: `${P}aws:dynamodb/table:Table::orders`,
            type: "aws:dynamodb/table:Table",
            custom: true,
            id: "orders",
            protect: true,
            retainOnDelete: true,
            provider: `${providerUrn}::p1`,
            outputs: { name: "orders", tags: { "blastguard:tenant": "tenant-acme" } },
          },
          { urn: `${P}aws:sqs/queue:Queue::jobs`, type: "aws:sqs/queue:Queue", custom: true, id: "jobs", provider: `${providerUrn}::p1`, outputs: { name: "jobs" } },
        ],
      },
    }),
  ),
  "state.json",
  { limits },
);

const goal = (over: Partial<AnalyzedResource> & { urn: string; type: string }): AnalyzedResource => ({
  name: over.urn.split("::").pop()!,
  parent: null,
  provider: providerUrn,
  protect: false,
  props: {},
  propertyDependencies: {},
  ...over,
});
const stack = goal({ urn: `${P}pulumi:pulumi:Stack::shop-prod`, type: "pulumi:pulumi:Stack", provider: null });
const provider = goal({ urn: providerUrn, type: "pulumi:providers:aws", provider: null });
const table = (protect: boolean) =>
  goal({ urn: `${P}aws:dynamodb/table:Table::orders`, type: "aws:dynamodb/table:Table", protect, props: { name: "orders", tags: { "blastguard:tenant": "tenant-acme" } } });
const queue = goal({ urn: `${P}aws:sqs/queue:Queue::jobs`, type: "aws:sqs/queue:Queue", props: { name: "jobs" } });

const byName = (c: ChangeSet) => Object.fromEntries(c.resources.map((r) => [r.name, r])) as Record<string, Resource>;

describe("the pack's change set", () => {
  it("reads a prior resource missing from the goal as a delete with its prior state", () => {
    const change = changeSetFromAnalyzer({ goal: [stack, provider, table(true)], prior, stackConfig: {} });
    const jobs = byName(change)["jobs"]!;
    expect(jobs.op).toBe("delete");
    expect(jobs.after).toBeNull();
    expect(jobs.before).toMatchObject({ id: "jobs", protect: false });
    expect(change.steps).toEqual([{ urn: `${P}aws:sqs/queue:Queue::jobs`, op: "delete" }]);
    expect(change.inventory).toEqual({ complete: true, max_prior_resources: 4 });
  });

  it("carries protect before and after when the goal drops it", () => {
    const orders = byName(changeSetFromAnalyzer({ goal: [stack, provider, table(false), queue], prior, stackConfig: {} }))["orders"]!;
    expect(orders.op).toBe("update");
    expect(orders.before?.protect).toBe(true);
    expect(orders.after?.protect).toBe(false);
    // Not in the analyzer protocol: taken from the prior state.
    expect(orders.after?.retain_on_delete).toBe(true);
  });

  it("reads an unchanged goal as same, and a new URN as a create as the preview digest shows it", () => {
    const pending = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    const extra = goal({ urn: `${P}aws:s3/bucket:Bucket::media`, type: "aws:s3/bucket:Bucket", protect: true, props: { bucket: "media", arn: pending } });
    const change = changeSetFromAnalyzer({ goal: [stack, provider, table(true), queue, extra], prior, stackConfig: {} });
    const r = byName(change);
    expect(r["orders"]!.op).toBe("same");
    expect(r["jobs"]!.op).toBe("same");
    expect(r["media"]).toMatchObject({ op: "create", kind: "cloud", before: null });
    // No id and no unknown identity outputs yet (the digest lists only inputs); retainOnDelete
    // is not in the analyzer protocol.
    expect(r["media"]!.after).toMatchObject({ id: null, protect: true, retain_on_delete: { $unknown: true }, props: { bucket: "media" } });
    expect(change.steps).toEqual([{ urn: `${P}aws:s3/bucket:Bucket::media`, op: "create" }]);
  });

  it("tells components (no provider) from cloud resources", () => {
    const app = goal({ urn: `${P}blastguard:tenancy:App::app-1`, type: "blastguard:tenancy:App", provider: null });
    expect(byName(changeSetFromAnalyzer({ goal: [stack, app], prior, stackConfig: {} }))["app-1"]!.kind).toBe("component");
  });

  it("turns wire-form secrets and typed unknowns into the readers' markers, never keeping the secret", () => {
    const props = stateForm({
      name: { [SIG]: SECRET_SIG, value: "orders-secret-name" },
      tags: { "blastguard:tenant": "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", team: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" },
    });
    const orders = goal({ urn: `${P}aws:dynamodb/table:Table::orders`, type: "aws:dynamodb/table:Table", protect: true, props });
    const change = changeSetFromAnalyzer({ goal: [stack, provider, orders, queue], prior, stackConfig: {} });
    expect(byName(change)["orders"]!.after!.props).toEqual({ name: "[secret]", tags: { "blastguard:tenant": { $unknown: true }, team: { $unknown: true } } });
    expect(JSON.stringify(change)).not.toContain("orders-secret-name");
  });

  it("keeps the property dependencies of the properties policies read, as the readers do", () => {
    const versioning = goal({
      urn: `${P}aws:s3/bucketVersioning:BucketVersioning::media`,
      type: "aws:s3/bucketVersioning:BucketVersioning",
      props: { bucket: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" },
      propertyDependencies: { bucket: [`${P}aws:s3/bucket:Bucket::media`], someUnreadKey: [`${P}aws:s3/bucket:Bucket::media`], tags: [] },
    });
    const after = byName(changeSetFromAnalyzer({ goal: [stack, provider, versioning], prior, stackConfig: {} }))["media"]!.after!;
    expect(after.props).toEqual({ bucket: { $unknown: true } });
    expect(after.refs).toEqual({ bucket: [`${P}aws:s3/bucket:Bucket::media`] });
  });

  it("refuses a goal that lists one URN twice", () => {
    expect(() => changeSetFromAnalyzer({ goal: [stack, queue, queue], prior, stackConfig: {} })).toThrow(/same URN twice/);
  });
});
