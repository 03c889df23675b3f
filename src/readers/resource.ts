// Pulumi's resource state objects (state files' ResourceV3, a digest's oldState/newState, an
// event's old/new metadata) share one shape; this turns any of them into the model's fields.
import { z } from "zod";
import { InputError } from "../errors.js";
import type { ResourceKind, ResourceState } from "../model/changeset.js";
import { PULUMI_UNKNOWN, UNKNOWN } from "../model/values.js";
import { POLICY_PROPERTY_KEYS } from "../model/fields.js";
import { pickProperties, readFlag } from "./properties.js";

const Bag = z.record(z.string(), z.unknown());

export const PulumiState = z.looseObject({
  urn: z.string(),
  type: z.string().optional(),
  custom: z.boolean().optional(),
  id: z.unknown().optional(),
  parent: z.string().optional(),
  provider: z.string().optional(),
  protect: z.unknown().optional(),
  retainOnDelete: z.unknown().optional(),
  external: z.boolean().optional(),
  delete: z.boolean().optional(),
  deletedWith: z.string().optional(),
  inputs: Bag.nullish(),
  outputs: Bag.nullish(),
  sourcePosition: z.string().optional(),
  propertyDependencies: z.record(z.string(), z.array(z.string()).nullable()).nullish(),
});
export type PulumiState = z.infer<typeof PulumiState>;

export interface UrnParts {
  stack: string;
  project: string;
  type: string;
  name: string;
}

/** Parses a URN as Pulumi does: the name is everything after the third "::". */
export function parseUrn(urn: string, where: string): UrnParts {
  const bad = () => new InputError(`${where}: a resource URN is malformed`);
  const PREFIX = "urn:pulumi:";
  if (!urn.startsWith(PREFIX)) throw bad();
  // The first three "::" end the stack, the project and the qualified type, as split("::") finds them.
  const a = urn.indexOf("::", PREFIX.length);
  const b = a < 0 ? -1 : urn.indexOf("::", a + 2);
  const c = b < 0 ? -1 : urn.indexOf("::", b + 2);
  if (c < 0) throw bad();
  const qualifiedType = urn.slice(b + 2, c);
  const type = qualifiedType.slice(qualifiedType.lastIndexOf("$") + 1);
  if (!type) throw bad();
  return { stack: urn.slice(PREFIX.length, a), project: urn.slice(a + 2, b), type, name: urn.slice(c + 2) };
}

export function resourceKind(type: string, custom: boolean | undefined): ResourceKind {
  if (type === "pulumi:pulumi:Stack") return "stack";
  if (type.startsWith("pulumi:providers:")) return "provider";
  // Unknown custom-ness (a plan's delete without a goal) counts as cloud: fail safe.
  return custom === false ? "component" : "cloud";
}

/** `<provider URN>::<id>` → the provider URN. */
export function providerUrn(ref: string | undefined): string | null {
  if (!ref) return null;
  const cut = ref.lastIndexOf("::");
  return cut > 0 ? ref.slice(0, cut) : ref;
}

export type Side = "before" | "after";

/** The normalised state of one side of a change. Prior state trusts outputs; goals trust inputs. */
export function normaliseState(s: PulumiState, side: Side, where: string): ResourceState {
  const bags = side === "before" ? [s.outputs, s.inputs] : [s.inputs, s.outputs];
  let id: ResourceState["id"] = null;
  if (s.id === PULUMI_UNKNOWN) id = { ...UNKNOWN };
  else if (typeof s.id === "string" && s.id !== "") id = s.id;
  return {
    id,
    protect: readFlag(s.protect, where),
    retain_on_delete: readFlag(s.retainOnDelete, where),
    external: s.external === true,
    deleted_with: s.deletedWith || null,
    props: pickProperties(bags, where),
    ...propertyRefs(s.propertyDependencies),
  };
}

/** The URNs each policy property depends on (only properties policies read, only non-empty lists). */
export function propertyRefs(deps: Record<string, string[] | null> | null | undefined): { refs?: Record<string, string[]> } {
  if (!deps) return {};
  let refs: Record<string, string[]> | undefined;
  for (const key of Object.keys(deps)) {
    const list = deps[key];
    // Only POLICY_PROPERTY_KEYS are set (never "__proto__"), so plain assignment is safe.
    if (list && list.length > 0 && POLICY_PROPERTY_KEYS.has(key)) (refs ??= {})[key] = [...list];
  }
  return refs ? { refs } : {};
}
