// Small pieces every reader shares: zod errors as safe messages, op validation, diagnostics,
// stack config and the change-summary consistency check.
import type { z } from "zod";
import { InputError } from "../errors.js";
import { StepOp, type Diagnostic, type Resource, type Step, type Value } from "../model/changeset.js";
import { SECRET } from "../model/values.js";
import { compileCheck } from "./fast-check.js";
import { safeIssuePath } from "./issue-path.js";

const checks = new WeakMap<z.ZodType, ((value: unknown) => boolean) | null>();

/**
 * Validates with zod; the error names the first failing field path, never its value. A value the
 * schema's non-copying check accepts is returned as it is (see fast-check.ts).
 */
export function parseWith<T extends z.ZodType>(schema: T, value: unknown, label: string, what: string): z.infer<T> {
  if (!checks.has(schema)) checks.set(schema, compileCheck(schema));
  if (checks.get(schema)?.(value)) return value as z.infer<T>;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = safeIssuePath(schema, issue?.path ?? []);
  throw new InputError(`${label}: not a valid ${what}: field ${path}: ${issue?.code ?? "invalid"}`);
}

const knownOps: ReadonlySet<string> = new Set(StepOp.options);

export function stepOp(op: string, label: string, where: string): StepOp {
  if (!knownOps.has(op)) throw new InputError(`${label}: ${where} has an unknown step op`);
  return op as StepOp;
}

/** The engine's closing line of a failed run, which names no cause of its own. */
const CLOSING_LINE = /^(error: )?(preview|update|destroy|refresh|import) failed$/;

/** Engine messages can quote values: keep only what they are about, never their text. */
export function diagnostic(severity: string, urn: string | undefined, message: string): Diagnostic | null {
  if (severity !== "error" && severity !== "warning") return null;
  if (severity === "warning") return { severity, urn: urn || null, kind: "warning" };
  const refused = message.includes("cannot be deleted") && message.includes("protected");
  // Event streams keep the engine's colour directives (`<{%reset%}>`) in the text.
  const closing = CLOSING_LINE.test(message.replace(/<\{%[^%]*%\}>/g, "").trim().toLowerCase());
  return { severity, urn: urn || null, kind: refused ? "protected-delete-refused" : closing ? "failed" : "error" };
}

/** Stack config for policies; anything that is not a plain string is treated as a secret. */
export function stackConfig(config: Record<string, unknown> | undefined): Record<string, Value> {
  const entries = Object.entries(config ?? {}).map(([k, v]): [string, Value] => [k, typeof v === "string" ? v : SECRET]);
  return Object.fromEntries(entries);
}

const summarisedOps = ["create", "update", "delete", "replace", "import", "read", "discard"] as const;

/**
 * A change summary that counts more of an op than the steps list is an inconsistent (cut or
 * edited) input. More steps than the summary counts is normal: failed steps are not counted.
 */
export function checkSummary(summary: Record<string, number> | undefined, steps: readonly Step[], resources: readonly Resource[], label: string): void {
  if (!summary) return;
  const urnsByOp = new Map<string, Set<string>>();
  for (const s of steps) {
    const urns = urnsByOp.get(s.op);
    if (urns) urns.add(s.urn);
    else urnsByOp.set(s.op, new Set([s.urn]));
  }
  for (const op of summarisedOps) {
    const claimed = summary[op] ?? 0;
    const distinct = urnsByOp.get(op)?.size ?? 0;
    const listed = op === "delete" ? distinct + resources.filter((r) => r.op === "gone").length : distinct;
    if (claimed > listed) throw new InputError(`${label}: inconsistent input: its summary counts ${claimed} ${op} steps but ${listed} are listed`);
  }
}

/** An upper bound on the resources that existed before the change, from the summary. */
export function maxPriorFromSummary(summary: Record<string, number> | undefined, resources: readonly Resource[]): number {
  const listedPrior = resources.filter((r) => r.before !== null).length;
  if (!summary) return listedPrior;
  const fromSummary = Object.entries(summary).reduce((n, [op, c]) => (op === "create" ? n : n + c), 0);
  const uncountedDeletes = Math.max(0, resources.filter((r) => r.op === "delete").length - (summary.delete ?? 0));
  return Math.max(listedPrior, fromSummary + uncountedDeletes);
}
