// The pack's config: Pulumi's per-policy map onto the one blastguard config schema, and the JSON
// Schemas Pulumi validates `--policy-pack-config` with, generated from that schema.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { loadCatalog } from "../../src/engine/bundle.js";
import { packConfigSchemas, toPackConfig } from "../../src/pack/config.js";
import { PACK_POLICY, packInfo } from "../../src/pack/policies.js";
import { repoRoot } from "../support/paths.js";

const ids = new Set(loadCatalog().policies.map((p) => p.id));

describe("the pack config", () => {
  it("maps Pulumi's enforcement levels and policy parameters onto the blastguard config", () => {
    const { config } = toPackConfig(
      {
        "bulk-delete": { enforcementLevel: "advisory", maxDeletes: 3 },
        "protected-delete": { enforcementLevel: "disabled" },
        "unprotect-and-delete": { enforcementLevel: "remediate" },
      },
      ids,
    );
    expect(config.policies["bulk-delete"]).toEqual({ enforcement: "advisory", maxDeletes: 3, maxPercent: 30, minResources: 10 });
    expect(config.policies["protected-delete"]).toEqual({ enforcement: "disabled" });
    // A pack cannot remediate a deletion: remediate blocks like mandatory.
    expect(config.policies["unprotect-and-delete"]).toEqual({ enforcement: "mandatory" });
  });

  it("takes the global settings and the prior-state source from the pack's own entry", () => {
    const packConfig = toPackConfig(
      { [PACK_POLICY]: { enforcementLevel: "mandatory", unverifiable: "warning", priorStatePath: "/tmp/state.json" } },
      ids,
    );
    expect(packConfig.config.unverifiable).toBe("warning");
    expect(packConfig.priorStatePath).toBe("/tmp/state.json");
    expect(packConfig.stackReference).toBeUndefined();
  });

  it("refuses a parameter the schema does not know, naming its path but not its value", () => {
    const attempt = () => toPackConfig({ "bulk-delete": { enforcementLevel: "mandatory", maxDeletez: "s3cr3t" } }, ids);
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/policies\.bulk-delete/);
    expect(attempt).not.toThrow(/s3cr3t/);
  });

  it("refuses a stack reference that is not organization/project/stack", () => {
    expect(() => toPackConfig({ [PACK_POLICY]: { enforcementLevel: "mandatory", stackReference: "prod" } }, ids)).toThrow(ConfigError);
  });

  it("generates each policy's config schema from the zod schema, without enforcement", () => {
    const schemas = packConfigSchemas();
    expect(schemas["bulk-delete"]!.properties).toEqual({
      maxDeletes: { default: 10, type: "integer", minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
      maxPercent: { default: 30, type: "number", minimum: 0, maximum: 100 },
      minResources: { default: 10, type: "integer", minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
    });
    expect(schemas["protected-delete"]!.properties).toEqual({});
    expect(Object.keys(schemas[PACK_POLICY]!.properties).sort()).toEqual(
      ["dataClass", "intentPath", "limits", "priorStatePath", "scopes", "stackReference", "unverifiable"].sort(),
    );
  });

  it("are what the pack tells the engine at start-up: schemas/pack-policies.json (run npm run docs when this fails)", () => {
    const schemas = packConfigSchemas();
    expect(readFileSync(join(repoRoot, "schemas", "pack-policies.json"), "utf8")).toBe(JSON.stringify(schemas, null, 2) + "\n");
    const { policies } = packInfo();
    expect(policies.map((p) => p.name)).toEqual([PACK_POLICY, ...ids]);
    for (const p of policies) expect(p.configSchema ?? { properties: {} }).toEqual(schemas[p.name]);
    expect(policies.find((p) => p.name === "bulk-delete")).toMatchObject({ enforcement: "mandatory", severity: "high", configSchema: schemas["bulk-delete"] });
  });
});
