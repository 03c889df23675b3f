// `blastguard init`: filled in below.
import type { InitArgs } from "./args.js";
import type { Output } from "./run-check.js";

export async function runInit(_args: InitArgs, out: Output): Promise<0 | 1 | 2> {
  out.stderr("blastguard: init is not available yet\n");
  return 2;
}
