// The package's version and home, from the nearest blastguard package.json above this file (the
// source tree, dist/ or an installed package alike).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export interface PackageInfo {
  version: string;
  /** The repository's web page (package.json "homepage" without its #readme fragment). */
  homepage: string | null;
}

let cached: PackageInfo | undefined;
let root: string | null | undefined;

/** The folder of blastguard's package.json (the source tree or the installed package). */
export function packageRoot(): string | null {
  packageInfo();
  return root ?? null;
}

export function packageInfo(): PackageInfo {
  if (cached !== undefined) return cached;
  cached = { version: "0.0.0", homepage: null };
  root = null;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      try {
        const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: unknown; version?: unknown; homepage?: unknown };
        if (pkg.name === "blastguard" && typeof pkg.version === "string") {
          root = dir;
          cached = { version: pkg.version, homepage: typeof pkg.homepage === "string" ? pkg.homepage.replace(/#.*$/, "") : null };
        }
      } catch {
        // an unreadable package.json leaves the placeholder version
      }
      break;
    }
    dir = dirname(dir);
  }
  return cached;
}

export function packageVersion(): string {
  return packageInfo().version;
}

/** The README section that documents a policy (its row in the policy table has this anchor). */
export function policyHelpUri(homepage: string, policyId: string): string {
  return `${homepage}/blob/main/README.md#policy-${policyId}`;
}
