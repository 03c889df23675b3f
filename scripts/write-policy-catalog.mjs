// Derives policies/dist/{catalog,bundle}.json from `opa inspect -a` output and the built
// bundle. METADATA stays the only place policy facts are written by hand.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { join } from "node:path";

const out = process.argv[2];
const inspected = JSON.parse(readFileSync(join(out, "inspect.json"), "utf8"));
const severities = ["critical", "high", "medium", "low"];
const enforcements = ["mandatory", "advisory"];

const policies = [];
for (const entry of inspected.annotations ?? []) {
  const a = entry.annotations;
  if (a.scope !== "package" || !a.custom?.id) continue;
  const pkg = entry.path.slice(1).map((p) => p.value).join(".");
  const { id, severity, enforcement, remediation } = a.custom;
  const fail = (why) => { throw new Error(`${entry.location.file}: METADATA ${why}`); };
  if (!/^[a-z][a-z0-9-]*$/.test(id)) fail(`id "${id}" is not kebab-case`);
  if (!a.title || !a.description) fail("needs a title and a description");
  if (!severities.includes(severity)) fail(`severity must be one of ${severities}`);
  if (!enforcements.includes(enforcement)) fail(`enforcement must be one of ${enforcements}`);
  if (!remediation) fail("needs custom.remediation (how to fix)");
  if (policies.some((p) => p.id === id)) fail(`id "${id}" is used twice`);
  policies.push({ id, title: a.title, description: a.description, severity, enforcement, remediation, package: pkg, file: entry.location.file });
}
policies.sort((x, y) => x.id.localeCompare(y.id));
writeFileSync(join(out, "catalog.json"), JSON.stringify({ policies }, null, 2) + "\n");

// Pin what the loader accepts: the policy.wasm inside the bundle, by hash.
const tar = gunzipSync(readFileSync(join(out, "bundle.tar.gz")));
let wasm;
for (let off = 0; off + 512 <= tar.length; ) {
  const name = tar.subarray(off, off + 100).toString("utf8").replace(/\0.*$/s, "");
  if (!name) break;
  const size = parseInt(tar.subarray(off + 124, off + 136).toString("utf8").trim() || "0", 8);
  if (name === "/policy.wasm" || name === "policy.wasm") wasm = tar.subarray(off + 512, off + 512 + size);
  off += 512 + Math.ceil(size / 512) * 512;
}
if (!wasm) throw new Error("bundle has no /policy.wasm");
const sha256 = createHash("sha256").update(wasm).digest("hex");
writeFileSync(join(out, "bundle.json"), JSON.stringify({ policyWasmSha256: sha256, abiVersion: 1, entrypoint: "blastguard/main/report" }, null, 2) + "\n");
