// `blastguard audit`: resolve the fleet, keep this shard's stacks, judge them on the worker pool,
// and build the audit run (stacks sorted by identity, so the output never depends on which
// worker finished first).
import { statSync } from "node:fs";
import type { Config } from "../model/config.js";
import type { FailOn } from "../report/build.js";
import type { AuditSummary, Shard, StackResult } from "./model.js";
import { Pool } from "./pool.js";
import { takeEarlyWorker } from "../engine/worker.js";
import { progressBar, silentProgress } from "./progress.js";
import { inShard } from "./shard.js";
import { SpillFolder } from "./spill.js";
import { summarize, withError, type StackTally } from "./summary.js";
import { resolveTargets, type TargetSelection } from "./targets.js";

/**
 * A judged fleet as the outputs need it: the compact tallies the summary is made of, and each
 * stack's full result on demand (read back from where the workers spilled it, or from memory).
 */
export interface AuditRun {
  shard: Shard | null;
  fleetSize: number;
  context: string[];
  /** Sorted by target id. */
  stacks: StackTally[];
  summary: AuditSummary;
  /** The full result of stacks[i] as `JSON.stringify(result, null, 2)`. */
  result(i: number): string;
}

/** One judged stack: its tally and a way to its full result. */
export interface RunEntry {
  tally: StackTally;
  text: () => string;
}

export interface AuditOptions {
  config: Config;
  failOn: FailOn;
  shard: Shard | null;
  /** --context: stacks whose resources may provide copies to every audited stack. */
  context?: readonly string[];
  progress?: boolean;
  /** Whether an output lists findings, so every stack's full result must be kept. */
  keepResults: boolean;
}

const byTarget = (a: RunEntry, b: RunEntry) => (a.tally.target.id < b.tally.target.id ? -1 : a.tally.target.id > b.tally.target.id ? 1 : 0);

/**
 * Two inputs that are the same stack (a stale export left beside a fresh one, a stack named and
 * also exported to a file) would count its stores twice and may disagree: both become errors.
 */
function refuseSameStackTwice(entries: RunEntry[]): RunEntry[] {
  const count = new Map<string, number>();
  for (const { tally: s } of entries) if (s.stackName !== null) count.set(s.stackName, (count.get(s.stackName) ?? 0) + 1);
  return entries.map((e) => {
    const s = e.tally;
    if (s.stackName === null || count.get(s.stackName) === 1 || s.error !== null) return e;
    const error = `${s.target.id}: stack ${s.stackName} is given more than once in the fleet; audit each stack once`;
    const text = () => JSON.stringify({ ...(JSON.parse(e.text()) as StackResult), error }, null, 2);
    return { tally: withError(s, error), text };
  });
}

export function auditRun(entries: readonly RunEntry[], shard: Shard | null, fleetSize: number, context: readonly string[]): AuditRun {
  const sorted = refuseSameStackTwice([...entries].sort(byTarget));
  const stacks = sorted.map((e) => e.tally);
  return { shard, fleetSize, context: [...context], stacks, summary: summarize(stacks), result: (i) => sorted[i]!.text() };
}

/** Largest files first, so no large stack is left for the end while the other workers idle. */
function largestFirst<T extends { id: string; kind: string }>(targets: readonly T[]): T[] {
  const size = new Map(targets.map((t) => [t, t.kind === "file" ? statSync(t.id).size : 0]));
  return [...targets].sort((a, b) => size.get(b)! - size.get(a)!);
}

/**
 * Judges the selected stacks on `pool` (started by the caller as early as it could). The run's
 * full results live in `spill` until the caller has written its outputs and removed it.
 */
export async function runAudit(selection: TargetSelection, options: AuditOptions, pool: Pool, spill: SpillFolder | null): Promise<AuditRun> {
  // The engine thread the CLI starts early is for `check`; an audit's workers each run their own.
  void takeEarlyWorker()?.terminate();
  const fleet = await resolveTargets(selection);
  const mine = largestFirst(fleet.filter((t) => inShard(t.id, options.shard)));
  const progress = options.progress === false ? silentProgress : progressBar(mine.length);
  try {
    const judged = await pool.judge(
      { targets: mine, config: options.config, failOn: options.failOn, context: options.context ?? [] },
      { spill: options.keepResults ? spill : null, onJudged: (_, done) => progress.update(done) },
    );
    // A stack stopped at the time limit was never spilled: its result is its error alone.
    const unspilled = (t: StackTally): StackResult => ({ target: t.target, report: null, error: t.error, stackName: null, stores: [], others: [] });
    const entries = judged.map(({ tally, at }) => ({ tally, text: () => (at && spill ? spill.read(at) : JSON.stringify(unspilled(tally), null, 2)) }));
    return auditRun(entries, options.shard, fleet.length, options.context ?? []);
  } finally {
    progress.finish();
  }
}
