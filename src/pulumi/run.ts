// Runs the `pulumi` CLI (the one on PATH) with a time limit and an output size limit. What it
// prints may quote state or program output, so errors say only what failed and what to do.
import { spawn } from "node:child_process";
import { GuardError } from "../errors.js";

/** `pulumi` is missing, not logged in, timed out, or failed: the check cannot decide (exit 2). */
export class PulumiError extends GuardError {
  readonly category = "pulumi";
}

export interface PulumiRun {
  status: number;
  stdout: Uint8Array;
  /** Only read to classify a failure (never printed). */
  stderr: string;
}

export interface RunOptions {
  cwd?: string | undefined;
  env?: NodeJS.ProcessEnv | undefined;
  timeoutMs: number;
  maxBytes: number;
  /** The `pulumi` executable (default: `pulumi` on PATH). */
  command?: string | undefined;
}

/** A short, safe reason for a failed pulumi run, from the shapes of its well-known messages. */
export function whyPulumiFailed(stderr: string): string {
  if (/no stack (is )?selected|no current stack|please choose a stack|a stack (name )?is required/i.test(stderr)) {
    return "no stack is selected: run `pulumi stack select`, or name one with --stack";
  }
  if (/not logged in|no credentials|PULUMI_ACCESS_TOKEN|pulumi login|unauthorized|401/i.test(stderr)) {
    return "pulumi is not logged in: run `pulumi login` (or set PULUMI_ACCESS_TOKEN)";
  }
  if (/no Pulumi(\.yaml)? project found|could not find Pulumi\.yaml|no project file/i.test(stderr)) {
    return "no Pulumi project here (no Pulumi.yaml): run it in the project's folder, or use --cwd";
  }
  if (/stack .* (not found|does not exist)|no stack named/i.test(stderr)) return "the stack was not found";
  if (/passphrase/i.test(stderr)) return "the stack's secrets passphrase is missing: set PULUMI_CONFIG_PASSPHRASE";
  return "run the same pulumi command to see why";
}

/** Runs pulumi; resolves with its exit status and output, rejects when it cannot run or finish. */
export function runPulumi(args: readonly string[], options: RunOptions): Promise<PulumiRun> {
  const what = `pulumi ${args.slice(0, 2).join(" ")}`;
  return new Promise((resolve, reject) => {
    const child = spawn(options.command ?? "pulumi", args, {
      cwd: options.cwd,
      env: { ...(options.env ?? process.env), PULUMI_SKIP_UPDATE_CHECK: "1" },
      stdio: ["ignore", "pipe", "pipe"],
      windowsHide: true,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let failure: PulumiError | undefined;
    const stop = (error: PulumiError) => {
      failure ??= error;
      child.kill("SIGTERM");
    };
    const timer = setTimeout(() => stop(new PulumiError(`${what} did not finish within ${Math.round(options.timeoutMs / 1000)} s`)), options.timeoutMs);
    child.stdout.on("data", (b: Buffer) => {
      outBytes += b.byteLength;
      if (outBytes > options.maxBytes) stop(new PulumiError(`${what} printed more than the input size limit (maxInputBytes)`));
      else out.push(b);
    });
    child.stderr.on("data", (b: Buffer) => {
      if (err.reduce((n, x) => n + x.byteLength, 0) < 1024 * 1024) err.push(b);
    });
    child.on("error", (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        e.code === "ENOENT"
          ? new PulumiError("the pulumi CLI was not found on PATH: install it (https://www.pulumi.com/docs/install/) or give the file with --state")
          : new PulumiError(`${what} could not be started`),
      );
    });
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      if (failure) return reject(failure);
      if (status === null) return reject(new PulumiError(`${what} was stopped by signal ${signal ?? "unknown"}`));
      resolve({ status, stdout: new Uint8Array(Buffer.concat(out)), stderr: Buffer.concat(err).toString("utf8") });
    });
  });
}
