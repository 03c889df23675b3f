// Finds and opens the shipped policy bundle: policies/dist/bundle.tar.gz, whose policy.wasm
// must match the hash pinned in policies/dist/bundle.json. The catalog (every policy's
// METADATA) is read from the same folder.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { z } from "zod";
import { PolicyLoadError } from "../errors.js";

export const BundlePin = z.strictObject({
  policyWasmSha256: z.string().regex(/^[0-9a-f]{64}$/),
  abiVersion: z.literal(1),
  entrypoint: z.string(),
});

export const PolicyMeta = z.strictObject({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  severity: z.enum(["critical", "high", "medium", "low"]),
  enforcement: z.enum(["mandatory", "advisory"]),
  remediation: z.string(),
  package: z.string(),
  file: z.string(),
});
export type PolicyMeta = z.infer<typeof PolicyMeta>;
export const Catalog = z.strictObject({ policies: z.array(PolicyMeta) });
export type Catalog = z.infer<typeof Catalog>;

/** The policies/dist folder, from the source tree or from the installed package. */
export function distDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, "policies", "dist");
    if (existsSync(join(candidate, "bundle.json"))) return candidate;
    dir = dirname(dir);
  }
  throw new PolicyLoadError("policy bundle not found (policies/dist/bundle.json)");
}

function readJson<T extends z.ZodType>(schema: T, path: string, what: string): z.infer<T> {
  try {
    return schema.parse(JSON.parse(readFileSync(path, "utf8")));
  } catch {
    throw new PolicyLoadError(`${what} is missing or invalid`);
  }
}

/** Pulls one file out of an uncompressed tar archive. */
function untarFile(tar: Uint8Array, wanted: string): Uint8Array | null {
  const text = new TextDecoder();
  for (let off = 0; off + 512 <= tar.length; ) {
    const name = text.decode(tar.subarray(off, off + 100)).replace(/\0.*$/s, "");
    if (!name) break;
    const size = parseInt(text.decode(tar.subarray(off + 124, off + 136)).replace(/\0.*$/s, "").trim() || "0", 8);
    if (name.replace(/^\//, "") === wanted) return tar.subarray(off + 512, off + 512 + size);
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return null;
}

export interface LoadedBundle {
  wasm: Uint8Array;
  pin: z.infer<typeof BundlePin>;
}

export function loadBundle(dir = distDir()): LoadedBundle {
  const pin = readJson(BundlePin, join(dir, "bundle.json"), "policy bundle pin (bundle.json)");
  let wasm: Uint8Array | null;
  try {
    wasm = untarFile(gunzipSync(readFileSync(join(dir, "bundle.tar.gz"))), "policy.wasm");
  } catch {
    throw new PolicyLoadError("policy bundle (bundle.tar.gz) cannot be read");
  }
  if (!wasm) throw new PolicyLoadError("policy bundle has no policy.wasm");
  const sha = createHash("sha256").update(wasm).digest("hex");
  if (sha !== pin.policyWasmSha256) throw new PolicyLoadError("policy.wasm does not match the pinned hash; the bundle was altered or not rebuilt");
  return { wasm, pin };
}

let catalogCache: Catalog | undefined;
export function loadCatalog(dir = distDir()): Catalog {
  catalogCache ??= readJson(Catalog, join(dir, "catalog.json"), "policy catalog (catalog.json)");
  return catalogCache;
}
