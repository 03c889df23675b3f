// The two pulumi CLI calls an audit needs: `pulumi stack ls` (which stacks there are) and
// `pulumi stack export` (a stack's current state). The `pulumi` on PATH runs with this
// process's environment (backend, passphrase). Its output may quote state, so errors say only
// which command failed.
import { execFile } from "node:child_process";
import { z } from "zod";
import { InputError } from "../errors.js";

function run(args: readonly string[], maxBytes: number): Promise<Uint8Array> {
  const label = `pulumi ${args.join(" ")}`;
  return new Promise((resolve, reject) => {
    execFile("pulumi", [...args, "--non-interactive"], { encoding: "buffer", maxBuffer: maxBytes, windowsHide: true }, (error, stdout) => {
      if (error) {
        const how = "code" in error && typeof error.code === "number" ? `exited ${error.code}` : "could not run (is pulumi on PATH and logged in?)";
        reject(new InputError(`${label} ${how}`));
      } else resolve(new Uint8Array(stdout));
    });
  });
}

/** A stack's current state, as `pulumi stack export` prints it (read with the usual limits). */
export function exportStack(stack: string, maxBytes: number): Promise<Uint8Array> {
  return run(["stack", "export", "--stack", stack], maxBytes);
}

const StackList = z.array(z.looseObject({ name: z.string().min(1) }));

/** Every stack of the current project (or of every project with `all`), by name. */
export async function listStacks(all: boolean): Promise<string[]> {
  const bytes = await run(["stack", "ls", "--json", ...(all ? ["--all"] : [])], 64 * 1024 * 1024);
  let parsed;
  try {
    parsed = StackList.safeParse(JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)));
  } catch {
    throw new InputError("pulumi stack ls --json did not print JSON");
  }
  if (!parsed.success) throw new InputError("pulumi stack ls --json printed an unexpected shape");
  return parsed.data.map((s) => s.name);
}
