// `blastguard audit`: resolve the fleet, keep this shard's stacks, judge them on the worker pool,
// and build the audit report (stacks sorted by identity, so the output never depends on which
// worker finished first).
import type { Config } from "../model/config.js";
import { AUDIT_SCHEMA_VERSION, type AuditReport, type Shard, type StackResult } from "./model.js";
import { judgeFleet } from "./pool.js";
import { takeEarlyWorker } from "../engine/worker.js";
import { progressBar, silentProgress } from "./progress.js";
import { inShard } from "./shard.js";
import { summarize } from "./summary.js";
import { resolveTargets, type TargetSelection } from "./targets.js";

export interface AuditOptions {
  config: Config;
  workers: number;
  shard: Shard | null;
  /** --context: stacks whose resources may provide copies to every audited stack. */
  context?: readonly string[];
  progress?: boolean;
}

const byTarget = (a: StackResult, b: StackResult) => (a.target.id < b.target.id ? -1 : a.target.id > b.target.id ? 1 : 0);

/**
 * Two inputs that are the same stack (a stale export left beside a fresh one, a stack named and
 * also exported to a file) would count its stores twice and may disagree: both become errors.
 */
function refuseSameStackTwice(stacks: StackResult[]): StackResult[] {
  const count = new Map<string, number>();
  for (const s of stacks) if (s.stackName !== null) count.set(s.stackName, (count.get(s.stackName) ?? 0) + 1);
  return stacks.map((s) =>
    s.stackName === null || count.get(s.stackName) === 1 || s.error !== null
      ? s
      : { ...s, error: `${s.target.id}: stack ${s.stackName} is given more than once in the fleet; audit each stack once` },
  );
}

export function auditReport(stacks: StackResult[], shard: Shard | null, fleetSize: number, context: readonly string[]): AuditReport {
  const sorted = refuseSameStackTwice([...stacks].sort(byTarget));
  return { schemaVersion: AUDIT_SCHEMA_VERSION, kind: "blastguard-audit", shard, fleetSize, context: [...context], stacks: sorted, summary: summarize(sorted) };
}

export async function runAudit(selection: TargetSelection, options: AuditOptions): Promise<AuditReport> {
  // The engine thread the CLI starts early is for `check`; an audit's workers each run their own.
  void takeEarlyWorker()?.terminate();
  const fleet = await resolveTargets(selection);
  const mine = fleet.filter((t) => inShard(t.id, options.shard));
  const progress = options.progress === false ? silentProgress : progressBar(mine.length);
  try {
    const stacks = await judgeFleet(mine, { config: options.config, workers: options.workers, context: options.context, onResult: (_, done) => progress.update(done) });
    return auditReport(stacks, options.shard, fleet.length, options.context ?? []);
  } finally {
    progress.finish();
  }
}
