// The audit's progress line: drawn on a terminal, never in CI logs or pipes.
import { describe, expect, it } from "vitest";
import { progressBar } from "../../src/audit/progress.js";

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { written, stream: { isTTY, write: (s: string) => written.push(s) > 0 } as unknown as NodeJS.WriteStream };
}

describe("audit progress", () => {
  it("draws done/total with elapsed time and an ETA on a terminal, and clears the line at the end", () => {
    const { written, stream: s } = stream(true);
    const bar = progressBar(4, s, {});
    bar.update(4);
    bar.finish();
    expect(written[0]).toMatch(/^\r\[-{30}\] 0\/4 stacks, 0:00 elapsed, ETA \? $/);
    expect(written[1]).toMatch(/^\r\[#{30}\] 4\/4 stacks, \d+:\d\d elapsed, ETA 0:00 $/);
    expect(written[2]).toBe("\r\x1b[2K");
  });

  it("prints nothing when stderr is not a terminal, or when CI is set", () => {
    for (const [isTTY, env] of [[false, {}], [true, { CI: "true" }]] as const) {
      const { written, stream: s } = stream(isTTY);
      const bar = progressBar(4, s, env);
      bar.update(2);
      bar.finish();
      expect(written).toEqual([]);
    }
  });
});
