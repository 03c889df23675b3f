// The stack's state before the change, which the analyzer protocol does not carry: a file named
// in the pack config (`priorStatePath`), or `pulumi stack export` of the stack being previewed
// (the engine names it when it configures the pack; a preview does not change the state).
import { execFile } from "node:child_process";
import { InputError } from "../errors.js";
import type { ChangeSet } from "../model/changeset.js";
import { readChangeSet, readFileLimited, type ReadLimits } from "../readers/index.js";

/** `<organization>/<project>/<stack>`, as `pulumi stack export --stack` takes it. */
export function stackReference(organization: string, project: string, stack: string): string {
  // The file backend names its only organization "organization".
  return `${organization || "organization"}/${project}/${stack}`;
}

function asPriorState(bytes: Uint8Array, label: string, limits: ReadLimits): ChangeSet {
  const change = readChangeSet(bytes, label, { limits });
  if (change.source.format !== "state" && change.source.format !== "checkpoint") {
    throw new InputError(`${label}: the prior state must be a stack export or checkpoint, not a ${change.source.format}`);
  }
  return change;
}

export async function readPriorStateFile(path: string, limits: ReadLimits): Promise<ChangeSet> {
  return asPriorState(await readFileLimited(path, limits), path, limits);
}

/** Runs `pulumi stack export` (the `pulumi` on PATH, with the engine's environment). */
export function exportPriorState(reference: string, limits: ReadLimits, command = "pulumi"): Promise<ChangeSet> {
  const label = `pulumi stack export --stack ${reference}`;
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
        try {
          resolve(asPriorState(new Uint8Array(stdout), label, limits));
        } catch (err) {
          reject(err);
        }
      },
    );
  });
}
