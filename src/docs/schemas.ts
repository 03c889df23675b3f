// JSON Schemas for editors (yaml-language-server, VS Code), generated from the zod schemas that
// validate the files: blastguard.yaml, the intent file and the override file. `npm run docs`
// writes them to schemas/ (shipped in the package); a test fails when they are stale. Beside them,
// pack-policies.json: each policy's config schema as the policy pack tells the engine at start-up.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { Config, defaultConfig } from "../model/config.js";
import { intentSchema } from "../model/intent.js";
import { OverrideFile } from "../model/override.js";
import { packConfigSchemas } from "../pack/config.js";

const about = {
  "blastguard.schema.json": { schema: Config, title: "blastguard.yaml", description: "blastguard's configuration: limits, policy parameters and enforcement, data classes, scope levels." },
  "intent.schema.json": {
    schema: intentSchema(defaultConfig().scopes),
    title: "blastguard intent file",
    description: "Who deletes which units, and why (--intent). Unit kinds and ID formats are those of the default scope levels; a config with other levels accepts other kinds.",
  },
  "overrides.schema.json": { schema: OverrideFile, title: "blastguard override file", description: "Reviewed, approved, expiring exceptions bound to one input's digest (--override)." },
} as const;

export type SchemaFile = keyof typeof about;

/** Each schema file's text: draft-07 (what editors support best), the input side of each schema. */
export function jsonSchemaFiles(): Record<SchemaFile, string> {
  const out = {} as Record<SchemaFile, string>;
  for (const [file, { schema, title, description }] of Object.entries(about) as [SchemaFile, (typeof about)[SchemaFile]][]) {
    const generated = z.toJSONSchema(schema, { io: "input", target: "draft-7" }) as Record<string, unknown>;
    const { $schema, ...rest } = generated;
    out[file] = JSON.stringify({ $schema, title, description, ...rest }, null, 2) + "\n";
  }
  return out;
}

export function writeJsonSchemas(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(jsonSchemaFiles())) writeFileSync(join(dir, file), text);
  writeFileSync(join(dir, "pack-policies.json"), JSON.stringify(packConfigSchemas(), null, 2) + "\n");
}
