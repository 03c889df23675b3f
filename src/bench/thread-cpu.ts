// Runs a command (its output discarded) and prints, as JSON, its exit status, wall time, the CPU
// time of the whole process and of each of its threads, and its peak RSS, read from Linux's /proc
// every few milliseconds while it runs. The fleet benchmark (fleet.ts) uses it to show where a
// run's CPU goes: the main thread, each audit worker, and V8's background threads.
// Usage: node thread-cpu.js <command> [args…]
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export interface ThreadCpu {
  status: number | null;
  ms: number;
  /** The whole process, exited threads included. */
  cpuMs: number;
  /** The main thread's CPU time. */
  mainMs: number;
  /** Every other thread's CPU time as last seen (a thread's last few ms before it exits are missed), largest first. */
  threadsMs: number[];
  peakRssKiB: number;
}

const TICK_MS = 1000 / 100; // USER_HZ: 100 on Linux

/** utime + stime of a /proc stat line, in ms (the fields after the command name). */
function cpuOf(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

function read(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null; // the thread or process has just exited
  }
}

function sample(pid: number, last: { cpuMs: number; threads: Map<string, number>; peakRssKiB: number }): void {
  const stat = read(`/proc/${pid}/stat`);
  if (stat) last.cpuMs = cpuOf(stat);
  const hwm = /VmHWM:\s+(\d+)/.exec(read(`/proc/${pid}/status`) ?? "");
  if (hwm) last.peakRssKiB = Number(hwm[1]);
  let tids: string[] = [];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return;
  }
  for (const tid of tids) {
    const s = read(`/proc/${pid}/task/${tid}/stat`);
    if (s) last.threads.set(tid, cpuOf(s));
  }
}

export function runWithThreadCpu(command: string, args: readonly string[]): Promise<ThreadCpu> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ["ignore", "ignore", "ignore"] });
    const pid = child.pid;
    if (pid === undefined) return reject(new Error(`cannot start ${command}`));
    const last = { cpuMs: 0, threads: new Map<string, number>(), peakRssKiB: 0 };
    const timer = setInterval(() => sample(pid, last), 5);
    child.on("error", reject);
    child.on("exit", (status) => {
      clearInterval(timer);
      const ms = performance.now() - started;
      const mainMs = last.threads.get(String(pid)) ?? 0;
      last.threads.delete(String(pid));
      const threadsMs = [...last.threads.values()].sort((a, b) => b - a);
      resolve({ status, ms, cpuMs: Math.max(last.cpuMs, mainMs + threadsMs.reduce((a, b) => a + b, 0)), mainMs, threadsMs, peakRssKiB: last.peakRssKiB });
    });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && process.argv.length > 2) {
  console.log(JSON.stringify(await runWithThreadCpu(process.argv[2]!, process.argv.slice(3))));
}
