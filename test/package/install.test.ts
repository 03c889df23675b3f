// The package installs and runs: pack the project (in a copy, so the shared dist/ is not rebuilt
// under the other tests), install the tarball into an empty project with no dev dependencies,
// and run `npx blastguard check` there with no OPA and no Pulumi CLI on the PATH.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cliPath, fixture, repoRoot } from "../support/paths.js";

const pkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as {
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const work = mkdtempSync(join(tmpdir(), "blastguard-pack-"));
const consumer = join(work, "consumer");
// node and npm only: no .tools/bin (opa), no pulumi
const env = { ...process.env, PATH: [dirname(process.execPath), "/usr/bin", "/bin"].join(":") };

function run(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let tarball = "";
let packedFiles: string[] = [];

beforeAll(() => {
  const source = join(work, "source");
  mkdirSync(source);
  for (const f of ["package.json", "README.md", "LICENSE", "tsconfig.json", "tsconfig.build.json", "src", "policies/dist", "schemas", "templates", "examples/github-actions"]) {
    cpSync(join(repoRoot, f), join(source, f), { recursive: true });
  }
  symlinkSync(join(repoRoot, "node_modules"), join(source, "node_modules"), "dir");
  const packed = run("npm", ["pack", "--json", "--pack-destination", work], source);
  if (packed.status !== 0) throw new Error(`npm pack failed: ${packed.stderr.slice(-2000)}`);
  const info = JSON.parse(packed.stdout.slice(packed.stdout.indexOf("["))) as { filename: string; files: { path: string }[] }[];
  tarball = join(work, info[0]!.filename);
  packedFiles = info[0]!.files.map((f) => f.path);
  mkdirSync(consumer);
  writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true }));
  const installed = run("npm", ["install", tarball, "--omit=dev", "--no-audit", "--no-fund"], consumer);
  if (installed.status !== 0) throw new Error(`npm install failed: ${installed.stderr.slice(-2000)}`);
}, 600_000);

describe("the packed package", () => {
  it("ships the compiled CLI and the policy bundle, and no tests or sources of the policies", () => {
    for (const f of ["dist/src/cli/main.js", "dist/src/engine/wasm-worker.js", "policies/dist/bundle.tar.gz", "policies/dist/bundle.json", "policies/dist/catalog.json"]) {
      expect(packedFiles).toContain(f);
    }
    expect(packedFiles.filter((f) => f.startsWith("test/") || f.endsWith(".rego") || f.startsWith("infra/"))).toEqual([]);
  });

  it("ships the licence, the JSON Schemas and init's templates, and none of the developer tools (bench, demo, docs)", () => {
    for (const f of ["LICENSE", "schemas/blastguard.schema.json", "schemas/intent.schema.json", "schemas/overrides.schema.json", "templates/policy-pack/index.js", "examples/github-actions/blastguard.yml"]) {
      expect(packedFiles).toContain(f);
    }
    expect(packedFiles.filter((f) => /^dist\/src\/(bench|demo|docs)\//.test(f))).toEqual([]);
  });

  it("blastguard init writes a pack folder whose entry finds blastguard/pack, and without @pulumi/pulumi it says so in one line", () => {
    const project = join(consumer, "project");
    mkdirSync(project);
    const init = run(process.execPath, [join(consumer, "node_modules/blastguard/dist/src/cli/main.js"), "init"], project);
    expect(init.status).toBe(0);
    // the pack sits in the consumer project, which has blastguard but not @pulumi/pulumi
    const pack = run(process.execPath, ["blastguard-pack/index.js"], project);
    expect(pack.stderr).toBe("blastguard/pack: the peer dependency @pulumi/pulumi is not installed; run npm install @pulumi/pulumi@^3.204.0 beside blastguard\n");
    expect(pack.status).toBe(1);
  });

  it("installs only its runtime dependencies, none of the dev ones", () => {
    const top = readdirSync(join(consumer, "node_modules")).flatMap((d) =>
      d.startsWith("@") ? readdirSync(join(consumer, "node_modules", d)).map((s) => `${d}/${s}`) : [d],
    );
    for (const dep of Object.keys(pkg.dependencies)) expect(top).toContain(dep);
    for (const dev of Object.keys(pkg.devDependencies)) expect(top).not.toContain(dev);
    expect(Object.keys(pkg.dependencies).sort()).toEqual(["@open-policy-agent/opa-wasm", "yaml", "zod"]);
  });

  it("runs `npx blastguard --version`", () => {
    const r = run("npx", ["--no-install", "blastguard", "--version"], consumer);
    expect(r.stdout).toBe(`blastguard ${pkg.version}\n`);
    expect(r.status).toBe(0);
  });

  it("exits 1 on the preview that deletes two protected resources, naming both", () => {
    const r = run("npx", ["--no-install", "blastguard", "check", fixture("events/TestMultipleProtectedDeletes-1-preview.jsonl")], consumer);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("urn:pulumi:test::test::pkgA:m:typA::resA");
    expect(r.stdout).toContain("urn:pulumi:test::test::pkgA:m:typA::resB");
  });

  it("exits 0 on an event log that only imports two resources", () => {
    const r = run("npx", ["--no-install", "blastguard", "check", fixture("events/TestImportIntoParent.jsonl")], consumer);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^blastguard: ALLOWED/);
  });

  it("decides the creates preview exactly as the source tree does, in every format", () => {
    const preview = fixture("preview/stratify-sample-preview-creates.json");
    for (const format of ["text", "json", "sarif", "markdown", "github", "junit"]) {
      const installed = run("npx", ["--no-install", "blastguard", "check", preview, "--format", format], consumer);
      const source = run(process.execPath, [cliPath, "check", preview, "--format", format], repoRoot);
      expect(installed.status, format).toBe(source.status);
      expect(installed.stdout, format).toBe(source.stdout);
      expect([0, 1]).toContain(installed.status);
    }
  });
});
