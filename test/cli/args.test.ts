// Command-line parsing: --stack's optional value, pulumi's own arguments after --, and the
// combinations that are refused before anything runs.
import { describe, expect, it } from "vitest";
import { parseCommandLine, UsageError } from "../../src/cli/args.js";
import { scenario } from "../support/scenarios.js";

const preview = scenario("add-tenant", "preview.json");
const parse = (...argv: string[]) => parseCommandLine(argv);
const refusal = (...argv: string[]) => {
  try {
    parseCommandLine(argv);
  } catch (e) {
    if (e instanceof UsageError) return e.message;
    throw e;
  }
  return "(accepted)";
};

describe("--stack", () => {
  it("alone means the selected stack, at the end or before the file it checks", () => {
    expect(parse("check", preview, "--stack")).toMatchObject({ files: [preview], stack: "" });
    expect(parse("check", "--stack", preview)).toMatchObject({ files: [preview], stack: "" });
  });

  it("takes a reference, with = or as the next word that is not a file", () => {
    expect(parse("check", preview, "--stack=acme/shop/prod")).toMatchObject({ files: [preview], stack: "acme/shop/prod" });
    expect(parse("check", "--stack", "acme/shop/prod", preview)).toMatchObject({ files: [preview], stack: "acme/shop/prod" });
    expect(parse("check", preview, "--stack", "dev", "--format", "json")).toMatchObject({ stack: "dev", format: "json" });
  });

  it("cannot be combined with --state", () => {
    expect(refusal("check", preview, "--stack", "--state", preview)).toBe("give the prior state with --state or --stack, not both");
  });
});

describe("preview", () => {
  it("hands everything after -- to pulumi, options included", () => {
    expect(parse("preview", "--stack", "dev", "--", "--refresh", "--target", "urn:x")).toMatchObject({
      command: "preview",
      stack: "dev",
      pulumiArgs: ["--refresh", "--target", "urn:x"],
      plan: "blastguard-plan.json",
      timeoutSeconds: 600,
    });
  });

  it("takes no files", () => {
    expect(refusal("preview", preview)).toMatch(/^preview takes no files/);
  });
});

describe("refused combinations", () => {
  it("--quiet with another format, a bad --timeout, a --project-root outside the repository", () => {
    expect(refusal("check", preview, "--quiet", "--format", "json")).toBe("--quiet prints the text verdict line; use --out-<format> for other formats");
    expect(refusal("check", preview, "--stack", "--timeout", "0")).toBe("--timeout must be a number of seconds between 1 and 86400");
    expect(refusal("check", preview, "--project-root", "/abs")).toBe("--project-root must be a folder relative to the repository root, without ..");
    expect(refusal("help", "nope")).toBe('unknown command "nope"; run blastguard --help');
    expect(refusal("check", preview, "--state")).toBe('option "--state" needs a value; run blastguard help check');
  });
});
