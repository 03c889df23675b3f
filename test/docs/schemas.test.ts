// The JSON Schemas in schemas/ are generated from the zod schemas (npm run docs), shipped, and
// describe the files the README shows; the policy parameters and the policy catalog are one list.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { jsonSchemaFiles, type SchemaFile } from "../../src/docs/schemas.js";
import { loadCatalog } from "../../src/engine/bundle.js";
import { PolicyParams } from "../../src/model/config.js";
import { repoRoot } from "../support/paths.js";
import { scenario } from "../support/scenarios.js";

const generated = jsonSchemaFiles();
const ajv = new Ajv.default({ allErrors: true, strict: false });
const validator = (file: SchemaFile) => ajv.compile(JSON.parse(generated[file]) as object);
const readme = readFileSync(join(repoRoot, "README.md"), "utf8");

/** The first ```yaml block after a heading of the README. */
function readmeYaml(heading: string): unknown {
  const section = readme.slice(readme.indexOf(heading));
  const block = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
  return parse(block);
}

describe("JSON Schemas", () => {
  it("are the committed files in schemas/ (run npm run docs when this fails)", () => {
    for (const [file, text] of Object.entries(generated)) expect(readFileSync(join(repoRoot, "schemas", file), "utf8")).toBe(text);
  });

  it("accept the README's config and override examples and the recorded scenarios' intent files", () => {
    const config = validator("blastguard.schema.json");
    expect(config(readmeYaml("## Configuration")), JSON.stringify(config.errors)).toBe(true);
    const overrides = validator("overrides.schema.json");
    const example = readmeYaml("## Overrides") as { overrides: { digest: string }[] };
    example.overrides[0]!.digest = `sha256:${"0".repeat(64)}`; // the README shortens it
    expect(overrides(example), JSON.stringify(overrides.errors)).toBe(true);
    const intent = validator("intent.schema.json");
    for (const name of ["delete-app-with-intent", "incident-site-ids-as-app-ids"]) {
      expect(intent(parse(readFileSync(scenario(name, "intent.yaml"), "utf8"))), JSON.stringify(intent.errors)).toBe(true);
    }
  });

  it("refuse what the loaders refuse: an unknown key, a wrong enforcement, a policy that does not exist", () => {
    const config = validator("blastguard.schema.json");
    expect(config({ policies: { "bulk-delete": { maxDelete: 3 } } })).toBe(false);
    expect(config({ policies: { "bulk-delete": { enforcement: "sometimes" } } })).toBe(false);
    expect(config({ policies: { "no-such-policy": {} } })).toBe(false);
    expect(config({ policies: { "bulk-delete": { enforcementLevel: "advisory" } } })).toBe(true);
  });

  it("the README shows editors where they are", () => {
    for (const file of Object.keys(generated)) expect(readme).toContain(`# yaml-language-server: $schema=./node_modules/blastguard/schemas/${file}`);
  });
});

describe("policy parameters", () => {
  it("have one entry per policy of the catalog, so no policy loses its enforcement setting", () => {
    expect(Object.keys(PolicyParams.shape).sort()).toEqual(loadCatalog().policies.map((p) => p.id).sort());
  });
});
