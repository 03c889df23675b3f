// The stack's state before the change, which the analyzer protocol does not carry: a file named
// in the pack config (`priorStatePath`), another stack named there (`stackReference`), or by
// default `pulumi stack export` of the stack being previewed (the engine names it when it
// configures the pack; a preview does not change the state). Only the bytes are fetched here, as
// early as the stack is known; the readers parse them (src/pack/decide.ts).
import { execFile } from "node:child_process";
import { InputError } from "../errors.js";
import { readFileLimited, type ReadLimits } from "../readers/bytes.js";

/** `<organization>/<project>/<stack>`, as `pulumi stack export --stack` takes it. */
export function stackReference(organization: string, project: string, stack: string): string {
  // The file backend names its only organization "organization".
  return `${organization || "organization"}/${project}/${stack}`;
}

export interface PriorSource {
  /** `file:<path>` or `stack:<reference>`: the same key is read once. */
  key: string;
  /** What error messages name. */
  label: string;
  bytes: Promise<Uint8Array>;
}

export function readPriorSource(key: string, limits: ReadLimits): PriorSource {
  if (key.startsWith("file:")) {
    const path = key.slice(5);
    return { key, label: path, bytes: readFileLimited(path, limits) };
  }
  const reference = key.slice(6);
  const label = `pulumi stack export --stack ${reference}`;
  return { key, label, bytes: exportStack(reference, label, limits) };
}

/** Runs `pulumi stack export` (the `pulumi` on PATH, with the engine's environment). */
export function exportStack(reference: string, label: string, limits: ReadLimits, command = "pulumi"): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      ["stack", "export", "--stack", reference, "--non-interactive"],
      { encoding: "buffer", maxBuffer: limits.maxBytes, windowsHide: true },
      (error, stdout) => {
        if (error) {
          // Its output may quote state; the message says only what failed and what to do.
          const how = "code" in error && typeof error.code === "number" ? `exited ${error.code}` : "could not run";
          reject(new InputError(`${label} ${how}; set priorStatePath in the pack config to a stack export instead`));
          return;
        }
        resolve(new Uint8Array(stdout.buffer, stdout.byteOffset, stdout.byteLength));
      },
    );
  });
}
