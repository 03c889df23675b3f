// Folds the steps Pulumi reports (one or several per resource: a replacement can be one
// `replace` step or three split steps) into one entry per resource with what the change does
// to it. Shared by the preview, event-stream and plan readers.
import type { Resource, ResourceOp, ResourceState, Step, StepOp } from "../model/changeset.js";
import { readFlag, validateProperties } from "./properties.js";
import { normaliseState, parseUrn, providerUrn, resourceKind, type PulumiState } from "./resource.js";

export interface RawStep {
  op: StepOp;
  urn: string;
  old: PulumiState | null;
  new: PulumiState | null;
  /** The step's provider reference, when the states do not carry one. */
  provider?: string | undefined;
  /** A refresh found the resource already deleted outside Pulumi. */
  gone?: boolean;
}

/** Decides the resource's op from the set of its step ops. Order matters: first match wins. */
function foldOps(ops: ReadonlySet<StepOp>, gone: boolean, external: boolean): ResourceOp {
  const has = (op: StepOp) => ops.has(op);
  if (has("delete-replaced")) return "replace";
  if (has("replace") || has("create-replacement") || has("import-replacement") || has("read-replacement")) {
    if (has("discard-replaced")) return has("import-replacement") ? "import" : has("read-replacement") ? "read" : "discard";
    // A default digest shows only `replace`: the old copy is deleted unless it was never ours.
    return external ? "discard" : "replace";
  }
  if (has("delete")) return external ? "discard" : "delete";
  if (has("discard") || has("discard-replaced")) return "discard";
  if (has("remove-pending-replace")) return "forget";
  if (has("create")) return "create";
  if (gone) return "gone";
  if (has("import")) return "import";
  if (has("read")) return "read";
  if (has("update")) return "update";
  if (has("refresh")) return "refresh";
  return "same";
}

// Which step's old/new state describes the resource best, most telling first.
const beforeOrder: StepOp[] = ["delete-replaced", "replace", "delete", "discard-replaced", "discard", "update", "same", "refresh"];
const afterOrder: StepOp[] = ["create-replacement", "import-replacement", "read-replacement", "replace", "create", "import", "read", "update", "same", "refresh"];

function pick(steps: RawStep[], order: StepOp[], side: "old" | "new"): PulumiState | null {
  if (steps.length === 1) return steps[0]![side] ?? null; // what the search below finds for one step
  for (const op of order) {
    const s = steps.find((x) => x.op === op && x[side]);
    if (s) return s[side];
  }
  return steps.find((x) => x[side])?.[side] ?? null;
}

/**
 * The goal state. An unchanged resource's goal in a --show-sames digest lists only inputs (no
 * id, no outputs such as arn or region): it is its prior state, with the goal's flags (protect
 * can change in a `same` step).
 */
function afterState(op: ResourceOp, before: ResourceState | null, next: PulumiState, where: string): ResourceState {
  if (op !== "same" || !before) return normaliseState(next, "after", where);
  validateBags(next, where);
  const protect = readFlag(next.protect, where);
  const retain = readFlag(next.retainOnDelete, where);
  // Unchanged flags (the usual case): the same state object before and after, as a state file's.
  if (protect === before.protect && retain === before.retain_on_delete) return before;
  return { ...before, protect, retain_on_delete: retain };
}

/**
 * Every state the input carries is checked (a malformed secret or an unknown signature fails the
 * read), also those the model does not copy: an unchanged step's goal, the other halves of a
 * replacement.
 */
function validateBags(state: PulumiState, where: string): void {
  validateProperties(state.inputs, where);
  validateProperties(state.outputs, where);
}

export function foldSteps(raw: readonly RawStep[], where: string): { resources: Resource[]; steps: Step[] } {
  // A rename through aliases reports some steps under the old URN: key everything by the new one.
  const alias = new Map<string, string>();
  for (const s of raw) {
    if (s.old && s.new && s.old.urn !== s.new.urn) alias.set(s.old.urn, s.new.urn);
  }
  const byIdentity = new Map<string, RawStep[]>();
  for (const s of raw) {
    const id = alias.get(s.urn) ?? s.urn;
    const list = byIdentity.get(id);
    if (list) list.push(s);
    else byIdentity.set(id, [s]);
  }
  const resources: Resource[] = [];
  const renamedFrom = new Map([...alias].map(([from, to]) => [to, from]));
  for (const [urn, steps] of byIdentity) {
    const parts = parseUrn(urn, where);
    const was = renamedFrom.get(urn);
    const old = pick(steps, beforeOrder, "old");
    const before = old ? normaliseState(old, "before", where) : null;
    const next = pick(steps, afterOrder, "new");
    const ops = new Set(steps.map((s) => s.op));
    const op = foldOps(ops, steps.some((s) => s.gone), (old ?? next)?.external === true);
    for (const s of steps) {
      if (s.old && s.old !== old) validateBags(s.old, where);
      if (s.new && (s.new !== next || op === "delete")) validateBags(s.new, where);
    }
    const state = next ?? old;
    const type = state?.type ?? parts.type;
    const custom = next?.custom ?? old?.custom;
    resources.push({
      urn,
      type,
      name: parts.name,
      kind: resourceKind(type, custom),
      parent: state?.parent || null,
      provider: providerUrn(state?.provider || steps[0]?.provider),
      op,
      before,
      // A resource a refresh found gone no longer exists after the change, whatever goal it had.
      after: next && op !== "delete" && op !== "gone" ? afterState(op, before, next, where) : null,
      source_position: state?.sourcePosition ?? null,
      ...(was ? { aliases: [was] } : {}),
    });
  }
  return { resources, steps: raw.map((s) => ({ urn: s.urn, op: s.op })) };
}
