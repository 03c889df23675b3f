// A resource's state in each view of the change, and where it lives. The rules are those the
// policies used before the copy facts moved here: a region comes from the resource's ARN, then its
// own `region` property (@pulumi/aws 7 gives every resource one), then its provider's `region`,
// then the stack's `aws:region`; an account comes from the ARN only. null means unknown.
import type { Resource, ResourceState, Value } from "../model/changeset.js";
import { isUnknown } from "../model/values.js";

export type View = "before" | "after";
export type Props = Record<string, Value>;

/** A known, non-empty string: not unknown at preview, not a secret. */
export function knownString(v: Value | undefined): v is string {
  return typeof v === "string" && v !== "" && v !== "[secret]";
}

export function isMap(v: Value | undefined): v is { [key: string]: Value } {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !isUnknown(v);
}

/** The items of a list-or-object property; an unknown value is one unknown item. */
export function items(v: Value | undefined): Value[] {
  if (Array.isArray(v)) return v;
  if (isUnknown(v)) return [v as Value];
  if (isMap(v)) return [v];
  return [];
}

/** A field of an object: undefined when absent, the unknown marker when the object is unknown. */
export function field(obj: Value | undefined, key: string): Value | undefined {
  if (isUnknown(obj)) return obj;
  return isMap(obj) ? obj[key] : undefined;
}

export const isUnknownValue = (v: Value | undefined): boolean => isUnknown(v) || v === "[secret]";

const ARN_KEEPING_OPS = new Set(["same", "update", "refresh", "read", "import"]);

/**
 * The state of a resource in a view. Before: its prior state. After: its goal state, except that
 * an unchanged resource is read from its prior state (a preview's goal lacks outputs), and an
 * update keeps its prior id while the new one is unknown.
 */
export function viewState(r: Resource, view: View): ResourceState | null {
  if (r.kind !== "cloud") return null;
  if (view === "before") return r.before;
  if (r.after === null) return null;
  if (r.op === "same" && r.before !== null) return r.before;
  if (ARN_KEEPING_OPS.has(r.op) && r.before !== null && !knownString(r.after.id as Value)) return { ...r.after, id: r.before.id };
  return r.after;
}

function stateArn(state: ResourceState | null): string | null {
  if (!state) return null;
  const arn = state.props["arn"];
  if (knownString(arn)) return arn;
  const id = state.id;
  if (typeof id === "string" && id.startsWith("arn:")) return id;
  return null;
}

/** The resource's ARN in a state; an in-place update keeps its prior ARN. */
export function resourceArn(r: Resource, state: ResourceState): string | null {
  return stateArn(state) ?? (ARN_KEEPING_OPS.has(r.op) ? stateArn(r.before) : null);
}

/** Field i (3: region, 4: account) of an ARN with at least six fields; null when absent or empty. */
function arnPart(arn: string | null, i: 3 | 4): string | null {
  if (arn === null || !arn.startsWith("arn:")) return null;
  let start = 3; // the colon after "arn"
  for (let k = 1; k < i && start >= 0; k++) start = arn.indexOf(":", start + 1);
  if (start < 0) return null;
  const end = arn.indexOf(":", start + 1);
  if (end < 0 || (i === 3 && arn.indexOf(":", end + 1) < 0)) return null;
  return end === start + 1 ? null : arn.slice(start + 1, end);
}

export const arnRegion = (arn: string | null): string | null => arnPart(arn, 3);
export const arnAccount = (arn: string | null): string | null => arnPart(arn, 4);

/** Regions of providers and of the stack, for resources whose state names none. */
export class Locator {
  private readonly providers = new Map<string, Resource>();
  constructor(resources: readonly Resource[], private readonly stackConfig: Record<string, Value>) {
    for (const r of resources) if (r.kind === "provider") this.providers.set(r.urn, r);
  }

  region(r: Resource, state: ResourceState, arn: string | null): string | null {
    const fromArn = arnRegion(arn);
    if (fromArn !== null) return fromArn;
    const own = state.props["region"];
    if (knownString(own)) return own;
    if (own !== undefined && own !== null) return null;
    return this.providerRegion(r);
  }

  private providerRegion(r: Resource): string | null {
    const p = r.provider === null ? undefined : this.providers.get(r.provider);
    if (p) {
      const pr = (p.after ?? p.before)?.props["region"];
      if (knownString(pr)) return pr;
      if (pr !== undefined && pr !== null) return null;
    }
    const usesStack = r.provider === null || p !== undefined || (r.provider.split("::").pop() ?? "").startsWith("default");
    const stack = this.stackConfig["aws:region"];
    return usesStack && knownString(stack) ? stack : null;
  }
}

/** Tags as one map: tagsAll, overlaid by tags, then GCP-style `labels`; list-form tags (aws-native) read too. */
export function tagsOf(props: Props): Map<string, Value> {
  const out = new Map<string, Value>();
  for (const key of ["labels", "tagsAll", "tags"]) {
    const bag = props[key];
    if (isMap(bag)) for (const [k, v] of Object.entries(bag)) out.set(k, v);
    else if (Array.isArray(bag)) {
      for (const t of bag) {
        const k = field(t, "key");
        if (knownString(k)) out.set(k, field(t, "value") ?? null);
      }
    }
  }
  return out;
}

/** One tag's value, read as tagsOf reads it (tags over tagsAll over labels), without building the map. */
export function tagValue(props: Props, key: string): Value | undefined {
  for (const bag of [props["tags"], props["tagsAll"], props["labels"]]) {
    if (isMap(bag)) {
      if (Object.hasOwn(bag, key)) return bag[key];
    } else if (Array.isArray(bag)) {
      for (const t of bag) if (field(t, "key") === key) return field(t, "value") ?? null;
    }
  }
  return undefined;
}
