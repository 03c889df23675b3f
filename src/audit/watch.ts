// What an audit worker shares with its pool, in shared memory rather than messages (a message
// per stack cost a worker more than judging a small stack, and a worker waiting for its next
// stack sat idle): the fleet's next unclaimed stack, and per worker the stack it is on and the
// deadline of the evaluation it is running.
export interface Shared {
  /** [0]: index of the next stack no worker has claimed. */
  next: Int32Array;
  /** [0]: wall-clock deadline (ms since the epoch) of the running evaluation, 0 when none; [1]: its limit; [2]: the stack's index. */
  watch: Float64Array;
}

const DEADLINE = 0;
const LIMIT = 1;
const CURRENT = 2;

export function sharedCounter(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
}

export function sharedWatch(): Float64Array {
  return new Float64Array(new SharedArrayBuffer(3 * Float64Array.BYTES_PER_ELEMENT));
}

/** In a worker: the index of the next stack to judge (past the end when the fleet is done). */
export function claim(shared: Shared): number {
  const index = Atomics.add(shared.next, 0, 1);
  shared.watch[CURRENT] = index;
  return index;
}

/** In a worker: marks an evaluation with this limit as started, or (null) as ended. */
export function watching(watch: Float64Array, timeoutMs: number | null): void {
  watch[LIMIT] = timeoutMs ?? 0;
  watch[DEADLINE] = timeoutMs === null ? 0 : Date.now() + timeoutMs;
}

/** In the pool: the stack whose evaluation is past its deadline, with the limit, or null. */
export function overdue(watch: Float64Array): { index: number; limitMs: number } | null {
  const deadline = watch[DEADLINE]!;
  return deadline !== 0 && Date.now() > deadline ? { index: watch[CURRENT]!, limitMs: watch[LIMIT]! } : null;
}
