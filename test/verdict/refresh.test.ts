// `pulumi preview --refresh`: the engine first refreshes every resource, then previews. A
// resource the refresh finds deleted outside Pulumi is read as gone: not a deletion this change
// makes, and not a store that still exists after it. Recorded with scripts/record-engine-cases.sh.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, mergePriorState, readChangeSet } from "../../src/readers/index.js";
import { runCli, repoRoot } from "../support/paths.js";

const recorded = (name: string) => gunzipSync(readFileSync(`${repoRoot}test/verdict/recorded/${name}`));
const preview = recorded("refresh-app-124-gone.preview.jsonl.gz");
const state = recorded("refresh-app-124-gone.state.json.gz");

describe("a refresh preview that finds resources gone", () => {
  const change = readChangeSet(new Uint8Array(preview), "preview", { limits: DEFAULT_LIMITS });
  const byName = (type: string, name: string) => change.resources.find((r) => r.type === type && r.name === name)!;

  it("reads the event stream: refresh steps for every resource, deletes for what the program dropped", () => {
    expect(change.source.format).toBe("events");
    expect(change.steps.filter((s) => s.op === "refresh")).toHaveLength(change.resources.length); // every resource of the prior state
    expect(change.resources.filter((r) => r.op === "delete").map((r) => `${r.type} ${r.name}`).sort()).toEqual([
      "aws:dynamodb/table:Table app-124-records",
      "aws:s3/bucket:Bucket app-124-data-dr",
      "aws:s3/bucketVersioning:BucketVersioning app-124-data-dr",
      "blastguard:tenancy:App app-124",
    ]);
  });

  it("marks what the refresh found deleted out of band as gone, with nothing left after the change", () => {
    for (const [type, name] of [["aws:s3/bucket:Bucket", "app-124-data"], ["aws:sqs/queue:Queue", "app-124-events"]] as const) {
      const r = byName(type, name);
      expect([r.op, r.before !== null, r.after]).toEqual(["gone", true, null]);
    }
  });

  it("allows it beside the stack export: the released app's remaining resources go, nothing gone is judged as a live store", () => {
    const dir = mkdtempSync(join(tmpdir(), "blastguard-refresh-"));
    const file = join(dir, "preview.jsonl");
    const statePath = join(dir, "state.json");
    writeFileSync(file, preview);
    writeFileSync(statePath, state);
    const r = runCli(["check", file, "--state", statePath]);
    expect(r.stderr).toBe("");
    // the one warning is orphaned-store: app-124-data-dr has retainOnDelete: true in the export
    expect(r.stdout).toMatch(/^blastguard: ALLOWED: 0 violations, 1 warning\n/);
    expect(r.stdout).toMatch(/orphaned-store[^]*app-124-data-dr/);
    expect(r.status).toBe(0);
  });

  it("merges with the prior state without losing the gone resources", () => {
    const prior = readChangeSet(new Uint8Array(state), "state", { limits: DEFAULT_LIMITS });
    const merged = mergePriorState(change, prior, "state");
    expect(merged.resources.find((r) => r.name === "app-124-data" && r.type === "aws:s3/bucket:Bucket")!.op).toBe("gone");
  });
});
