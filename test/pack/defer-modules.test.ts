// The pack's start-up cut: @pulumi/policy loads without TypeScript and arborist, and both still
// work, loaded on first use. Run in a fresh node process (the module cache is per process).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));

it("loads @pulumi/policy without TypeScript or arborist, and loads each on first use", () => {
  const script = `
    import { createRequire } from "node:module";
    import { deferUnusedPulumiModules } from "./dist/src/pack/defer-modules.js";
    const require = createRequire(process.cwd() + "/");
    const loaded = (end) => Object.keys(require.cache).some((p) => p.endsWith(end) && require.cache[p].exports.__esModule !== true);
    deferUnusedPulumiModules();
    require("@pulumi/policy");
    const before = [loaded("/typescript/lib/typescript.js"), loaded("/@npmcli/arborist/lib/index.js")];
    const fromPulumi = createRequire(require.resolve("@pulumi/pulumi"));
    const ts = fromPulumi("typescript");
    const arborist = fromPulumi("@npmcli/arborist");
    const works = [typeof ts.SyntaxKind.ExtendsKeyword, typeof ts.createSourceFile, typeof arborist.Arborist];
    console.log(JSON.stringify({ before, works, after: [loaded("/typescript/lib/typescript.js"), loaded("/@npmcli/arborist/lib/index.js")] }));
  `;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: root, encoding: "utf8" });
  expect(r.stderr).toBe("");
  expect(JSON.parse(r.stdout)).toEqual({ before: [false, false], works: ["number", "function", "function"], after: [true, true] });
});
