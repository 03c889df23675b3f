// Uses the second core for a large input: the scan thread (scan-worker.js) hashes the bytes and
// runs the text scans while this thread decodes, parses and normalises them. The read stays
// synchronous: the caller blocks on a shared signal only when it needs the answer, by then
// usually long there. One thread per process, started on the first large input (a small input
// never pays for it) and never keeping the process alive. If the thread fails or is late, the
// caller does the work itself: the answer is the same either way.
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import type { TextScan } from "./scan.js";

/** Inputs from this size on are scanned in the second thread. */
export const PARALLEL_ABOVE_BYTES = 8 * 1024 * 1024;

/**
 * Waiting longer than this for the thread means it is stuck or never started: the caller scans
 * itself and the thread is replaced. The scan takes ~2-4 ms per MB on this machine under load.
 */
const lateAfterMs = (bytes: number) => 2000 + (bytes / 1e6) * 30;

export interface ThreadScan {
  digest: string;
  /** null when the bytes are not UTF-8 (the caller's own decode refuses them). */
  scan: TextScan | null;
}

interface ScanThread {
  worker: Worker;
  port: MessagePort;
  signal: Int32Array;
  lastId: number;
}

let thread: ScanThread | null = null;
let scansInThread = 0;

/** How many inputs the thread has scanned (tests check the two-thread path really ran). */
export const threadScanCount = (): number => scansInThread;

function startThread(): ScanThread {
  const { port1, port2 } = new MessageChannel();
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(new URL("./scan-worker.js", import.meta.url), { workerData: { port: port2, signal }, transferList: [port2] });
  worker.unref();
  port1.unref();
  const started: ScanThread = { worker, port: port1, signal, lastId: 0 };
  // A thread that dies is replaced on the next large input; its pending scans are done here.
  worker.on("error", () => {}).on("exit", () => {
    if (thread === started) thread = null;
  });
  return started;
}

/** A buffer for an input of this size: on shared memory when the thread will scan it. */
export function newInputBuffer(size: number): Uint8Array {
  return size >= PARALLEL_ABOVE_BYTES ? new Uint8Array(new SharedArrayBuffer(size)) : new Uint8Array(size);
}

/** Bytes on shared memory, so the thread reads them without a copy (copied once if they are not). */
export function sharedBytes(bytes: Uint8Array): Uint8Array {
  if (bytes.buffer instanceof SharedArrayBuffer) return bytes;
  const shared = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
  shared.set(bytes);
  return shared;
}

/** Starts hashing and scanning bytes in the thread; the returned function waits for the answer (null: do it yourself). */
export function scanInThread(bytes: Uint8Array): () => ThreadScan | null {
  const t = (thread ??= startThread());
  const id = ++t.lastId;
  t.worker.postMessage({ id, bytes: sharedBytes(bytes) });
  const deadline = performance.now() + lateAfterMs(bytes.byteLength);
  let answer: ThreadScan | null | undefined;
  return () => {
    if (answer === undefined) answer = waitFor(t, id, deadline);
    return answer;
  };
}

function waitFor(t: ScanThread, id: number, deadline: number): ThreadScan | null {
  for (let done = Atomics.load(t.signal, 0); done < id; done = Atomics.load(t.signal, 0)) {
    const left = deadline - performance.now();
    if (left <= 0 || thread !== t) {
      if (thread === t) thread = null;
      void t.worker.terminate();
      return null;
    }
    Atomics.wait(t.signal, 0, done, left);
  }
  // Answers come in order; older ones belong to reads that ended early (their input was refused).
  for (let m = receiveMessageOnPort(t.port); m; m = receiveMessageOnPort(t.port)) {
    const answer = m.message as { id: number; failed?: boolean } & ThreadScan;
    if (answer.id !== id) continue;
    if (answer.failed) return null;
    scansInThread++;
    return { digest: answer.digest, scan: answer.scan };
  }
  return null;
}
