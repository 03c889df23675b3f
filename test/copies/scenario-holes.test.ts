// The eight holes of issue 12 on edited copies of a real recorded stack (examples/scenarios/
// add-tenant/state.json, recorded with the real pulumi CLI). Each test edits the recording in
// memory (the recording itself is never changed), writes the copy to a temp dir, and checks it
// with the real guard. Each edit is one small realistic change that the guard used to let
// through; what the test expects was read from the recording (names, ARNs, tags).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../../src/check.js";
import { scenario } from "../support/scenarios.js";

interface StateResource {
  urn: string;
  type: string;
  id?: string;
  outputs: Record<string, unknown>;
  inputs: Record<string, unknown>;
  propertyDependencies?: Record<string, string[]>;
  retainOnDelete?: boolean;
  [key: string]: unknown;
}

const dir = process.env["BLASTGUARD_KEEP_HOLES"] ?? mkdtempSync(join(tmpdir(), "blastguard-holes-"));
const recorded = (): StateResource[] => JSON.parse(readFileSync(scenario("add-tenant", "state.json"), "utf8")).deployment.resources;
const byName = (rs: StateResource[], name: string) => rs.find((r) => r.urn.endsWith(`::${name}`))!;

function writeState(name: string, resources: StateResource[]): string {
  const doc = JSON.parse(readFileSync(scenario("add-tenant", "state.json"), "utf8"));
  doc.deployment.resources = resources;
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

/** A --show-sames preview of the edited stack: `ops` gives some resources' step (delete, replace with a new state). */
function writePreview(name: string, resources: StateResource[], ops: Record<string, { op: "delete" | "replace"; next?: StateResource }>): string {
  const steps = resources.map((r) => {
    const step = ops[r.urn.split("::").pop()!];
    if (!step) return { op: "same", urn: r.urn, oldState: r, newState: r };
    if (step.op === "delete") return { op: "delete", urn: r.urn, oldState: r };
    return { op: "replace", urn: r.urn, oldState: r, newState: step.next, replaceReasons: ["name"] };
  });
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ steps, changeSummary: {} }));
  return file;
}

async function findings(file: string, policy: string) {
  const { report } = await check(file);
  return report.findings.filter((f) => f.policy === policy).map((f) => ({ kind: f.kind, name: f.urn.split("::").pop(), message: f.message }));
}

const setOutputs = (r: StateResource, outputs: Record<string, unknown>) => {
  r.outputs = { ...r.outputs, ...outputs };
  r.inputs = { ...r.inputs, ...outputs };
};

describe("issue 12 holes on an edited recorded stack", () => {
  it("premise: the recorded stack passes every customer-data policy", async () => {
    const file = writeState("recorded", recorded());
    for (const p of ["data-multi-location-backup", "data-restore-readiness", "backup-teardown"]) expect(await findings(file, p)).toEqual([]);
  });

  it("1: notResources arn:aws:s3:::* excludes a bucket whose name has dots", async () => {
    const rs = recorded().filter((r) => !r.urn.endsWith("BucketReplicationConfig::app-125-data"));
    setOutputs(byName(rs, "app-125-data"), { bucket: "bg.app-125-data.eu-west-1", arn: "arn:aws:s3:::bg.app-125-data.eu-west-1" });
    byName(rs, "app-125-data").id = "bg.app-125-data.eu-west-1";
    setOutputs(byName(rs, "tenant-acme-tables"), { resources: ["*"], notResources: ["arn:aws:s3:::*"] });
    const found = await findings(writeState("hole-1", rs), "data-multi-location-backup");
    // (its former DR bucket, no longer a replication destination, now needs a copy of its own too)
    expect(found.filter((f) => f.name === "app-125-data")).toEqual([{ kind: "violation", name: "app-125-data", message: "app-125-data holds customer data and has no copy outside eu-west-1" }]);
  });

  it("2: a known resources list that leaves a table out wins over propertyDependencies naming it", async () => {
    const rs = recorded();
    const sel = byName(rs, "tenant-acme-tables");
    setOutputs(sel, { resources: ["arn:aws:dynamodb:eu-west-1:123456789012:table/app-123-records"], conditions: [] });
    sel.propertyDependencies = { ...sel.propertyDependencies, resources: [byName(rs, "app-125-records").urn] };
    const found = await findings(writeState("hole-2", rs), "data-multi-location-backup");
    expect(found.map((f) => f.name).sort()).toEqual(["app-124-records", "app-125-records", "app-126-records"]);
  });

  it("3: an S3 replication rule with a prefix filter is a partial copy", async () => {
    const rs = recorded();
    const repl = byName(rs, "app-125-data");
    const config = rs.find((r) => r.urn.endsWith("BucketReplicationConfig::app-125-data"))!;
    const rules = (config.outputs["rules"] as Record<string, unknown>[]).map((r) => ({ ...r, filter: { prefix: "invoices/" } }));
    setOutputs(config, { rules });
    expect(repl.type).toBe("aws:s3/bucket:Bucket");
    const found = await findings(writeState("hole-3", rs), "data-multi-location-backup");
    expect(found).toEqual([{ kind: "violation", name: "app-125-data", message: "app-125-data holds customer data and has no copy outside eu-west-1 (only a partial copy: a replication rule with a filter)" }]);
  });

  it("4: two-way replication does not exempt a replica deleted in the same change as its primary", async () => {
    const rs = recorded();
    const config = rs.find((r) => r.urn.endsWith("BucketReplicationConfig::app-125-data"))!;
    const back: StateResource = JSON.parse(JSON.stringify(config));
    back.urn = config.urn.replace(/::app-125-data$/, "::app-125-data-back");
    const rules = (config.outputs["rules"] as Record<string, unknown>[]).map((r) => ({ ...r, destination: { bucket: "arn:aws:s3:::bg-app-125-data-eu-west-1" } }));
    setOutputs(back, { bucket: "bg-app-125-data-dr-eu-central-1", rules });
    rs.push(back);
    for (const name of ["app-125-data", "app-125-data-dr"]) byName(rs, name).retainOnDelete = false;
    const file = writePreview("hole-4", rs, { "app-125-data": { op: "delete" }, "app-125-data-dr": { op: "delete" }, "app-125-data-back": { op: "delete" } });
    const found = await findings(file, "data-restore-readiness");
    expect(found.map((f) => [f.kind, f.name])).toEqual([["violation", "app-125-data"], ["violation", "app-125-data-dr"]]);
  });

  it("5: a table re-tagged internal in the change that replaces it is judged by its prior class", async () => {
    const rs = recorded();
    const t = byName(rs, "app-125-records");
    t.retainOnDelete = false;
    byName(rs, "tenant-acme-backup-dr").retainOnDelete = false;
    const next: StateResource = JSON.parse(JSON.stringify(t));
    const tags = { ...(t.outputs["tags"] as object), "blastguard:data-class": "internal" };
    next.inputs = { ...next.inputs, tags };
    next.outputs = { ...next.outputs, tags, tagsAll: tags };
    const file = writePreview("hole-5", rs, { "app-125-records": { op: "replace", next }, "tenant-acme-backup-dr": { op: "delete" } });
    const found = await findings(file, "data-restore-readiness");
    expect(found).toContainEqual({ kind: "violation", name: "app-125-records", message: "replaces app-125-records, which has no copy outside eu-west-1 that survives this change" });
  });

  it("6: a deleted resource whose class tag is secret cannot be verified", async () => {
    const rs = recorded();
    const q = byName(rs, "app-125-events");
    const secret = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: "v1:AAAA" };
    q.outputs = { ...q.outputs, tags: { ...(q.outputs["tags"] as object), "blastguard:data-class": secret }, tagsAll: undefined };
    const found = await findings(writePreview("hole-6", rs, { "app-125-events": { op: "delete" } }), "data-restore-readiness");
    expect(found).toEqual([{ kind: "unverifiable", name: "app-125-events", message: "deletes app-125-events, whose blastguard:data-class tag is unknown or secret: whether it held customer data cannot be told" }]);
  });

  it("8: an untagged DocumentDB cluster is a data store: deleting it without a copy fails", async () => {
    const rs = recorded();
    const q = byName(rs, "app-126-events");
    q.type = "aws:docdb/cluster:Cluster";
    q.urn = q.urn.replace("aws:sqs/queue:Queue", "aws:docdb/cluster:Cluster");
    const tags = { ...(q.outputs["tags"] as Record<string, string>) };
    delete tags["blastguard:data-class"];
    q.outputs = { arn: "arn:aws:rds:eu-west-1:123456789012:cluster:app-126-events", region: "eu-west-1", tags, tagsAll: tags };
    q.inputs = { tags };
    const found = await findings(writePreview("hole-8", rs, { "app-126-events": { op: "delete" } }), "data-restore-readiness");
    expect(found.map((f) => [f.kind, f.name])).toContainEqual(["violation", "app-126-events"]);
  });
});

