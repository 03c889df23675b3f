// The fleet to audit, from the command line: state files, folders (every .json file under them,
// in sorted order), named stacks, or every stack `pulumi stack ls` lists. Each stack appears once:
// the same file named twice (directly and through a folder) would count its stores twice.
import { readdirSync, realpathSync, statSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../errors.js";
import type { Target } from "./model.js";
import { listStacks } from "./pulumi.js";

function filesUnder(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    throw new InputError(`${dir}: cannot be listed`);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return entries.flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return entry.name.endsWith(".json") ? [path] : [];
  });
}

function expandPath(path: string): string[] {
  let isDirectory;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    throw new InputError(`${path}: cannot be opened`);
  }
  if (!isDirectory) return [path];
  const files = filesUnder(path);
  if (files.length === 0) throw new InputError(`${path}: no .json state files in this folder`);
  return files;
}

export interface TargetSelection {
  paths: readonly string[];
  stacks: readonly string[];
  allStacks: boolean;
}

export async function resolveTargets(sel: TargetSelection): Promise<Target[]> {
  const targets: Target[] = [];
  const seenFiles = new Map<string, string>();
  for (const file of sel.paths.flatMap(expandPath)) {
    const real = realpathSync(file);
    const earlier = seenFiles.get(real);
    if (earlier !== undefined) throw new InputError(`${file}: the same file as ${earlier}; each stack may be audited once`);
    seenFiles.set(real, file);
    targets.push({ id: file, kind: "file" });
  }
  const names = [...sel.stacks, ...(sel.allStacks ? await listStacks(true) : [])];
  const seenStacks = new Set<string>();
  for (const name of names) {
    if (seenStacks.has(name)) throw new InputError(`stack ${name} is named twice; each stack may be audited once`);
    seenStacks.add(name);
    targets.push({ id: name, kind: "stack" });
  }
  if (targets.length === 0) throw new InputError("nothing to audit: give state files, folders, --stacks or --all-stacks");
  return targets;
}
