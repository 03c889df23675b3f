// The two pulumi commands the guard runs for the user: `pulumi stack export` (the prior state)
// and `pulumi preview --json --save-plan` (the change, twice: as the preview and as the plan).
import { existsSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { PulumiError, runPulumi, whyPulumiFailed } from "./run.js";

export interface PulumiOptions {
  /** The Pulumi project folder (default: the working directory). */
  cwd?: string | undefined;
  /** `<org>/<project>/<stack>` or a stack name; undefined or "" for the selected stack. */
  stack?: string | undefined;
  env?: NodeJS.ProcessEnv | undefined;
  timeoutMs: number;
  maxBytes: number;
  command?: string | undefined;
}

const stackArgs = (stack: string | undefined) => (stack ? ["--stack", stack] : []);
const describeStack = (stack: string | undefined) => (stack ? `stack ${stack}` : "the selected stack");

/** `pulumi stack export` of the stack, as bytes for the readers (secrets stay encrypted). */
export async function exportStack(options: PulumiOptions): Promise<{ bytes: Uint8Array; label: string }> {
  const label = `pulumi stack export (${describeStack(options.stack)})`;
  const r = await runPulumi(["stack", "export", ...stackArgs(options.stack), "--non-interactive"], options);
  if (r.status !== 0) throw new PulumiError(`${label} exited ${r.status}: ${whyPulumiFailed(r.stderr)}`);
  if (r.stdout.byteLength === 0) throw new PulumiError(`${label} printed nothing`);
  return { bytes: r.stdout, label };
}

export interface PreviewRun {
  /** The `--json` digest (also written when the preview fails on refused protected deletes). */
  preview: Uint8Array;
  /** The saved plan's path, or null when pulumi wrote none (a failed preview writes no plan). */
  plan: string | null;
  status: number;
}

/**
 * `pulumi preview --json --save-plan <plan>` with the user's extra preview arguments. A preview
 * that fails still prints its digest (and names refused protected deletes): the readers judge it.
 */
export async function previewWithPlan(options: PulumiOptions & { plan: string; extraArgs: readonly string[] }): Promise<PreviewRun> {
  const plan = resolve(options.cwd ?? ".", options.plan);
  // A plan left from an earlier run must never pass for this one's (a failed preview writes none).
  rmSync(plan, { force: true });
  const args = ["preview", "--json", "--save-plan", plan, ...stackArgs(options.stack), "--non-interactive", ...options.extraArgs];
  const r = await runPulumi(args, options);
  const text = new TextDecoder().decode(r.stdout.subarray(0, 64)).trimStart();
  if (!text.startsWith("{")) {
    throw new PulumiError(`pulumi preview (${describeStack(options.stack)}) exited ${r.status} without a JSON digest: ${whyPulumiFailed(r.stderr)}`);
  }
  return { preview: r.stdout, plan: existsSync(plan) ? plan : null, status: r.status };
}
