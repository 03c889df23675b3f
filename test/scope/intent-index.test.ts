// The index of what the intent declares, which the policies look resources up in (one step per
// resource, however many actions): built from the recorded delete-app-with-intent preview's units.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/model/config.js";
import { toPolicyIntent, intentSchema } from "../../src/model/intent.js";
import { readChangeSet } from "../../src/readers/index.js";
import { resolveIntent } from "../../src/scope/intent.js";
import { computeScopes } from "../../src/scope/scope.js";
import { buildUnits } from "../../src/scope/units.js";
import { scenario } from "../support/scenarios.js";

const scopes = defaultConfig().scopes;
const change = readChangeSet(readFileSync(scenario("delete-app-with-intent", "preview-sames.json")), "preview", { limits: { maxBytes: 1e9, maxDepth: 1000 } });
const units = buildUnits(change.resources, computeScopes(change.resources, scopes.levels), scopes.levels);
const resolve = (targets: Record<string, string>[]) =>
  resolveIntent(toPolicyIntent(intentSchema(scopes).parse({ requester: "r", ticket: "T-1", actions: targets.map((target) => ({ action: "delete", target })) }), scopes), units, scopes.levels)!;

describe("the declared-unit index", () => {
  it("holds the one unit a target names by its full path, and nothing for a wrong or ambiguous one", () => {
    const app124 = units.find((u) => u.level === "app" && u.id === "app-124")!;
    const r = resolve([
      { kind: "app", id: "app-124", site: "site-9", tenant: "tenant-acme" },
      { kind: "app", id: "app-124", site: "site-10" },
      { kind: "site", id: "site-99" },
    ]);
    expect(r.declared_units).toEqual({ [app124.key]: true });
    expect(r.actions[1]!.resolution.misqualified).toEqual([{ key: app124.key, level: "site" }]);
  });

  it("keys shared names as they are, even __proto__", () => {
    const r = resolve([{ kind: "shared", id: "__proto__" }, { kind: "shared", id: "audit-log" }]);
    expect(Object.keys(r.declared_shared).sort()).toEqual(["__proto__", "audit-log"]);
    expect(JSON.parse(JSON.stringify(r)).declared_shared).toEqual(JSON.parse('{"__proto__": true, "audit-log": true}'));
  });

  it("lists the targets' labels sorted by bytes, as Rego orders strings", () => {
    const r = resolve([{ kind: "shared", id: "\u{1F600}" }, { kind: "shared", id: "\uFF5E" }, { kind: "app", id: "app-124" }]);
    // U+FF5E is 3 UTF-8 bytes (EF BD 9E), U+1F600 four (F0 ...): byte order puts FF5E first,
    // though its UTF-16 unit (FF5E) sorts after the emoji's surrogate (D83D)
    expect(r.target_labels).toEqual(["app app-124", "shared \uFF5E", "shared \u{1F600}"]);
  });
});
