// The mark a preview phase leaves for the update that follows in the same `pulumi up`: taken once,
// only by the same CLI process for the same stack.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { engineProcessKey, markPreviewPassed, takePreviewMark } from "../../src/pack/preview-phase.js";

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "bg-mark-"));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("the preview phase's mark", () => {
  it("lets exactly one update of the same stack from the same CLI process go on", () => {
    const dir = tempDir();
    markPreviewPassed("organization/shop/prod", "4242@1000", dir);
    expect(takePreviewMark("organization/shop/prod", "4242@1000", dir)).toBe(true);
    expect(takePreviewMark("organization/shop/prod", "4242@1000", dir)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("is not taken by another stack, nor by another CLI process (a reused pid has another start time)", () => {
    const dir = tempDir();
    markPreviewPassed("organization/shop/prod", "4242@1000", dir);
    expect(takePreviewMark("organization/shop/staging", "4242@1000", dir)).toBe(false);
    expect(takePreviewMark("organization/shop/prod", "4242@2000", dir)).toBe(false);
    expect(takePreviewMark("organization/shop/prod", "4243@1000", dir)).toBe(false);
  });

  it("is absent when no preview ran", () => {
    expect(takePreviewMark("organization/shop/prod", "4242@1000", tempDir())).toBe(false);
  });

  it("keys on the parent process and its start time", () => {
    expect(engineProcessKey()).toMatch(new RegExp(`^\\d+@\\d+$`));
  });
});

describe("marks no update took", () => {
  it("are cleared after a day when the next preview leaves its mark", async () => {
    const { utimesSync, writeFileSync } = await import("node:fs");
    const dir = tempDir();
    writeFileSync(join(dir, "old.preview"), "{}");
    const dayAgo = new Date(Date.now() - 25 * 3600 * 1000);
    utimesSync(join(dir, "old.preview"), dayAgo, dayAgo);
    writeFileSync(join(dir, "recent.preview"), "{}");
    markPreviewPassed("organization/shop/prod", "4242@1000", dir);
    expect(readdirSync(dir).sort()).toEqual(expect.arrayContaining(["recent.preview"]));
    expect(readdirSync(dir)).not.toContain("old.preview");
    expect(readdirSync(dir)).toHaveLength(2);
  });
});
