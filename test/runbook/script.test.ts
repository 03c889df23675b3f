// The generated restore script, run against the stand-in `aws` CLI: what each kind of copy calls
// in a dry run and with --execute, that one store's failure leaves the others alone, that a second
// run does nothing, and that the concurrency limit holds. Lint: the real shellcheck.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderScript, shellWord } from "../../src/runbook/script.js";
import { afterDeletion, DB_ARN, sampleRunbook, TABLE_ARN } from "./sample-runbook.js";
import { arg, op, shellcheck, world, type Call } from "./support.js";

const MUTATING = new Set([
  "backup start-restore-job", "s3api create-bucket", "s3 sync", "rds restore-db-instance-to-point-in-time",
  "rds restore-db-instance-from-db-snapshot", "rds restore-db-cluster-from-snapshot",
]);
const mutating = (calls: Call[]) => calls.filter((c) => MUTATING.has(op(c)));
const script = renderScript(sampleRunbook(), { concurrency: 3 });

describe("the restore script", () => {
  it("passes shellcheck, names with quotes and dollar signs included", () => {
    const w = world(script, {});
    const result = shellcheck(w.script);
    expect(result.output).toBe("");
    expect(result.status).toBe(0);
  });

  it.each([
    ["no store", (g: ReturnType<typeof sampleRunbook>["groups"]) => g.map((x) => ({ ...x, stores: [] }))],
    ["only stores without a copy", (g: ReturnType<typeof sampleRunbook>["groups"]) => g.map((x) => ({ ...x, stores: x.stores.filter((st) => !st.restorable) }))],
  ])("passes shellcheck with %s, and runs", (_what, edit) => {
    const runbook = sampleRunbook();
    const w = world(renderScript({ ...runbook, groups: edit(runbook.groups) }), {});
    expect(shellcheck(w.script).output).toBe("");
    expect(w.run().status).toBe(0);
  });

  it("dry run: only describe and list calls, one line per store naming what would be restored", () => {
    const w = world(script, afterDeletion);
    const r = w.run();
    expect(r.status).toBe(0);
    const calls = w.calls();
    expect(mutating(calls)).toEqual([]);
    // AWS Backup: the newest completed recovery point of the store's ARN, looked up in the vault's region.
    const points = calls.filter((c) => op(c) === "backup list-recovery-points-by-backup-vault");
    expect(points.map((c) => [arg(c, "--region"), arg(c, "--backup-vault-name"), arg(c, "--by-resource-arn")]).sort()).toEqual([
      ["eu-central-1", "dr", TABLE_ARN],
      ["eu-central-1", "dr", "arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/fs-0abc"],
    ]);
    expect(calls.some((c) => op(c) === "rds describe-db-instance-automated-backups" && arg(c, "--db-instance-identifier") === "billing" && arg(c, "--region") === "eu-central-1")).toBe(true);
    expect(calls.some((c) => op(c) === "rds describe-db-snapshots" && arg(c, "--db-snapshot-identifier") === "ledger-final")).toBe(true);
    expect(calls.some((c) => op(c) === "s3api head-bucket" && arg(c, "--bucket") === "bg-data-dr" && arg(c, "--region") === "eu-central-1")).toBe(true);
    // The store without a copy makes no call at all.
    expect(calls.some((c) => c.argv.some((a) => a.includes("it's")))).toBe(false);
    expect(r.lines.slice(0, -1).sort()).toEqual([
      "tenant-acme/site-9/app-1 dynamodb orders: would-restore: orders in eu-central-1 from recovery point arn:rp:orders-new with role arn:aws:iam::123456789012:role/backup",
      "tenant-acme/site-9/app-1 s3 bg-data: would-copy: replica bucket bg-data-dr (eu-central-1) into new bucket bg-data in eu-west-1",
      "tenant-acme/site-9/app-2 dynamodb sessions: live: the data is live as sessions in eu-central-1 (ACTIVE): point the app at it",
      "tenant-acme/site-9/app-2 rds-instance billing: would-restore: billing in eu-central-1 to the latest restorable time from arn:aws:rds:eu-central-1:123456789012:auto-backup:ab-billing",
      "tenant-acme/site-9/app-2 rds-instance ledger: would-restore: ledger in eu-west-1 from final snapshot ledger-final (available)",
      "tenant-acme/site-9/app-3 efs fs-0abc: would-restore: fs-0abc in eu-central-1 from recovery point arn:rp:fs (no IAM role: pass --role-arn)",
      "tenant-acme/site-9/app-3 s3 it's-$HOME: not-restorable: no copy of its data survives the change",
    ]);
    expect(r.lines.at(-1)).toBe("restore (dry run): 7 stores, 4 would-restore, 1 would-copy, 1 live, 1 not-restorable");
  });

  it("--execute: each store gets the calls its copy needs; a second run does nothing", () => {
    const w = world(script, afterDeletion);
    const first = w.run(["--execute", "--role-arn", "arn:aws:iam::123456789012:role/restore"]);
    expect(first.status).toBe(0);
    const restores = mutating(w.calls());
    const job = (rt: string) => restores.find((c) => op(c) === "backup start-restore-job" && arg(c, "--resource-type") === rt)!;
    expect(arg(job("DynamoDB"), "--recovery-point-arn")).toBe("arn:rp:orders-new");
    expect(JSON.parse(arg(job("DynamoDB"), "--metadata")!)).toEqual({ targetTableName: "orders" });
    expect(arg(job("DynamoDB"), "--iam-role-arn")).toBe("arn:aws:iam::123456789012:role/restore"); // --role-arn wins
    expect(JSON.parse(arg(job("EFS"), "--metadata")!)).toMatchObject({ "file-system-id": "fs-0abc", newFileSystem: "true" });
    expect(restores.map(op).sort()).toEqual([
      "backup start-restore-job", "backup start-restore-job", "rds restore-db-instance-from-db-snapshot",
      "rds restore-db-instance-to-point-in-time", "s3 sync", "s3api create-bucket",
    ]);
    expect(restores.find((c) => op(c) === "s3 sync")!.argv.slice(2, 4)).toEqual(["s3://bg-data-dr", "s3://bg-data"]);
    expect(w.created()).toHaveLength(5);
    expect(first.lines.at(-1)).toBe("restore (execute): 7 stores, 4 restoring, 1 copied, 1 live, 1 not-restorable");

    const before = w.calls().length;
    const second = w.run(["--execute", "--role-arn", "arn:aws:iam::123456789012:role/restore"]);
    expect(second.status).toBe(0);
    expect(mutating(w.calls().slice(before))).toEqual([]);
    expect(second.lines.at(-1)).toBe("restore (execute): 7 stores, 5 skipped, 1 live, 1 not-restorable");
  });

  it("a store that fails does not stop the others; the script exits 1", () => {
    const w = world(script, { ...afterDeletion, fail: [{ service: "backup", operation: "start-restore-job", match: "orders" }] });
    const r = w.run(["--execute", "--role-arn", "arn:aws:iam::123456789012:role/restore"]);
    expect(r.status).toBe(1);
    expect(r.lines.filter((l) => l.includes(": failed: "))).toEqual([
      "tenant-acme/site-9/app-1 dynamodb orders: failed: start-restore-job: An error occurred (AccessDeniedException) when calling the start-restore-job operation: injected failure",
    ]);
    expect(w.created().map((c) => c.name).sort()).toEqual(["bg-data", "billing", "fs-0abc", "ledger"]);
  });

  it("a copy that is missing at run time fails that store only", () => {
    const w = world(script, { ...afterDeletion, recoveryPoints: [], automatedBackups: [] });
    const r = w.run();
    expect(r.status).toBe(1);
    expect(r.lines.filter((l) => l.includes(": failed: ")).map((l) => l.split(":")[0])).toEqual(
      expect.arrayContaining(["tenant-acme/site-9/app-1 dynamodb orders", "tenant-acme/site-9/app-2 rds-instance billing", "tenant-acme/site-9/app-3 efs fs-0abc"]),
    );
    expect(r.lines.at(-1)).toBe("restore (dry run): 7 stores, 1 would-restore, 1 would-copy, 1 live, 3 failed, 1 not-restorable");
  });

  it("handles at most --concurrency stores at once", () => {
    // The most calls in flight at one moment (each store's calls run one after another).
    const overlap = (calls: Call[]) => Math.max(...calls.map((c) => calls.filter((o) => o.start <= c.start && c.start < o.end).length));
    const slow = { STANDIN_AWS_DELAY_MS: "300" };
    const one = world(script, afterDeletion);
    one.run(["--concurrency", "2"], slow);
    expect(overlap(one.calls())).toBeLessThanOrEqual(2);
    const many = world(script, afterDeletion);
    many.run(["--concurrency", "7"], slow);
    expect(overlap(many.calls())).toBeGreaterThan(2);
  });

  it("refuses bad options before any call", () => {
    const w = world(script, afterDeletion);
    expect(w.run(["--concurrency", "0"]).status).toBe(2);
    expect(w.run(["--frobnicate"]).status).toBe(2);
    expect(w.run(["--role-arn", "not-an-arn"]).status).toBe(2);
    expect(w.calls()).toEqual([]);
  });

  it("passes any value through as one word", () => {
    const dir = world("", {}).dir;
    const values = ["plain", "it's", "$HOME", "`id`", 'a"b\\c', "new\nline", "*", "--flag"];
    const file = join(dir, "words.sh");
    writeFileSync(file, `printf '%s\\0' ${values.map(shellWord).join(" ")}\n`);
    const r = world(`#!/usr/bin/env bash\n. ${shellWord(file)}\n`, {}).run();
    expect(r.stdout.split("\0").slice(0, -1)).toEqual(values);
    expect(DB_ARN).toContain(":db:billing");
  });
});
