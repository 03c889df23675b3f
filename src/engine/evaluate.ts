// The one evaluation path (CLI, library, policy pack): the compact input goes to the Wasm policy
// in a worker thread with a wall-clock limit, and the result must be a complete report whose
// counts match what the reader produced. Anything else is an EvaluationError: never a pass.
import type { Worker } from "node:worker_threads";
import { z } from "zod";
import { createHash } from "node:crypto";
import { EvaluationError, InputError, PolicyLoadError } from "../errors.js";
import { BundlePin, loadBundle, type LoadedBundle } from "./bundle.js";
import { encodePolicyInput, type PolicyInput } from "./input.js";
import { READS_ENTRYPOINT, Reads } from "./project.js";
import { mergeShards, SHARD_MIN_RESOURCES, splitInput } from "./shards.js";
import { newEngineWorker, takeEarlyWorker } from "./worker.js";
import type { loadEngine } from "./wasm-engine.js";

/** The policy loaded in this thread (options.inThread), and how its failures are named. */
type LocalEngine = Awaited<ReturnType<typeof loadEngine>> & { describe: (thrown: unknown) => string };

export const RawFinding = z.strictObject({
  policy: z.string().min(1),
  kind: z.enum(["violation", "advisory", "unverifiable", "undecidable"]),
  urn: z.string(),
  message: z.string(),
  resources: z.array(z.string()),
});
export type RawFinding = z.infer<typeof RawFinding>;

const PolicyReport = z.strictObject({
  findings: z.array(RawFinding),
  resources: z.number().int().nonnegative(),
  steps: z.number().int().nonnegative(),
  /**
   * Cloud objects the change destroys, and those of them holding customer data
   * (policies/main/main.rego). It only feeds the report's blast radius, never the verdict, so a
   * bundle without it (e.g. a test's hand-made one) still evaluates.
   */
  blast_radius: z.strictObject({ destroyed: z.array(z.string()), customer_data: z.array(z.string()), orphaned: z.array(z.string()) }).optional(),
  /** The customer-data stores the posture policies judged (feeds `blastguard audit` only). */
  customer_stores: z.array(z.string()).optional(),
  /** Whether it judged the change as a whole (src/engine/shards.ts: exactly one shard does). */
  judged_change: z.boolean().optional(),
});
type PolicyReport = z.infer<typeof PolicyReport>;
const ResultSet = z.tuple([z.strictObject({ result: PolicyReport })]);

export interface Evaluation {
  findings: RawFinding[];
  /** URNs of the cloud objects the change destroys, and of those holding customer data. */
  blastRadius: { destroyed: string[]; customerData: string[]; orphaned: string[] } | null;
  /** URNs of the customer-data stores the posture policies judged; null when the bundle omits them. */
  customerStores: string[] | null;
  /** Time spent inside the Wasm evaluation alone. */
  evalMs: number;
}

/**
 * The policy's result set as a report whose counts match the input, or an EvaluationError: an
 * undefined result (e.g. no input at all), an empty set, extra fields or a non-string message.
 */
export function parseResult(json: string, input: Pick<PolicyInput, "resources" | "steps">): RawFinding[] {
  return parsePolicyReport(json, input).findings;
}

/** The whole checked report (parseResult's checks), blast-radius facts included. */
export function parsePolicyReport(json: string, input: Pick<PolicyInput, "resources" | "steps">): PolicyReport {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new EvaluationError("policy returned a result that is not JSON");
  }
  const parsed = ResultSet.safeParse(value);
  if (!parsed.success) throw new EvaluationError("policy returned an undefined or malformed result");
  const report = parsed.data[0].result;
  // A pass must prove the policies saw every resource and step the reader produced.
  if (report.resources !== input.resources.length || report.steps !== input.steps.length) {
    throw new EvaluationError(
      `policies saw ${report.resources} resources and ${report.steps} steps, the reader produced ${input.resources.length} and ${input.steps.length}`,
    );
  }
  return report;
}

/** Refuses anything but a built policy input (a Buffer, bytes or JSON text would reach Wasm unread). */
function checkInputShape(input: unknown): asserts input is PolicyInput {
  const i = input as Partial<PolicyInput> | null;
  const plain = typeof input === "object" && input !== null && Object.getPrototypeOf(input) === Object.prototype;
  // Without its change-wide facts the change-wide policies would see nothing to count.
  // A shard flag is the host's own (src/engine/shards.ts): a caller's would drop change-wide findings.
  if (!plain || !Array.isArray(i!.resources) || !Array.isArray(i!.steps) || typeof i!.change !== "object" || i!.change === null || "shard" in i!) {
    throw new InputError("the policy input is not a normalised change (build it with buildPolicyInput)");
  }
}

export interface EvaluatorOptions {
  /** The most memory the Wasm engine may grow to; past it the evaluation fails (exit 2). */
  maxMemoryMiB?: number;
  /**
   * Evaluate in the calling thread, with no engine worker: only for a thread that is itself
   * stopped at the time limit (an audit worker, whose pool terminates it). `watch` is told the
   * limit as each evaluation starts and null as it ends; a result that took longer than the limit
   * is refused too.
   */
  inThread?: { watch: (timeoutMs: number | null) => void };
  /** From how many resources an evaluation is split across two workers (default SHARD_MIN_RESOURCES). */
  shardMinResources?: number;
}

const WASM_PAGE = 64 * 1024;
/** 1 GiB reserved up front: growing page by page made a first large evaluation 4x slower. */
const INITIAL_MEMORY_PAGES = 16384;

/** The one error for an evaluation stopped (or finished) past its limit. */
export function timeLimitError(timeoutMs: number): EvaluationError {
  return new EvaluationError(`policy evaluation exceeded the time limit (evalTimeoutSeconds = ${timeoutMs / 1000})`);
}

type WorkerReply = { type: "loaded"; reads: unknown } | { type: "result"; json: string; ms: number } | { type: "error"; message: string };

/** What the bundle says the policies read, checked; a bundle that declares nothing is sent everything. */
function readsOf(value: unknown): Reads | null {
  if (value === null || value === undefined) return null;
  const parsed = Reads.safeParse(value);
  if (!parsed.success) throw new PolicyLoadError("policy bundle's list of what the policies read is invalid");
  return parsed.data;
}

/** A loaded policy in a worker; reuse it for many evaluations, then close() it. */
export class PolicyEvaluator {
  private worker: Worker | null = null;
  /** Resolves, once the engine is loaded, to what the policies read (null: the bundle does not say). */
  private ready: Promise<Reads | null> | null = null;
  private local: LocalEngine | null = null;
  /** The second worker of a sharded evaluation, started by the first large input only. */
  private partner: PolicyEvaluator | null = null;

  constructor(
    private readonly bundle: LoadedBundle = loadBundle(),
    private readonly options: EvaluatorOptions = {},
  ) {
    // Checked here too, so no caller can hand the engine a bundle that skipped loadBundle's pin.
    if (!BundlePin.safeParse(bundle.pin).success) throw new PolicyLoadError("policy bundle pin is invalid (ABI version must be 1)");
    const sha = createHash("sha256").update(bundle.wasm).digest("hex");
    if (sha !== bundle.pin.policyWasmSha256) throw new PolicyLoadError("policy.wasm does not match the pinned hash");
  }

  private start(): Promise<Reads | null> {
    if (this.ready) return this.ready;
    const maxPages = Math.floor(((this.options.maxMemoryMiB ?? 4096) * 1024 * 1024) / WASM_PAGE);
    const max = Math.min(maxPages, 65536);
    const initialPages = Math.min(INITIAL_MEMORY_PAGES, max);
    if (this.options.inThread) {
      // Imported only here: a thread that uses an engine worker never loads opa-wasm itself.
      this.ready = import("./wasm-engine.js").then(async ({ loadEngine, describeEngineFailure }) => {
        try {
          this.local = { ...(await loadEngine(this.bundle.wasm, initialPages, max, READS_ENTRYPOINT)), describe: describeEngineFailure };
        } catch (thrown) {
          throw new EvaluationError(describeEngineFailure(thrown));
        }
        return readsOf(this.local.reads);
      });
      return this.ready;
    }
    this.worker = takeEarlyWorker() ?? newEngineWorker();
    const load = { type: "load", wasm: this.bundle.wasm, initialPages, maxPages: max, readsEntrypoint: READS_ENTRYPOINT };
    this.ready = this.request(load, [], 30_000).then((reply) => readsOf(reply.type === "loaded" ? reply.reads : null));
    return this.ready;
  }

  private request(message: object, transfer: ArrayBuffer[], timeoutMs: number): Promise<WorkerReply> {
    const worker = this.worker;
    if (!worker) return Promise.reject(new EvaluationError("policy engine is not running"));
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const timedOut = () => timeLimitError(timeoutMs);
      const timer = setTimeout(() => {
        cleanup();
        this.stop();
        reject(timedOut());
      }, timeoutMs);
      const onMessage = (reply: WorkerReply) => {
        cleanup();
        // A reply that arrives after the limit (the timer can fire late on a busy machine) is refused too.
        if (performance.now() - started > timeoutMs) reject(timedOut());
        else if (reply.type === "error") reject(new EvaluationError(reply.message));
        else resolve(reply);
      };
      const onError = () => {
        cleanup();
        this.stop();
        reject(new EvaluationError("policy engine crashed"));
      };
      const onExit = () => {
        cleanup();
        reject(new EvaluationError("policy engine stopped unexpectedly"));
      };
      const cleanup = () => {
        clearTimeout(timer);
        worker.off("message", onMessage).off("error", onError).off("exit", onExit);
      };
      worker.on("message", onMessage).on("error", onError).on("exit", onExit);
      worker.postMessage(message, transfer);
    });
  }

  /** Starts the worker and compiles the policy now, so it is ready when the input is read. */
  warm(): void {
    this.start().catch(() => {
      // evaluate() starts again and reports the failure
      this.stop();
    });
  }

  /** What the loaded bundle says the policies read (the benchmark hands `opa eval` the same document). */
  reads(): Promise<Reads | null> {
    return this.start();
  }

  private shards(resources: number): boolean {
    return !this.options.inThread && resources >= (this.options.shardMinResources ?? SHARD_MIN_RESOURCES);
  }

  /** Told how many resources the change has (as soon as it is read): a large one starts the second worker now. */
  expect(resources: number): void {
    if (!this.shards(resources)) return;
    this.partner ??= new PolicyEvaluator(this.bundle, { ...this.options, shardMinResources: Infinity });
    this.partner.warm();
  }

  async evaluate(input: PolicyInput, timeoutMs: number): Promise<Evaluation> {
    checkInputShape(input);
    if (!this.shards(input.resources.length)) {
      const { report, ms } = await this.run(input, timeoutMs);
      if (report.judged_change === false) throw new EvaluationError("policy did not judge the change as a whole");
      return evaluationOf(report, ms);
    }
    this.partner ??= new PolicyEvaluator(this.bundle, { ...this.options, shardMinResources: Infinity });
    const [first, second] = splitInput(input);
    const runs = await Promise.all([this.run(first, timeoutMs), this.partner.run(second, timeoutMs)]);
    return evaluationOf(mergeShards(input, runs.map((r) => r.report)), Math.max(...runs.map((r) => r.ms)));
  }

  /** One evaluation in this evaluator's engine: the report, checked against the input it was given. */
  private async run(input: PolicyInput, timeoutMs: number): Promise<{ report: PolicyReport; ms: number }> {
    const reads = await this.start();
    const bytes = encodePolicyInput(input, reads);
    const reply = this.local ? this.evaluateHere(this.local, bytes, timeoutMs) : await this.request({ type: "eval", input: bytes, entrypoint: this.bundle.pin.entrypoint }, [bytes], timeoutMs);
    if (reply.type !== "result") throw new EvaluationError("policy engine gave no result");
    return { report: parsePolicyReport(reply.json, input), ms: reply.ms };
  }

  private evaluateHere(engine: LocalEngine, bytes: ArrayBuffer, timeoutMs: number): WorkerReply {
    const watch = this.options.inThread!.watch;
    watch(timeoutMs);
    try {
      const result = engine.evaluate(bytes, this.bundle.pin.entrypoint);
      if (result.ms > timeoutMs) throw timeLimitError(timeoutMs);
      return { type: "result", ...result };
    } catch (thrown) {
      if (thrown instanceof EvaluationError) throw thrown;
      throw new EvaluationError(engine.describe(thrown));
    } finally {
      watch(null);
    }
  }

  stop(): void {
    this.partner?.stop();
    this.partner = null;
    this.local = null;
    void this.worker?.terminate();
    this.worker = null;
    this.ready = null;
  }

  close(): void {
    this.stop();
  }
}

function evaluationOf(report: Pick<PolicyReport, "findings" | "blast_radius" | "customer_stores">, ms: number): Evaluation {
  const b = report.blast_radius;
  return {
    findings: report.findings,
    blastRadius: b ? { destroyed: b.destroyed, customerData: b.customer_data, orphaned: b.orphaned } : null,
    customerStores: report.customer_stores ?? null,
    evalMs: ms,
  };
}
