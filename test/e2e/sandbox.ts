// A throwaway Pulumi world for the end-to-end tests: the pinned CLI from .tools/bin, a file
// backend and PULUMI_HOME in a temporary folder, the stand-in aws provider installed as the plugin
// version the program asks for, and a copy of the project (stack config files stay out of the tree).
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import type { TenantsFile } from "../../infra/model.js";
import { cliPath, repoRoot } from "../support/paths.js";

export const STACK = "e2e";
export const PACK_LAUNCHER = join(repoRoot, "pack", "blastguard-pack");
const toolsBin = join(repoRoot, ".tools", "bin");

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a process without blocking the test worker (a preview takes seconds). */
export function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") }));
    child.stdin.end(options.input ?? "");
  });
}

/** The built `blastguard` CLI. */
export function blastguard(args: string[], input?: string): Promise<Run> {
  return run(process.execPath, [cliPath, ...args], { cwd: repoRoot, ...(input === undefined ? {} : { input }) });
}

/** Fails early, with what to run, when the tools or the build are missing. */
export function requireTools(): void {
  for (const tool of ["pulumi", "pulumi-language-nodejs"]) {
    if (!existsSync(join(toolsBin, tool))) throw new Error(`.tools/bin/${tool} is missing: run bash scripts/install-pulumi.sh (npm test does)`);
  }
  if (!existsSync(join(repoRoot, "dist", "src", "pack", "main.js"))) throw new Error("dist/ is not built: run npm run build (npm test does)");
}

export const baselineTenants = (): TenantsFile => parse(readFileSync(join(repoRoot, "infra", "tenants.yaml"), "utf8")) as TenantsFile;

export class Sandbox {
  readonly dir = mkdtempSync(join(tmpdir(), "blastguard-e2e-"));
  readonly project = join(this.dir, "project");
  private files = 0;

  /** Logs in to the file backend and creates the stack; call once before anything else. */
  async init(): Promise<this> {
    await this.pulumi(["login", `file://${join(this.dir, "state")}`]);
    await this.pulumi(["stack", "init", STACK]);
    return this;
  }

  constructor() {
    requireTools();
    const home = join(this.dir, "home");
    const awsVersion = (JSON.parse(readFileSync(join(repoRoot, "node_modules/@pulumi/aws/package.json"), "utf8")) as { version: string }).version;
    const plugins = join(home, "plugins", `resource-aws-v${awsVersion}`);
    mkdirSync(plugins, { recursive: true });
    symlinkSync(join(repoRoot, "test/standin-aws/bin/pulumi-resource-aws"), join(plugins, "pulumi-resource-aws"));
    mkdirSync(this.project);
    cpSync(join(repoRoot, "Pulumi.yaml"), join(this.project, "Pulumi.yaml"));
    cpSync(join(repoRoot, "infra"), join(this.project, "infra"), { recursive: true });
    symlinkSync(join(repoRoot, "node_modules"), join(this.project, "node_modules"));
    mkdirSync(join(this.dir, "state"));
  }

  get env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      PULUMI_HOME: join(this.dir, "home"),
      PULUMI_CONFIG_PASSPHRASE: "blastguard-e2e",
      PULUMI_SKIP_UPDATE_CHECK: "1",
      PATH: `${toolsBin}:${process.env["PATH"] ?? ""}`,
    };
  }

  /** Writes a tenants file for the program to read (BLASTGUARD_TENANTS_FILE). */
  tenants(model: TenantsFile): string {
    const file = join(this.dir, `tenants-${this.files++}.yaml`);
    writeFileSync(file, stringify(model));
    return file;
  }

  async pulumi(args: string[], options: { tenants?: string; allowFailure?: boolean } = {}): Promise<Run> {
    const env = { ...this.env, ...(options.tenants ? { BLASTGUARD_TENANTS_FILE: options.tenants } : {}) };
    const r = await run(join(toolsBin, "pulumi"), [...args, "--non-interactive"], { cwd: this.project, env });
    if (r.status !== 0 && !options.allowFailure) {
      throw new Error(`pulumi ${args.join(" ")} exited ${r.status}:\n${r.stderr.slice(-3000)}\n${r.stdout.slice(-3000)}`);
    }
    return r;
  }

  /** Writes text to a file in the sandbox and returns its path. */
  file(name: string, text: string): string {
    const path = join(this.dir, name);
    writeFileSync(path, text);
    return path;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface PackViolation {
  level: string;
  policy: string;
  /** The resource Pulumi shows it on (a deleted resource is not in the goal: it shows the stack). */
  resource: string;
  message: string;
}

/** The violations in the "Policies:" section of a preview's text output. */
export function packViolations(output: string): PackViolation[] {
  const out: PackViolation[] = [];
  const line = /- \[(mandatory|advisory)\](?: \[severity: \w+\])?\s+([a-z0-9-]+)\s+\(([^)]*)\)\n\s*(.*)/g;
  for (const m of output.matchAll(line)) {
    out.push({ level: m[1]!, policy: m[2]!, resource: m[3]!.split(": ").pop()!, message: m[4]!.trim() });
  }
  return out;
}
