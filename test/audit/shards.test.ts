// `--shard i/n` and `blastguard merge`: on a generated fleet of distinct stacks made from the
// recorded scenarios and real fixtures, every split merged gives exactly the unsharded report,
// and a merge that could give a wrong summary (a shard missing, twice, or of another split) exits 2.
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeFleet } from "../../src/bench/fleet.js";
import { runCli } from "../support/paths.js";

const tmp = mkdtempSync(join(tmpdir(), "blastguard-shards-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const fleet = join(tmp, "fleet");
const files = writeFleet(fleet, 28);

const made = new Map<number, string[]>();
/** The n shard reports of the fleet (made once per n). */
function shardReports(n: number): string[] {
  if (!made.has(n)) made.set(n, makeShardReports(n));
  return [...made.get(n)!];
}

function makeShardReports(n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const out = join(tmp, `shard-${i + 1}-of-${n}.json`);
    const r = runCli(["audit", fleet, "--shard", `${i + 1}/${n}`, "--workers", "2", "--out-json", out, "--format", "text"]);
    expect([0, 1]).toContain(r.status);
    return out;
  });
}

describe("sharded audit", () => {
  const whole = runCli(["audit", fleet, "--format", "json"]);

  it("audits every stack of the fleet when unsharded", () => {
    const report = JSON.parse(whole.stdout);
    expect(report.stacks).toHaveLength(files.length);
    expect(report.fleetSize).toBe(files.length);
    expect(report.shard).toBeNull();
  });

  for (const n of [1, 2, 4]) {
    it(`gives exactly the unsharded report when ${n} shard(s) are merged`, () => {
      const parts = shardReports(n);
      const sizes = parts.map((p) => JSON.parse(readFileSync(p, "utf8")).stacks.length);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(files.length);
      if (n > 1) expect(sizes.filter((s) => s > 0).length).toBeGreaterThan(1);
      const merged = runCli(["merge", ...parts.reverse(), "--format", "json"]);
      expect(merged.status).toBe(whole.status);
      expect(merged.stdout).toBe(whole.stdout);
      expect(runCli(["merge", ...parts, "--format", "text"]).stdout).toBe(runCli(["audit", fleet]).stdout);
    });
  }

  it("refuses a merge with a shard missing, a shard given twice, or shards of different splits", () => {
    const [a, b, c] = shardReports(4);
    expect(runCli(["merge", a!, b!, c!]).stderr).toMatch(/shard 4\/4 missing/);
    const twice = runCli(["merge", a!, a!, b!, c!]);
    expect(twice.status).toBe(2);
    expect(twice.stderr).toMatch(/shard 1\/4 is given twice/);
    const [half] = shardReports(2);
    const mixed = runCli(["merge", a!, half!]);
    expect(mixed.status).toBe(2);
    expect(mixed.stderr).toMatch(/shard of 2, but .* is a shard of 4/);
  });

  it("refuses a shard report whose stacks were edited into another shard, or that is not an audit report", () => {
    const [a, b] = shardReports(2);
    const one = JSON.parse(readFileSync(a!, "utf8"));
    const two = JSON.parse(readFileSync(b!, "utf8"));
    one.stacks.push(two.stacks.pop());
    const moved = join(tmp, "moved.json");
    writeFileSync(moved, JSON.stringify(one));
    const lopsided = join(tmp, "lopsided.json");
    writeFileSync(lopsided, JSON.stringify(two));
    const r = runCli(["merge", moved, lopsided]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/does not belong to shard 1\/2/);
    const check = runCli(["check", files[0]!, "--format", "json"]);
    const notAudit = join(tmp, "check.json");
    writeFileSync(notAudit, check.stdout);
    expect(runCli(["merge", notAudit]).stderr).toMatch(/not a blastguard audit report/);
    // A second fleetSize key would win in a plain JSON.parse: the strict reader refuses it.
    const doubled = join(tmp, "doubled.json");
    writeFileSync(doubled, readFileSync(a!, "utf8").replace('"fleetSize":', '"fleetSize": 1, "fleetSize":'));
    const r2 = runCli(["merge", doubled, b!]);
    expect(r2.status).toBe(2);
    expect(r2.stderr).toMatch(/doubled\.json: .*(duplicate|twice|repeated)/i);
  });

  it("refuses a shard spec that is not i/n with 1 <= i <= n", () => {
    for (const bad of ["0/2", "3/2", "1/0", "a/b", "1-2"]) {
      const r = runCli(["audit", fleet, "--shard", bad]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/--shard must be i\/n/);
    }
  });
});
