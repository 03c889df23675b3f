// An update runs its deletions before the engine shows a policy pack the goal: AnalyzeStack
// comes after every step, deletes included, and no analyzer call comes between the end of the
// program and the deletes. So the pack can only guard an update whose change it has already
// judged in a preview. `pulumi up` runs that preview itself, in the same CLI process, with its
// own pack process; `pulumi up --skip-preview` (and the Automation API's `up`) does not.
//
// The preview's pack leaves a mark when it judged the change and found nothing blocking; the
// update's pack, started by the same CLI process for the same stack, takes the mark (once) before
// the engine runs a step, and refuses the update without it. The mark is keyed by the Pulumi CLI
// process (its pid and, on Linux, its start time, so a reused pid does not match) and the stack.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

interface ProcessInfo {
  name: string;
  parent: number;
  started: string;
}

/** /proc/<pid>/stat: "pid (comm) state ppid ... starttime(22nd)"; null where there is no /proc. */
function processInfo(pid: number): ProcessInfo | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "latin1");
  } catch {
    return null;
  }
  const close = stat.lastIndexOf(")");
  const name = stat.slice(stat.indexOf("(") + 1, close);
  const rest = stat.slice(close + 2).split(" ");
  return { name, parent: Number(rest[1]), started: rest[19] ?? "" };
}

/**
 * The Pulumi CLI process that runs this pack: the parent (the launcher execs node), or, when a
 * wrapper sits between them, the nearest ancestor named pulumi. Its start time makes the key
 * unique over time where /proc has it.
 */
export function engineProcessKey(): string {
  let pid = process.ppid;
  for (let depth = 0; depth < 4; depth++) {
    const info = processInfo(pid);
    if (!info) break;
    if (info.name === "pulumi") return `${pid}@${info.started}`;
    if (!info.parent || info.parent <= 1) break;
    pid = info.parent;
  }
  const parent = processInfo(process.ppid);
  return parent ? `${process.ppid}@${parent.started}` : `${process.ppid}`;
}

const MARK_DIR = join(tmpdir(), `blastguard-pack-${process.getuid?.() ?? "user"}`);

function markPath(dir: string, stack: string, engine: string): string {
  const key = createHash("sha256").update(`${engine}\n${stack}`).digest("hex").slice(0, 32);
  return join(dir, `${key}.preview`);
}

/** A mark no update took (a `pulumi preview` on its own) is cleared after a day. */
const STALE_MS = 24 * 3600 * 1000;

function clearStale(dir: string): void {
  for (const name of readdirSync(dir)) {
    if (!name.endsWith(".preview")) continue;
    const path = join(dir, name);
    try {
      if (Date.now() - statSync(path).mtimeMs > STALE_MS) rmSync(path, { force: true });
    } catch {
      // another pack took or cleared it meanwhile
    }
  }
}

/** The preview judged the change and found nothing blocking: the update that follows may run. */
export function markPreviewPassed(stack: string, engine = engineProcessKey(), dir = MARK_DIR): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  clearStale(dir);
  const path = markPath(dir, stack, engine);
  const temp = `${path}.${process.pid}`;
  writeFileSync(temp, JSON.stringify({ stack, engine }), { mode: 0o600 });
  renameSync(temp, path);
}

/** Takes the preview's mark for this stack and CLI process; true when there was one. */
export function takePreviewMark(stack: string, engine = engineProcessKey(), dir = MARK_DIR): boolean {
  const path = markPath(dir, stack, engine);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return false;
  }
  rmSync(path, { force: true });
  try {
    const mark = JSON.parse(text) as { stack?: unknown; engine?: unknown };
    return mark.stack === stack && mark.engine === engine;
  } catch {
    return false;
  }
}

export const NO_PREVIEW_PHASE =
  "this update has no preview phase (pulumi up --skip-preview, or an update run without a preview): the engine deletes resources before a policy pack is shown the change, so the blastguard pack refuses it before any step runs; run pulumi up with its preview (or check `pulumi preview --json` with blastguard check first and run the update without the pack)";
