// The change-wide facts the host counts once (input.change): they must be exactly what the
// policies' own per-resource helpers give (lib.destroys, lib.existed, lib.removed_cloud, as
// policies/lib/testing.rego counts them for the Rego tests), compared with the real `opa eval` on
// recorded inputs, and each edge a small edit of real output could hit is pinned by hand.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readInputs } from "../../src/check.js";
import { changeFacts } from "../../src/engine/change-facts.js";
import { PolicyEvaluator } from "../../src/engine/evaluate.js";
import { buildPolicyInput, type PolicyInput } from "../../src/engine/input.js";
import { InputError } from "../../src/errors.js";
import { defaultConfig } from "../../src/model/config.js";
import { fixture, repoRoot } from "../support/paths.js";
import { scenario, syntheticDeletePreview } from "../support/scenarios.js";

const opa = join(repoRoot, ".tools/bin/opa");
const config = defaultConfig();
const dir = mkdtempSync(join(tmpdir(), "bg-change-facts-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function opaEval(query: string, input: unknown): unknown {
  const file = join(dir, "input.json");
  writeFileSync(file, JSON.stringify(input));
  const out = execFileSync(opa, ["eval", "-d", join(repoRoot, "policies/lib"), "-i", file, "-f", "json", query], { encoding: "utf8", maxBuffer: 1 << 28 });
  return (JSON.parse(out) as { result: { expressions: { value: unknown }[] }[] }).result[0]!.expressions[0]!.value;
}

async function inputOf(file: string, state?: string): Promise<PolicyInput> {
  return buildPolicyInput(await readInputs(file, { statePath: state }, config), config);
}

type R = PolicyInput["resources"][number];
const state = (over: Partial<NonNullable<R["before"]>> = {}) => ({ id: "i", protect: false, retain_on_delete: false, external: false, deleted_with: null, props: {}, ...over }) as NonNullable<R["before"]>;
function res(name: string, op: R["op"], over: Partial<R> = {}): R {
  return {
    urn: `urn:pulumi:dev::p::aws:s3/bucket:Bucket::${name}`,
    type: "aws:s3/bucket:Bucket",
    name,
    kind: "cloud",
    parent: null,
    provider: null,
    op,
    before: state(),
    after: op === "delete" ? null : state(),
    source_position: null,
    scope: { level: "app", tenant: "tenant-a", site: "site-1", app: "app-1" },
    unit_keys: {},
    ...over,
  } as R;
}

describe("the change-wide facts", () => {
  it("equal what the policies' own helpers count, on recorded inputs", async () => {
    const inputs = [
      await inputOf(scenario("incident-site-ids-as-app-ids", "preview.json"), scenario("incident-site-ids-as-app-ids", "state.json")),
      await inputOf(scenario("incident-site-ids-as-app-ids", "plan.json")),
      await inputOf(scenario("move-apps-and-replace-table", "preview-sames.json")),
      await inputOf(scenario("delete-protected-site", "preview.json"), scenario("delete-protected-site", "state.json")),
      await inputOf(fixture("events/TestRetainOnDelete-1-replace.jsonl")),
      // SYNTHETIC ops on a recorded state: apps of two tenants deleted
      await inputOf(syntheticDeletePreview(scenario("add-tenant", "state.json"), (n) => /^app-(124|200|300)/.test(n), join(dir, "two-tenants.json"))),
    ];
    let destroyed = 0;
    for (const input of inputs) {
      const resources = JSON.parse(JSON.stringify(input.resources)) as R[];
      expect(input.change).toEqual(opaEval('data.blastguard.lib.testing.change_facts(input.resources, "tenant")', { resources }));
      destroyed += input.change.destroyed.length;
    }
    // the comparison is not vacuous: the inputs destroy, span tenants and lack scopes
    expect(destroyed).toBeGreaterThan(10);
    expect(inputs.some((i) => Object.keys(i.change.removed_by_root).length > 1)).toBe(true);
    expect(inputs.some((i) => i.change.removed_unknown_scope.length > 0)).toBe(true);
  });

  it("count a replacement as destroyed, and an unknown retainOnDelete too; a retained one only as removed", () => {
    const facts = changeFacts(
      [
        res("gone", "delete"),
        res("swapped", "replace"),
        res("kept", "delete", { before: state({ retain_on_delete: true }) }),
        res("maybe", "delete", { before: state({ retain_on_delete: { $unknown: true } as never }) }),
        res("updated", "update"),
      ],
      "tenant",
    );
    expect(facts.destroyed.map((u) => u.split("::").pop())).toEqual(["gone", "swapped", "maybe"]);
    expect(facts.removed_by_root["tenant-a"]!.map((u) => u.split("::").pop())).toEqual(["gone", "swapped", "kept", "maybe"]);
    expect(facts.listed_prior).toBe(5);
    expect(facts.scoped_staying).toBe(1);
  });

  it("leave components and other non-cloud resources out of every count but `scoped`", () => {
    const facts = changeFacts([res("comp", "delete", { kind: "component" } as Partial<R>), res("shared", "same", { scope: { level: "shared" } })], "tenant");
    expect(facts).toEqual({ destroyed: [], listed_prior: 1, removed_by_root: {}, removed_unknown_scope: [], scoped_staying: 0, scoped: true });
  });

  it("keep a plan's deletion without prior state as destroyed, of unknown scope, not as having existed", () => {
    const facts = changeFacts([res("planned", "delete", { before: null, scope: { level: "unknown" } }), res("s", "delete", { scope: { level: "shared" } })], "tenant");
    expect(facts.destroyed).toHaveLength(2);
    expect(facts.removed_unknown_scope.map((u) => u.split("::").pop())).toEqual(["planned"]);
    expect(facts.listed_prior).toBe(1);
    expect(facts.removed_by_root).toEqual({});
    expect(facts.scoped).toBe(false);
  });

  it("group the removals of two tenants apart, even when the same ID repeats in another tenant", () => {
    const other = { level: "app", tenant: "tenant-b", site: "site-1", app: "app-1" };
    const facts = changeFacts([res("a", "delete"), res("b", "delete", { scope: other }), res("b2", "replace", { scope: other })], "tenant");
    expect(Object.keys(facts.removed_by_root).sort()).toEqual(["tenant-a", "tenant-b"]);
    expect(facts.removed_by_root["tenant-b"]).toHaveLength(2);
  });
});

describe("an input without its change-wide facts", () => {
  it("is refused before the policy runs: the change-wide policies would count nothing", async () => {
    const input = await inputOf(scenario("delete-protected-site", "preview.json"), scenario("delete-protected-site", "state.json"));
    expect(input.change.destroyed.length).toBeGreaterThan(0);
    const { change: _dropped, ...without } = input;
    const evaluator = new PolicyEvaluator();
    try {
      await expect(evaluator.evaluate(without as never, 5000)).rejects.toThrow(InputError);
      await expect(evaluator.evaluate({ ...input, change: null } as never, 5000)).rejects.toThrow(InputError);
    } finally {
      evaluator.close();
    }
  });
});
