// `blastguard init`: the commented config (scope levels guessed from a stack's tags), the policy
// pack folder and the workflow; the config it writes is one check accepts.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseConfig } from "../../src/config/load.js";
import { repoRoot, runCli } from "../support/paths.js";
import { scenario } from "../support/scenarios.js";

const fresh = () => mkdtempSync(join(tmpdir(), "blastguard-init-"));
const FILES = ["blastguard.yaml", "blastguard-pack/PulumiPolicy.yaml", "blastguard-pack/index.js", "blastguard-pack/package.json", ".github/workflows/blastguard.yml"];

describe("blastguard init", () => {
  it("guesses the example program's scope levels from its recorded state, and the config passes", () => {
    const dir = fresh();
    const r = runCli(["init", "--dir", dir, "--state", scenario("add-tenant", "state.json")]);
    expect(r.status).toBe(0);
    for (const f of FILES) expect(existsSync(join(dir, f)), f).toBe(true);
    const config = parseConfig(parse(readFileSync(join(dir, "blastguard.yaml"), "utf8")), "blastguard.yaml");
    // infra/ tags every resource with blastguard:tenant/site/app and names its components by ID
    expect(config.scopes.levels).toEqual([
      { name: "tenant", tagKey: "blastguard:tenant", idPattern: "^tenant-[a-z0-9]+$", componentTypes: ["blastguard:tenancy:Tenant"] },
      { name: "site", tagKey: "blastguard:site", idPattern: "^site-[0-9]+$", componentTypes: ["blastguard:tenancy:Site"] },
      { name: "app", tagKey: "blastguard:app", idPattern: "^app-[0-9]+$", componentTypes: ["blastguard:tenancy:App"] },
    ]);
    expect(r.stdout).toContain("scope levels from");
    const name = "incident-site-ids-as-app-ids";
    const args = ["check", scenario(name, "preview.json"), "--state", scenario(name, "state.json"), "--format", "json"];
    expect(runCli([...args, "--config", join(dir, "blastguard.yaml")]).stdout).toBe(runCli(args).stdout);
  });

  it("guesses levels named by other tag keys, nested by their values", () => {
    const state = readFileSync(scenario("add-tenant", "state.json"), "utf8")
      .replaceAll('"blastguard:tenant"', '"customer"')
      .replaceAll('"blastguard:site"', '"acme.io/location"')
      .replaceAll('"blastguard:app"', '"service"');
    const dir = fresh();
    const file = join(dir, "edited-state.json");
    writeFileSync(file, state);
    expect(runCli(["init", "--dir", dir, "--state", file]).status).toBe(0);
    const config = parseConfig(parse(readFileSync(join(dir, "blastguard.yaml"), "utf8")), "blastguard.yaml");
    expect(config.scopes.levels.map((l) => [l.name, l.tagKey, l.idPattern])).toEqual([
      ["customer", "customer", "^tenant-[a-z0-9]+$"],
      ["location", "acme.io/location", "^site-[0-9]+$"],
      ["service", "service", "^app-[0-9]+$"],
    ]);
  });

  it("writes the defaults without a state, and keeps existing files unless --force", () => {
    const dir = fresh();
    expect(runCli(["init", "--dir", dir]).status).toBe(0);
    const text = readFileSync(join(dir, "blastguard.yaml"), "utf8");
    expect(text).toMatch(/^# yaml-language-server: \$schema=/);
    expect(text).toContain("pass --state or --stack to guess them");
    writeFileSync(join(dir, "blastguard.yaml"), "version: 1\n");
    const again = runCli(["init", "--dir", dir]);
    expect(again.stdout).toContain(`kept    ${join(dir, "blastguard.yaml")} (exists; --force overwrites)`);
    expect(readFileSync(join(dir, "blastguard.yaml"), "utf8")).toBe("version: 1\n");
    expect(runCli(["init", "--dir", dir, "--force"]).stdout).toContain(`wrote   ${join(dir, "blastguard.yaml")}`);
    expect(readFileSync(join(dir, "blastguard.yaml"), "utf8")).toBe(text);
  });

  it("writes the example workflow and a pack folder that imports blastguard/pack", () => {
    const dir = fresh();
    runCli(["init", "--dir", dir]);
    expect(readFileSync(join(dir, ".github/workflows/blastguard.yml"), "utf8")).toBe(readFileSync(join(repoRoot, "examples/github-actions/blastguard.yml"), "utf8"));
    expect(readFileSync(join(dir, "blastguard-pack/index.js"), "utf8")).toContain('import("blastguard/pack")');
    const pkg = JSON.parse(readFileSync(join(dir, "blastguard-pack/package.json"), "utf8")) as { dependencies: Record<string, string> };
    const version = (JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string }).version;
    expect(pkg.dependencies).toEqual({ "@pulumi/pulumi": "^3.204.0", blastguard: `^${version}` });
  });

  it("refuses a preview as the state to guess from", () => {
    const r = runCli(["init", "--dir", fresh(), "--state", scenario("add-tenant", "preview.json")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/init guesses scope levels from a stack export, not a preview\n$/);
  });
});
