// `blastguard audit`: resolve the fleet, keep this shard's stacks, judge them on the worker pool,
// and build the audit report (stacks sorted by identity, so the output never depends on which
// worker finished first).
import type { Config } from "../model/config.js";
import { AUDIT_SCHEMA_VERSION, type AuditReport, type Shard, type StackResult } from "./model.js";
import { judgeFleet } from "./pool.js";
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

export function auditReport(stacks: StackResult[], shard: Shard | null, fleetSize: number, context: readonly string[]): AuditReport {
  const sorted = [...stacks].sort(byTarget);
  return { schemaVersion: AUDIT_SCHEMA_VERSION, kind: "blastguard-audit", shard, fleetSize, context: [...context], stacks: sorted, summary: summarize(sorted) };
}

export async function runAudit(selection: TargetSelection, options: AuditOptions): Promise<AuditReport> {
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
