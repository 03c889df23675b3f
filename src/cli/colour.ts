// Whether to colour what goes to a stream: NO_COLOR (any non-empty value) turns it off,
// FORCE_COLOR turns it on (FORCE_COLOR=0 off), otherwise a terminal that supports colour.
// See no-color.org; Node's own tty.hasColors() reads TERM and the same variables.
import type { Writable } from "node:stream";

export function wantsColour(stream: Writable & { isTTY?: boolean; hasColors?: () => boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false";
  return stream.isTTY === true && typeof stream.hasColors === "function" && stream.hasColors();
}
