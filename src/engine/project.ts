// What Wasm receives: each resource projected down to the fields the policies read, as the bundle
// itself declares them (policies/lib/reads.rego, compiled in as a second entrypoint and read once
// as the engine loads), and only the scope units a policy can look at. Everything else the host
// keeps (ARNs, regions, replication rules, source positions) feeds the TypeScript facts and the
// reports; the Wasm engine would only parse, allocate and hash it. The Rego tests project their
// documents the same way (lib/testing.rego), so a policy that reads another field fails its tests.
import { z } from "zod";
import type { Value } from "../model/changeset.js";
import type { PolicyInput } from "./input.js";

/** The entrypoint that returns policies/lib/reads.rego's `fields`. */
export const READS_ENTRYPOINT = "blastguard/lib/reads/fields";

export const Reads = z.strictObject({
  resource: z.array(z.string()),
  state: z.array(z.string()),
  properties: z.array(z.string()),
  tag_properties: z.array(z.string()),
  ref_properties: z.array(z.string()),
});
export type Reads = z.infer<typeof Reads>;

type Resource = PolicyInput["resources"][number];
type State = NonNullable<Resource["before"]>;
type Projected = Record<string, unknown>;

const isMap = (v: unknown): v is Record<string, Value> => typeof v === "object" && v !== null && !Array.isArray(v);
const isUnknown = (v: Record<string, Value>) => v["$unknown"] === true && Object.keys(v).length === 1;

/** A tag bag down to the one tag the policies read: a map keeps that key, a list of {key, value} its entries. */
function tagBag(bag: Value, tagKey: string): Value {
  if (Array.isArray(bag)) return bag.filter((e) => isMap(e) && e["key"] === tagKey);
  if (!isMap(bag) || isUnknown(bag)) return bag;
  return Object.hasOwn(bag, tagKey) ? { [tagKey]: bag[tagKey]! } : {};
}

/** A function that projects one resource, for a bundle's reads and the configured data-class tag key. */
export function resourceProjector(reads: Reads, tagKey: string): (r: Resource) => Projected {
  const properties = new Set(reads.properties);
  const tagProperties = new Set(reads.tag_properties);
  const stateFields = reads.state.filter((f) => f !== "props" && f !== "refs");
  const keepProps = reads.state.includes("props");
  const keepRefs = reads.state.includes("refs");
  const projectState = (s: State | null): Projected | null => {
    if (s === null) return null;
    const out: Projected = {};
    const source = s as unknown as Record<string, unknown>;
    for (const f of stateFields) if (source[f] !== undefined) out[f] = source[f];
    if (keepProps) {
      const props: Record<string, Value> = {};
      for (const k in s.props) {
        if (properties.has(k)) props[k] = s.props[k]!;
        else if (tagProperties.has(k)) props[k] = tagBag(s.props[k]!, tagKey);
      }
      out["props"] = props;
    }
    if (keepRefs && s.refs) {
      const refs: Record<string, string[]> = {};
      let any = false;
      for (const k of reads.ref_properties) {
        if (Object.hasOwn(s.refs, k)) {
          refs[k] = s.refs[k]!;
          any = true;
        }
      }
      if (any) out["refs"] = refs;
    }
    return out;
  };
  const fields = reads.resource.filter((f) => f !== "before" && f !== "after");
  const keepBefore = reads.resource.includes("before");
  const keepAfter = reads.resource.includes("after");
  return (r) => {
    const out: Projected = {};
    const source = r as unknown as Record<string, unknown>;
    for (const f of fields) if (source[f] !== undefined) out[f] = source[f];
    if (keepBefore) out["before"] = projectState(r.before);
    if (keepAfter) out["after"] = projectState(r.after);
    return out;
  };
}

/**
 * The units a policy can look at: those the change removes a cloud resource from (the scope rules
 * start from `deleted > 0`), and those an intent target resolves to (looked up by key).
 */
export function unitsRead(input: Pick<PolicyInput, "units" | "intent">): PolicyInput["units"] {
  const named = new Set<string>();
  for (const a of input.intent?.actions ?? []) {
    const res = a.resolution;
    for (const k of res.declared) named.add(k);
    for (const keys of Object.values(res.matches)) for (const k of keys) named.add(k);
    for (const m of res.misqualified) named.add(m.key);
  }
  return input.units.filter((u) => u.removed > 0 || named.has(u.key));
}

/** The document Wasm evaluates: the policy input with its resources projected and its units narrowed. */
export function projectPolicyInput(input: PolicyInput, reads: Reads | null): object {
  if (reads === null) return input; // a bundle that declares no reads gets everything
  const project = resourceProjector(reads, input.config.dataClass.tagKey);
  return { ...input, resources: input.resources.map(project), units: unitsRead(input) };
}
