// The change-wide facts the host counts once (input.change): they must be exactly what the
// policies' own per-resource helpers give (lib.destroys, lib.existed, lib.removed_cloud, as
// policies/lib/testing.rego counts them for the Rego tests), compared with the real `opa eval` on
// recorded inputs, and each edge a small edit of real output could hit is pinned by hand.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { changeFacts } from "../../src/engine/change-facts.js";
import { PolicyEvaluator } from "../../src/engine/evaluate.js";
import type { PolicyInput } from "../../src/engine/input.js";
import { InputError } from "../../src/errors.js";
import { opaEvalLib, policyInputOf } from "../support/opa-lib.js";
import { fixture } from "../support/paths.js";
import { scenario, syntheticDeletePreview } from "../support/scenarios.js";

const dir = mkdtempSync(join(tmpdir(), "bg-change-facts-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type R = PolicyInput["resources"][number];
const noCopies = { stores: {} };

/** Facts with each versioning status list sorted as `opa eval` prints a set. */
function sortedStatuses<T extends { versioning: { by_bucket: Record<string, unknown[]>; by_bucket_urn: Record<string, unknown[]> } }>(facts: T): T {
  const sort = (index: Record<string, unknown[]>) => Object.fromEntries(Object.entries(index).map(([k, v]) => [k, [...v].sort(byOpa)]));
  return { ...facts, versioning: { ...facts.versioning, by_bucket: sort(facts.versioning.by_bucket), by_bucket_urn: sort(facts.versioning.by_bucket_urn) } };
}
// opa orders null < booleans < numbers < strings < arrays < objects
const rank = (v: unknown) => (v === null ? 0 : typeof v === "boolean" ? 1 : typeof v === "number" ? 2 : typeof v === "string" ? 3 : Array.isArray(v) ? 4 : 5);
const byOpa = (a: unknown, b: unknown) => rank(a) - rank(b) || (JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0);
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
      await policyInputOf(scenario("incident-site-ids-as-app-ids", "preview.json"), scenario("incident-site-ids-as-app-ids", "state.json")),
      await policyInputOf(scenario("incident-site-ids-as-app-ids", "plan.json")),
      await policyInputOf(scenario("move-apps-and-replace-table", "preview-sames.json")),
      await policyInputOf(scenario("delete-protected-site", "preview.json"), scenario("delete-protected-site", "state.json")),
      await policyInputOf(fixture("events/TestRetainOnDelete-1-replace.jsonl")),
      // SYNTHETIC ops on a recorded state: apps of two tenants deleted
      await policyInputOf(syntheticDeletePreview(scenario("add-tenant", "state.json"), (n) => /^app-(124|200|300)/.test(n), join(dir, "two-tenants.json"))),
      // versioning resources of new buckets (names unknown, referenced) and of kept ones (named)
      await policyInputOf(scenario("add-tenant", "preview.json")),
      await policyInputOf(scenario("bucket-without-dr-copy", "preview-sames.json")),
    ];
    let destroyed = 0;
    for (const input of inputs) {
      const resources = JSON.parse(JSON.stringify(input.resources)) as R[];
      // path_names: pinned below (the Rego tests' documents add them with their paths)
      const { path_names: _names, ...facts } = sortedStatuses(input.change);
      expect({ ...facts, path_names: {} }).toEqual(opaEvalLib('data.blastguard.lib.testing.change_facts(input.resources, "tenant")', { resources }));
      destroyed += input.change.destroyed.length;
    }
    // the comparison is not vacuous: the inputs destroy, span tenants and lack scopes
    expect(destroyed).toBeGreaterThan(10);
    expect(inputs.some((i) => Object.keys(i.change.removed_by_root).length > 1)).toBe(true);
    expect(inputs.some((i) => i.change.removed_unknown_scope.length > 0)).toBe(true);
    expect(inputs.some((i) => Object.keys(i.change.versioning.by_bucket).length > 0)).toBe(true);
    expect(inputs.some((i) => Object.keys(i.change.versioning.by_bucket_urn).length > 0)).toBe(true);
  });

  it("index versioning resources of every shape as lib/versioning.rego's helpers read them", () => {
    const v = (name: string, op: R["op"], props: Record<string, unknown>, refs?: string[], over: Partial<R> = {}) =>
      res(name, op, {
        type: name.endsWith("2") ? "aws:s3/bucketVersioningV2:BucketVersioningV2" : "aws:s3/bucketVersioning:BucketVersioning",
        after: op === "delete" ? null : state({ props, ...(refs ? { refs: { bucket: refs } } : {}) } as never),
        ...over,
      });
    const resources = [
      v("named", "create", { bucket: "b1", versioningConfiguration: { status: "Enabled" } }),
      v("named-again2", "update", { bucket: "b1", versioningConfiguration: { status: "Suspended" } }),
      v("secret-config", "create", { bucket: "b2", versioningConfiguration: "[secret]" }),
      v("unknown-config", "create", { bucket: "b3", versioningConfiguration: { $unknown: true } }),
      v("no-status", "create", { bucket: "b4", versioningConfiguration: {} }),
      v("list-config", "create", { bucket: "b5", versioningConfiguration: [{ status: "Enabled" }] }),
      v("by-ref", "create", { bucket: { $unknown: true }, versioningConfiguration: { status: "Enabled" } }, ["urn:b6", "urn:b7"]),
      v("empty-name", "create", { bucket: "", versioningConfiguration: { status: "Enabled" } }, ["urn:b8"]),
      v("secret-name", "create", { bucket: "[secret]", versioningConfiguration: { status: "Enabled" } }),
      v("deleted", "delete", { bucket: "b9" }),
      v("same-reads-prior", "same", { bucket: "b10", versioningConfiguration: { status: "Enabled" } }, undefined, { before: state({ props: { bucket: "b11", versioningConfiguration: { status: "Suspended" } } } as never) }),
      v("component", "create", { bucket: "b12" }, undefined, { kind: "component" } as Partial<R>),
    ];
    const ours = changeFacts(resources, "tenant", noCopies).versioning;
    expect(sortedStatuses({ versioning: ours })).toEqual({ versioning: opaEvalLib("data.blastguard.lib.testing.versioning_index(input.resources)", { resources }) });
    // read by hand: the prior state of an unchanged resource, no entry for a deleted one or a component
    expect(Object.keys(ours.by_bucket).sort()).toEqual(["b1", "b11", "b2", "b3", "b4", "b5"]);
    expect(ours.by_bucket["b1"]).toEqual(["Enabled", "Suspended"]);
    expect(ours.by_bucket["b2"]).toEqual([{ $unknown: true }]);
    expect(ours.by_bucket["b4"]).toEqual([null]);
    expect(Object.keys(ours.by_bucket_urn).sort()).toEqual(["urn:b6", "urn:b7", "urn:b8"]);
    expect(ours.open).toBe(true); // the secret name, with no reference
    expect(ours.any).toBe(true);
    expect(changeFacts([resources[0]!], "tenant", noCopies).versioning.open).toBe(false);
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
      noCopies,
    );
    expect(facts.destroyed.map((u) => u.split("::").pop())).toEqual(["gone", "swapped", "maybe"]);
    expect(facts.removed_by_root["tenant-a"]!.map((u) => u.split("::").pop())).toEqual(["gone", "swapped", "kept", "maybe"]);
    expect(facts.removed.map((r) => r.name)).toEqual(["gone", "swapped", "kept", "maybe"]);
    expect(Object.keys(facts.removed[0]!).sort()).toEqual(["name", "scope", "unit_keys", "urn"]);
    expect(facts.listed_prior).toBe(5);
    expect(facts.scoped_staying).toBe(1);
  });

  it("leave components and other non-cloud resources out of every count but `scoped`", () => {
    const facts = changeFacts([res("comp", "delete", { kind: "component" } as Partial<R>), res("shared", "same", { scope: { level: "shared" } })], "tenant", noCopies);
    const { versioning: _index, path_names: _names, ...counts } = facts;
    expect(counts).toEqual({ destroyed: [], listed_prior: 1, removed: [], removed_by_root: {}, removed_unknown_scope: [], scoped_staying: 0, scoped: true });
  });

  it("keep a plan's deletion without prior state as destroyed, of unknown scope, not as having existed", () => {
    const facts = changeFacts([res("planned", "delete", { before: null, scope: { level: "unknown" } }), res("s", "delete", { scope: { level: "shared" } })], "tenant", noCopies);
    expect(facts.destroyed).toHaveLength(2);
    expect(facts.removed_unknown_scope.map((u) => u.split("::").pop())).toEqual(["planned"]);
    expect(facts.listed_prior).toBe(1);
    expect(facts.removed_by_root).toEqual({});
    expect(facts.scoped).toBe(false);
  });

  it("group the removals of two tenants apart, even when the same ID repeats in another tenant", () => {
    const other = { level: "app", tenant: "tenant-b", site: "site-1", app: "app-1" };
    const facts = changeFacts([res("a", "delete"), res("b", "delete", { scope: other }), res("b2", "replace", { scope: other })], "tenant", noCopies);
    expect(Object.keys(facts.removed_by_root).sort()).toEqual(["tenant-a", "tenant-b"]);
    expect(facts.removed_by_root["tenant-b"]).toHaveLength(2);
  });
});

describe("the names of what copy paths go via or need", () => {
  it("are each such resource's name, and only theirs", async () => {
    const input = await policyInputOf(scenario("bucket-without-dr-copy", "preview-sames.json"));
    const referenced = new Set<string>();
    for (const store of Object.values(input.copies.stores)) {
      for (const p of store.paths) {
        for (const u of p.needs) referenced.add(u);
        if (p.via[0]) referenced.add(p.via[0]);
      }
    }
    expect(referenced.size).toBeGreaterThan(2);
    const names = input.change.path_names;
    expect(Object.keys(names).sort()).toEqual(input.resources.filter((r) => referenced.has(r.urn)).map((r) => r.urn).sort());
    for (const [urn, name] of Object.entries(names)) expect(urn.endsWith(`::${name}`)).toBe(true);
    // a resource no path refers to is not named
    expect(input.resources.some((r) => !referenced.has(r.urn) && names[r.urn] !== undefined)).toBe(false);
    expect(input.resources.length).toBeGreaterThan(referenced.size);
  });
});

describe("an input without its change-wide facts", () => {
  it("is refused before the policy runs: the change-wide policies would count nothing", async () => {
    const input = await policyInputOf(scenario("delete-protected-site", "preview.json"), scenario("delete-protected-site", "state.json"));
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
