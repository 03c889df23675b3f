// Config, intent and override files are read as YAML 1.2 with the core schema only (JSON is
// YAML): no custom tags (`!foo`), no YAML 1.1 types, no merge keys (`<<`) and no `%YAML 1.1`
// document (under which merge keys would apply silently). Anything else is refused with the key
// path where it sits, and the parser never writes a warning to stderr.
import { createRequire } from "node:module";
import { ConfigError } from "../errors.js";

// Loaded on first use: most checks read no YAML, and the parser costs ~50 ms of start-up.
const requireLazily = createRequire(import.meta.url);

/** The tags the core schema resolves (plain scalars, maps and sequences get them implicitly). */
const CORE_TAGS = new Set(["str", "int", "float", "bool", "null", "map", "seq"].map((t) => `tag:yaml.org,2002:${t}`));

/** Keys the schemas know look like this; others are not repeated in a message. */
const SAFE_KEY = /^[A-Za-z0-9_.:-]{1,64}$/;

type Yaml = typeof import("yaml");

/** The key path of a node from the visitor's ancestors: `actions[0].target.id`. */
function keyPath(yaml: Yaml, ancestors: readonly unknown[], node: unknown): string {
  const chain = [...ancestors, node];
  let out = "";
  for (let i = 0; i < chain.length - 1; i++) {
    const parent = chain[i];
    const child = chain[i + 1];
    if (yaml.isSeq(parent)) out += `[${parent.items.indexOf(child as never)}]`;
    else if (yaml.isPair(parent) && parent.value === child) {
      const key = yaml.isScalar(parent.key) ? String(parent.key.value) : "?";
      out += `${out ? "." : ""}${SAFE_KEY.test(key) ? key : "?"}`;
    }
  }
  return out || "(top level)";
}

/** Parses YAML or JSON text with the core schema; duplicate keys are refused. */
export function parseCoreYaml(text: string, label: string): unknown {
  const yaml = requireLazily("yaml") as Yaml;
  let doc: import("yaml").Document;
  try {
    doc = yaml.parseDocument(text, { uniqueKeys: true, prettyErrors: false, schema: "core", merge: false, version: "1.2", logLevel: "silent" });
  } catch {
    throw new ConfigError(`${label}: not valid YAML or JSON`);
  }
  if (doc.errors.length) throw new ConfigError(`${label}: not valid YAML or JSON`);
  const version = doc.directives?.yaml.version;
  if (doc.directives?.yaml.explicit && version !== "1.2") {
    throw new ConfigError(`${label}: only YAML 1.2 with the core schema is read (the document declares another %YAML version)`);
  }
  let refusal: string | null = null;
  yaml.visit(doc, {
    Pair(_key, pair, ancestors) {
      if (yaml.isScalar(pair.key) && pair.key.value === "<<" && !refusal) {
        const map = keyPath(yaml, ancestors.slice(0, -1), ancestors[ancestors.length - 1]);
        refusal = `${label}: ${map === "(top level)" ? "" : `${map}.`}<<: merge keys are not read; write the keys out`;
      }
      if (yaml.isNode(pair.key) && pair.key.tag && !CORE_TAGS.has(pair.key.tag) && !refusal) {
        refusal = `${label}: ${keyPath(yaml, [...ancestors, pair], pair.value)}: a key has a tag outside the YAML core schema`;
      }
    },
    Node(_key, node, ancestors) {
      if (node.tag && !CORE_TAGS.has(node.tag) && !refusal) {
        refusal = `${label}: ${keyPath(yaml, ancestors, node)}: a tag outside the YAML core schema is not read`;
      }
    },
  });
  if (refusal) throw new ConfigError(refusal);
  if (doc.warnings.length) throw new ConfigError(`${label}: not plain YAML 1.2 (the parser warns about it)`);
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch {
    throw new ConfigError(`${label}: not valid YAML or JSON`);
  }
}
