// `blastguard policies` honours the config, aligns its columns and speaks JSON.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, runCli } from "../support/paths.js";

const catalog = JSON.parse(readFileSync(join(repoRoot, "policies/dist/catalog.json"), "utf8")) as { policies: { id: string; severity: string; enforcement: string }[] };
const dir = mkdtempSync(join(tmpdir(), "blastguard-policies-"));
const config = join(dir, "blastguard.yaml");
writeFileSync(config, "policies:\n  bulk-delete: { maxDeletes: 3, enforcement: advisory }\n  shared-delete: { enforcement: disabled }\n");

describe("blastguard policies", () => {
  it("lists every policy of the catalog once, in aligned columns", () => {
    const r = runCli(["policies"]);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^ID +SEVERITY +ENFORCEMENT +TITLE$/);
    expect(lines.slice(1).map((l) => l.split(" ")[0])).toEqual(catalog.policies.map((p) => p.id));
    const titleColumn = lines[0]!.indexOf("TITLE");
    for (const line of lines.slice(1)) expect(line[titleColumn - 1]).toBe(" ");
    for (const line of lines.slice(1)) expect(line[titleColumn]).not.toBe(" ");
  });

  it("shows the config's enforcement, marked, and the parameters in JSON", () => {
    const text = runCli(["policies", "--config", config]).stdout;
    expect(text).toMatch(/^bulk-delete +high +advisory\* +/m);
    expect(text).toMatch(/^shared-delete +high +disabled\* +/m);
    expect(text).toContain("* set by the config");
    const json = JSON.parse(runCli(["policies", "--config", config, "--format", "json"]).stdout) as {
      policies: { id: string; enforcement: string; defaultEnforcement: string; parameters: Record<string, unknown> }[];
    };
    const bulk = json.policies.find((p) => p.id === "bulk-delete")!;
    expect(bulk).toMatchObject({ enforcement: "advisory", defaultEnforcement: "mandatory", parameters: { maxDeletes: 3, maxPercent: 30, minResources: 10 } });
    expect(json.policies.map((p) => p.id)).toEqual(catalog.policies.map((p) => p.id));
  });

  it("reads ./blastguard.yaml from the working directory, as check does", () => {
    expect(runCli(["policies"], { cwd: dir }).stdout).toMatch(/^bulk-delete +high +advisory\*/m);
  });

  it("refuses an unknown --format", () => {
    const r = runCli(["policies", "--format", "xml"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("blastguard: error: --format must be one of text, json\n");
  });

  it("accepts enforcementLevel, as Pulumi's pack config names it, and refuses it when it disagrees with enforcement", () => {
    const level = join(dir, "level.yaml");
    writeFileSync(level, "policies:\n  data-protect: { enforcementLevel: advisory }\n");
    expect(runCli(["policies", "--config", level]).stdout).toMatch(/^data-protect +critical +advisory\* +/m);
    const both = join(dir, "both.yaml");
    writeFileSync(both, "policies:\n  data-protect: { enforcementLevel: advisory, enforcement: mandatory }\n");
    const r = runCli(["policies", "--config", both]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`blastguard: error: ${both}: invalid at policies.data-protect: enforcement and enforcementLevel disagree; give one\n`);
  });

  it("answers an unknown key with the keys allowed there, and a wrong value with its field path, quoting neither", () => {
    const typo = join(dir, "typo.yaml");
    writeFileSync(typo, "policies:\n  bulk-delete: { maxDelete: 3 }\n");
    expect(runCli(["policies", "--config", typo]).stderr).toBe(
      `blastguard: error: ${typo}: invalid at policies.bulk-delete: unknown key (allowed here: enforcement, enforcementLevel, maxDeletes, maxPercent, minResources)\n`,
    );
    const wrong = join(dir, "wrong.yaml");
    writeFileSync(wrong, "policies:\n  bulk-delete: { maxDeletes: canary-31337 }\n");
    const r = runCli(["policies", "--config", wrong]);
    expect(r.stderr).toMatch(new RegExp(`^blastguard: error: ${wrong}: invalid at policies\\.bulk-delete\\.maxDeletes: [^\\n]+\\n$`));
    expect(r.stderr).not.toContain("canary");
  });
});
