// `--shard i/n`: which stacks this runner audits. A stack's shard depends only on its identity
// (the path as given, or the stack name), through a stable hash, so every runner of a CI matrix
// computes the same partition from the same command line, with no coordinator.
import { createHash } from "node:crypto";
import { UsageError } from "../cli/args.js";
import type { Shard } from "./model.js";

export function parseShard(text: string): Shard {
  const m = /^([1-9][0-9]{0,3})\/([1-9][0-9]{0,3})$/.exec(text);
  if (!m) throw new UsageError("--shard must be i/n with 1 <= i <= n (e.g. 2/4)");
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (index > count) throw new UsageError("--shard must be i/n with 1 <= i <= n (e.g. 2/4)");
  return { index, count };
}

/** The shard (1..count) a stack identity belongs to. */
export function shardOf(id: string, count: number): number {
  const digest = createHash("sha256").update(id, "utf8").digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

export function inShard(id: string, shard: Shard | null): boolean {
  return shard === null || shardOf(id, shard.count) === shard.index;
}
