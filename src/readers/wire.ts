// What the analyzer protocol hands a policy pack, before @pulumi/policy rewrites it: per resource
// its URN, type, parent, provider, `protect`, and its properties in the gRPC wire form. The wire
// form differs from a state file's in two ways, undone here so the readers' own helpers
// (pickProperties, sanitize) treat secrets and unknowns exactly as they do for every other input:
// - a secret carries its value in the clear under `value`; it is dropped here, at once, and the
//   secret becomes the state-file form (whose content sanitize never reads);
// - an unknown may be any of the SDK's typed sentinels, not only the string one.
import { PULUMI_UNKNOWN, SIG, SIG_KEY } from "../model/values.js";

/** One resource of the goal the engine passes to AnalyzeStack (the stack after the change). */
export interface AnalyzedResource {
  urn: string;
  type: string;
  name: string;
  parent: string | null;
  /** The provider resource's URN; only custom (cloud) resources and providers' users have one. */
  provider: string | null;
  protect: boolean;
  /** The prior URN the engine matched through an alias (empty when it kept its URN or is new). */
  aliases?: string[];
  /** Properties in state-file form (see stateForm): outputs where known, else the goal's inputs. */
  props: unknown;
  /** Per property, the URNs it depends on (Pulumi's propertyDependencies). */
  propertyDependencies: Record<string, string[]>;
}

/** The typed unknown sentinels (the Pulumi SDK's unknown{Boolean,Number,...}Value). */
const UNKNOWN_SENTINELS = new Set([
  PULUMI_UNKNOWN,
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
  "030794c1-ac77-496b-92df-f27374a8bd58",
  "e48ece36-62e2-4504-bad9-02848725956a",
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

/** A secret as a state file stores it; the placeholder text is never read (sanitize → "[secret]"). */
const SECRET_STATE_FORM = Object.freeze({ [SIG_KEY]: SIG.secret, ciphertext: "" });

/** The wire form of a property value, rewritten to the state-file form the readers take. */
export function stateForm(value: unknown): unknown {
  if (typeof value === "string") return UNKNOWN_SENTINELS.has(value) ? PULUMI_UNKNOWN : value;
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(stateForm);
  const obj = value as Record<string, unknown>;
  if (Object.hasOwn(obj, SIG_KEY) && obj[SIG_KEY] === SIG.secret) return { ...SECRET_STATE_FORM };
  return Object.fromEntries(Object.keys(obj).map((k) => [k, stateForm(obj[k])]));
}
