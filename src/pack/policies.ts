// The pack's policies as the engine learns them at start-up (GetAnalyzerInfo): blastguard's own
// entry, which hosts the settings that are no policy's and reports what stops the pack from
// deciding, and one stack policy per blastguard policy, named by its id, described and enforced by
// its METADATA (policies/dist/catalog.json). Their config schemas are generated from the one zod
// config schema into schemas/pack-policies.json (`npm run docs`; a test keeps the file fresh).
// Everything here is read as plain JSON: the schema library, the readers and the evaluator load
// only once the engine has what it needs to run the program, which it does not do before.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PolicyLoadError } from "../errors.js";

/** The pack's own entry in the config and in the engine's list of policies. */
export const PACK_POLICY = "blastguard";

/** A JSON Schema property map as a Pulumi policy's config schema takes it. */
export interface PolicyConfigSchema {
  properties: Record<string, object>;
  required?: string[];
}

export interface PackPolicy {
  name: string;
  displayName?: string;
  description: string;
  enforcement: "advisory" | "mandatory";
  severity?: "critical" | "high" | "medium" | "low";
  remediation?: string;
  configSchema?: PolicyConfigSchema;
}

export interface PackInfo {
  version: string;
  policies: PackPolicy[];
}

/** The package's root: the folder with the shipped policy catalog (source tree or installed package). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, "policies", "dist", "catalog.json"))) return dir;
    dir = dirname(dir);
  }
  throw new PolicyLoadError("policy catalog not found (policies/dist/catalog.json)");
}

function readJson(path: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    throw new PolicyLoadError(`${what} is missing or invalid`);
  }
}

const isString = (v: unknown): v is string => typeof v === "string" && v.length > 0;

/** The catalog's fields the engine is told; the evaluation checks the whole catalog against its schema. */
function catalogPolicy(entry: unknown, schemas: Record<string, PolicyConfigSchema>): PackPolicy {
  const p = (entry ?? {}) as Record<string, unknown>;
  const { id, title, description, severity, enforcement, remediation } = p;
  if (!isString(id) || !isString(title) || !isString(description) || !isString(remediation)) throw new PolicyLoadError("policy catalog (catalog.json) is missing or invalid");
  if (severity !== "critical" && severity !== "high" && severity !== "medium" && severity !== "low") throw new PolicyLoadError("policy catalog (catalog.json) is missing or invalid");
  if (enforcement !== "mandatory" && enforcement !== "advisory") throw new PolicyLoadError("policy catalog (catalog.json) is missing or invalid");
  const schema = schemas[id];
  return {
    name: id,
    displayName: title,
    description: `${title}. ${description}`,
    enforcement,
    severity,
    remediation,
    ...(schema && Object.keys(schema.properties).length ? { configSchema: schema } : {}),
  };
}

export function packInfo(): PackInfo {
  const root = packageRoot();
  const { version } = readJson(join(root, "package.json"), "package.json") as { version?: unknown };
  const catalog = readJson(join(root, "policies", "dist", "catalog.json"), "policy catalog (catalog.json)") as { policies?: unknown };
  const schemas = readJson(join(root, "schemas", "pack-policies.json"), "pack config schemas (schemas/pack-policies.json)") as Record<string, PolicyConfigSchema>;
  if (!isString(version) || !Array.isArray(catalog.policies)) throw new PolicyLoadError("policy catalog (catalog.json) is missing or invalid");
  const policies = catalog.policies.map((entry) => catalogPolicy(entry, schemas));
  if (policies.some((p) => p.name === PACK_POLICY)) throw new PolicyLoadError("a policy uses the pack's reserved name");
  const own: PackPolicy = {
    name: PACK_POLICY,
    description: "blastguard itself: reads the goal and the prior state and evaluates every policy once; fails the preview when it cannot decide.",
    enforcement: "mandatory",
    ...(schemas[PACK_POLICY] ? { configSchema: schemas[PACK_POLICY] } : {}),
  };
  return { version, policies: [own, ...policies] };
}
