// The one evaluation path (CLI, library, policy pack): the compact input goes to the Wasm policy
// in a worker thread with a wall-clock limit, and the result must be a complete report whose
// counts match what the reader produced. Anything else is an EvaluationError: never a pass.
import { Worker } from "node:worker_threads";
import { z } from "zod";
import { EvaluationError } from "../errors.js";
import { loadBundle, type LoadedBundle } from "./bundle.js";
import { encodePolicyInput, type PolicyInput } from "./input.js";

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
});
const ResultSet = z.tuple([z.strictObject({ result: PolicyReport })]);

export interface Evaluation {
  findings: RawFinding[];
  /** Time spent inside the Wasm evaluation alone. */
  evalMs: number;
}

type WorkerReply = { type: "loaded" } | { type: "result"; json: string; ms: number } | { type: "error"; message: string };

/** A loaded policy in a worker; reuse it for many evaluations, then close() it. */
export class PolicyEvaluator {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;

  constructor(private readonly bundle: LoadedBundle = loadBundle()) {}

  private start(): Promise<void> {
    if (this.ready) return this.ready;
    const worker = new Worker(new URL("./wasm-worker.js", import.meta.url));
    worker.unref();
    this.worker = worker;
    this.ready = this.request({ type: "load", wasm: this.bundle.wasm }, [], 30_000).then(() => undefined);
    return this.ready;
  }

  private request(message: object, transfer: ArrayBuffer[], timeoutMs: number): Promise<WorkerReply> {
    const worker = this.worker;
    if (!worker) return Promise.reject(new EvaluationError("policy engine is not running"));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        this.stop();
        reject(new EvaluationError(`policy evaluation exceeded the time limit (evalTimeoutSeconds = ${timeoutMs / 1000})`));
      }, timeoutMs);
      const onMessage = (reply: WorkerReply) => {
        cleanup();
        if (reply.type === "error") reject(new EvaluationError(reply.message));
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

  async evaluate(input: PolicyInput, timeoutMs: number): Promise<Evaluation> {
    const bytes = encodePolicyInput(input);
    await this.start();
    const reply = await this.request({ type: "eval", input: bytes, entrypoint: this.bundle.pin.entrypoint }, [bytes], timeoutMs);
    if (reply.type !== "result") throw new EvaluationError("policy engine gave no result");
    const parsed = ResultSet.safeParse(JSON.parse(reply.json));
    if (!parsed.success) throw new EvaluationError("policy returned an undefined or malformed result");
    const report = parsed.data[0].result;
    // A pass must prove the policies saw every resource and step the reader produced.
    if (report.resources !== input.resources.length || report.steps !== input.steps.length) {
      throw new EvaluationError(
        `policies saw ${report.resources} resources and ${report.steps} steps, the reader produced ${input.resources.length} and ${input.steps.length}`,
      );
    }
    return { findings: report.findings, evalMs: reply.ms };
  }

  stop(): void {
    void this.worker?.terminate();
    this.worker = null;
    this.ready = null;
  }

  close(): void {
    this.stop();
  }
}
