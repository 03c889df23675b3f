// Order decides nothing: the steps of every recorded scenario, shuffled, give the same report.
// Deletes run in parallel, so the engine itself writes them in a different order every run.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { check } from "../../src/check.js";
import { loadConfig } from "../../src/config/load.js";
import { PolicyEvaluator } from "../../src/engine/evaluate.js";
import { loadIntent } from "../../src/intent/load.js";
import type { Report } from "../../src/model/report.js";
import { repoRoot } from "../support/paths.js";

const dir = join(repoRoot, "examples", "scenarios");
const names = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
const evaluator = new PolicyEvaluator();
afterAll(() => evaluator.close());
const tmp = mkdtempSync(join(tmpdir(), "blastguard-shuffle-"));

/** A small seeded generator, so a failing order can be replayed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The same document with its steps (a digest) or resource plans (a plan) in another order. */
function reorder(doc: any, order: (items: any[]) => any[]): any {
  if (Array.isArray(doc.steps)) return { ...doc, steps: order(doc.steps) };
  return { ...doc, resourcePlans: Object.fromEntries(order(Object.entries(doc.resourcePlans))) };
}

/** What a report decides and says, without where it was read from. */
const essence = (r: Report) => ({ ...r, input: { ...r.input, label: "", digest: "" } });

const orders: [string, (items: any[]) => any[]][] = [
  ["reversed", (items) => [...items].reverse()],
  ["shuffled (seed 7)", (items) => shuffled(items, 7)],
  ["shuffled (seed 2026)", (items) => shuffled(items, 2026)],
];

describe("the steps of every recorded scenario in another order", () => {
  const config = loadConfig(undefined, tmp);
  for (const name of names) {
    const intentPath = join(dir, name, "intent.yaml");
    const intent = existsSync(intentPath) ? loadIntent(intentPath, config) : null;
    for (const file of ["preview.json", "preview-sames.json", "plan.json"]) {
      const path = join(dir, name, file);
      if (!existsSync(path)) continue;
      for (const statePath of [undefined, join(dir, name, "state.json")]) {
        it(`${name}/${file}${statePath ? " with --state" : ""}: same report`, async () => {
          const doc = JSON.parse(readFileSync(path, "utf8"));
          const expected = essence((await check(path, { config, evaluator, intent, statePath })).report);
          for (const [how, order] of orders) {
            const out = join(tmp, `${name}-${how.replace(/\W+/g, "-")}-${file}`);
            writeFileSync(out, JSON.stringify(reorder(doc, order)));
            const got = essence((await check(out, { config, evaluator, intent, statePath })).report);
            expect(got, `${how}`).toEqual(expected);
          }
        });
      }
    }
  }
});

describe("an app ID shared by two tenants (an edited copy), in another order", () => {
  it("gives the same report whichever tenant's resources come first", async () => {
    const config = loadConfig(undefined, tmp);
    // initech's app-300 resources re-tagged app-124, the ID of acme's app the change deletes.
    const text = readFileSync(join(dir, "delete-app-with-intent", "preview-sames.json"), "utf8").replaceAll('"blastguard:app": "app-300"', '"blastguard:app": "app-124"');
    const path = join(tmp, "two-app-124.json");
    writeFileSync(path, text);
    const intent = loadIntent(join(dir, "delete-app-with-intent", "intent.yaml"), config);
    const expected = essence((await check(path, { config, evaluator, intent })).report);
    const doc = JSON.parse(text);
    for (const [how, order] of orders) {
      const out = join(tmp, `two-app-124-${how.replace(/\W+/g, "-")}.json`);
      writeFileSync(out, JSON.stringify(reorder(doc, order)));
      expect(essence((await check(out, { config, evaluator, intent })).report), how).toEqual(expected);
    }
    expect(expected.verdict).toBe("blocked"); // the re-tagged resources disagree with the app component they sit in
  });
});
