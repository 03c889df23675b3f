// Pulumi aliases, resolved as the engine resolves them (pkg/resource/deploy/step_generator.go,
// getOldResource): a resource is looked up in the prior state first by its URN, then by each
// alias in turn: its own (`aliases` URNs and `structuredAliases` specs), then those its parent's
// rename gives it. The first hit not already claimed is the same resource under a new URN.
import { parseUrn } from "./resource.js";

const ROOT_STACK = "pulumi:pulumi:Stack";

/** Pulumi's resource.Alias as a plan records it (`structuredAliases`). */
export interface AliasSpec {
  URN?: string;
  Name?: string;
  Type?: string;
  Project?: string;
  Stack?: string;
  Parent?: string;
  NoParent?: boolean;
}

/** The qualified type of a URN (`A$B$type`), as the engine nests a child's type under it. */
function qualifiedType(urn: string): string {
  return urn.slice("urn:pulumi:".length).split("::")[2] ?? "";
}

/** resource.CreateURN: a name and type under a parent (its URN minus its name), or at the root. */
function createUrn(name: string, type: string, parent: string, project: string, stack: string): string {
  const prefix = parent ? `${parent.slice(0, parent.lastIndexOf("::"))}$` : `urn:pulumi:${stack}::${project}::`;
  return `${prefix}${type}::${name}`;
}

/** collapseAliasToUrn: a structured alias as a URN, its blanks taken from the resource. */
export function structuredAliasUrn(spec: AliasSpec, resource: { urn: string; type: string; parent: string | null }): string {
  if (spec.URN) return spec.URN;
  const own = parseUrn(resource.urn, "alias");
  let parent = spec.Parent || resource.parent || "";
  if (spec.NoParent || (parent && qualifiedType(parent) === ROOT_STACK)) parent = "";
  return createUrn(spec.Name || own.name, spec.Type || resource.type, parent, spec.Project || own.project, spec.Stack || own.stack);
}

/** inheritedChildAlias: a child's old URN under its parent's old URN. */
function inheritedAlias(child: { urn: string; type: string }, parent: string, parentAlias: string): string {
  const { stack, project, name } = parseUrn(child.urn, "alias");
  const parentName = parseUrn(parent, "alias").name;
  const aliasName = name.startsWith(parentName) ? parseUrn(parentAlias, "alias").name + name.slice(parentName.length) : name;
  const parentType = qualifiedType(parentAlias);
  const type = parentType && parentType !== ROOT_STACK ? `${parentType}$${child.type}` : child.type;
  return `urn:pulumi:${stack}::${project}::${type}::${aliasName}`;
}

export interface Aliased {
  urn: string;
  type: string;
  parent: string | null;
  /** Its own aliases as URNs. */
  aliases?: readonly string[] | undefined;
}

/**
 * For each resource of the change, the prior URN it is (its own, or the alias the engine would
 * pick), or nothing when it is new. Parents are resolved before their children.
 */
export function matchPriorUrns(resources: readonly Aliased[], prior: ReadonlySet<string>): Map<string, string> {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const matched = new Map<string, string | null>();
  const claimed = new Set<string>(resources.map((r) => r.urn).filter((u) => prior.has(u)));
  const resolve = (r: Aliased, depth: number): string | null => {
    if (matched.has(r.urn)) return matched.get(r.urn)!;
    if (prior.has(r.urn)) {
      matched.set(r.urn, r.urn);
      return r.urn;
    }
    const candidates = [...(r.aliases ?? [])];
    const parent = r.parent ? byUrn.get(r.parent) : undefined;
    if (parent && depth < 64) {
      const parentWas = resolve(parent, depth + 1);
      if (parentWas && parentWas !== parent.urn) {
        candidates.push(inheritedAlias(r, parent.urn, parentWas));
        for (const own of r.aliases ?? []) {
          const o = parseUrn(own, "alias");
          candidates.push(inheritedAlias({ urn: own, type: o.type }, parent.urn, parentWas));
        }
      }
    }
    const hit = candidates.find((c) => prior.has(c) && !claimed.has(c)) ?? null;
    if (hit) claimed.add(hit);
    matched.set(r.urn, hit);
    return hit;
  };
  const out = new Map<string, string>();
  for (const r of resources) {
    const was = resolve(r, 0);
    if (was) out.set(r.urn, was);
  }
  return out;
}
