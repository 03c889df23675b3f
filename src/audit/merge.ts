// `blastguard merge`: the JSON reports of every shard of one audit, joined into the report the
// unsharded audit gives. It refuses anything that would make the joined summary wrong: another
// format or version, shards of different splits or fleets, a shard missing or given twice, a
// stack in two shards, or fewer stacks than the fleet has.
import { decodeUtf8, parseJson } from "../readers/bytes.js";
import { readFileLimited } from "../readers/index.js";
import { InputError } from "../errors.js";
import { decideVerdict, type FailOn } from "../report/build.js";
import { AuditReport, type StackResult } from "./model.js";
import { auditRun, type AuditRun } from "./run.js";
import { tallyStack } from "./summary.js";
import { shardOf } from "./shard.js";

const MAX_REPORT_BYTES = 1024 * 1024 * 1024;

export function parseAuditReport(bytes: Uint8Array, label: string): AuditReport {
  // The readers' strict JSON: a key given twice (e.g. a second fleetSize) must not silently win.
  const value = parseJson(decodeUtf8(bytes, label), label, 1000);
  const parsed = AuditReport.safeParse(value);
  if (!parsed.success) throw new InputError(`${label}: not a blastguard audit report (--format json) of schema version 1`);
  return parsed.data;
}

/** A stack's verdict under merge's own --fail-on, as the unsharded audit with it would give. */
function withFailOn(s: StackResult, failOn: FailOn): StackResult {
  if (!s.report || s.report.failOn === failOn) return s;
  return { ...s, report: { ...s.report, failOn, verdict: decideVerdict(s.report.summary, failOn) } };
}

export function mergeReports(parts: readonly { label: string; report: AuditReport }[], failOn: FailOn): AuditRun {
  if (parts.length === 0) throw new InputError("merge needs at least one audit report");
  const first = parts[0]!;
  const count = first.report.shard?.count ?? 1;
  const seenShards = new Set<number>();
  const seenStacks = new Set<string>();
  for (const { label, report } of parts) {
    const shard = report.shard ?? { index: 1, count: 1 };
    if (shard.count !== count) throw new InputError(`${label}: shard of ${shard.count}, but ${first.label} is a shard of ${count}`);
    if (report.fleetSize !== first.report.fleetSize) throw new InputError(`${label}: a fleet of ${report.fleetSize} stacks, but ${first.label} has ${first.report.fleetSize}`);
    if (JSON.stringify(report.context) !== JSON.stringify(first.report.context)) throw new InputError(`${label}: audited with another --context than ${first.label}`);
    if (seenShards.has(shard.index)) throw new InputError(`${label}: shard ${shard.index}/${count} is given twice`);
    seenShards.add(shard.index);
    for (const s of report.stacks) {
      if (seenStacks.has(s.target.id)) throw new InputError(`${label}: stack ${s.target.id} is in two reports`);
      if (shardOf(s.target.id, count) !== shard.index) throw new InputError(`${label}: stack ${s.target.id} does not belong to shard ${shard.index}/${count}`);
      seenStacks.add(s.target.id);
    }
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seenShards.has(i));
  if (missing.length > 0) throw new InputError(`shard ${missing.map((i) => `${i}/${count}`).join(", ")} missing`);
  if (seenStacks.size !== first.report.fleetSize) {
    throw new InputError(`the reports hold ${seenStacks.size} stacks, the fleet has ${first.report.fleetSize}`);
  }
  const entries = parts.flatMap((p) => p.report.stacks.map((s) => withFailOn(s, failOn))).map((s) => ({ tally: tallyStack(s), text: () => JSON.stringify(s, null, 2) }));
  return auditRun(entries, null, first.report.fleetSize, first.report.context);
}

export async function mergeFiles(paths: readonly string[], failOn: FailOn): Promise<AuditRun> {
  const parts = [];
  for (const path of paths) {
    const bytes = await readFileLimited(path, { maxBytes: MAX_REPORT_BYTES, maxDepth: 1000 });
    parts.push({ label: path, report: parseAuditReport(bytes, path) });
  }
  return mergeReports(parts, failOn);
}
