// The package version, from the nearest blastguard package.json above this file (the source
// tree, dist/ or an installed package alike).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | undefined;

export function packageVersion(): string {
  if (cached !== undefined) return cached;
  cached = "0.0.0";
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      try {
        const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: unknown; version?: unknown };
        if (pkg.name === "blastguard" && typeof pkg.version === "string") cached = pkg.version;
      } catch {
        // an unreadable package.json leaves the placeholder version
      }
      break;
    }
    dir = dirname(dir);
  }
  return cached;
}
