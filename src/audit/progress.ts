// A progress line on an interactive terminal (stacks done / total, elapsed, ETA), redrawn in
// place on stderr. In CI logs and pipes (no TTY, or CI set) it prints nothing: a log full of
// redraws helps nobody.
export interface Progress {
  update(done: number): void;
  finish(): void;
}

export const silentProgress: Progress = { update: () => {}, finish: () => {} };

function clock(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

export function progressBar(total: number, stream: NodeJS.WriteStream = process.stderr, env = process.env): Progress {
  if (!stream.isTTY || env.CI) return silentProgress;
  const started = Date.now();
  let last = 0;
  const draw = (done: number) => {
    const width = 30;
    const filled = Math.round((done / total) * width);
    const elapsed = Date.now() - started;
    const eta = done > 0 ? clock((elapsed / done) * (total - done)) : "?";
    stream.write(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} stacks, ${clock(elapsed)} elapsed, ETA ${eta} `);
  };
  draw(0);
  return {
    update(done) {
      // At most ten redraws a second, and always the last one.
      if (done < total && Date.now() - last < 100) return;
      last = Date.now();
      draw(done);
    },
    finish() {
      stream.write("\r\x1b[2K");
    },
  };
}
