// Intent, config and override files: YAML 1.2 with the core schema only. A custom tag, a merge
// key or a `%YAML 1.1` document is refused (exit 2) with the key path, and nothing else is written
// to stderr (the parser's own warnings never reach it). Edited copies of a recorded intent.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/paths.js";
import { scenario } from "../support/scenarios.js";

const tmp = mkdtempSync(join(tmpdir(), "blastguard-yaml-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const NAME = "delete-app-with-intent";
const intentText = readFileSync(scenario(NAME, "intent.yaml"), "utf8");
const write = (name: string, text: string) => {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
};
const checkWith = (flag: string, file: string) =>
  runCli(["check", scenario(NAME, "preview.json"), "--state", scenario(NAME, "state.json"), ...(flag === "--intent" ? [] : ["--intent", scenario(NAME, "intent.yaml")]), flag, file]);

describe("YAML core schema only", () => {
  it("reads the recorded intent as it is (exit 0)", () => {
    expect(checkWith("--intent", scenario(NAME, "intent.yaml")).status).toBe(0);
  });

  const refused: [string, string, string][] = [
    ["a custom tag", intentText.replace("id: app-124", "id: !foo app-124"), "actions[0].target.id: a tag outside the YAML core schema is not read"],
    ["a YAML 1.1 type tag", intentText.replace("id: app-124", "id: !!binary YXBwLTEyNA=="), "actions[0].target.id: a tag outside the YAML core schema is not read"],
    ["a merge key", `x-target: &t\n  kind: app\n${intentText.replace("kind: app", "<<: *t")}`, "actions[0].target.<<: merge keys are not read"],
    ["a %YAML 1.1 document", `%YAML 1.1\n---\n${intentText}`, "only YAML 1.2 with the core schema is read"],
  ];
  for (const [what, text, message] of refused) {
    it(`refuses an intent with ${what}: exit 2, the key path, no parser warning on stderr`, () => {
      const r = checkWith("--intent", write(`${what.replaceAll(" ", "-")}.yaml`, text));
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).not.toMatch(/Warning/);
    });
  }

  it("refuses a config file with a custom tag, naming the key path", () => {
    const r = checkWith("--config", write("config.yaml", "version: 1\nunverifiable: !warning warning\n"));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unverifiable: a tag outside the YAML core schema is not read");
  });
});
