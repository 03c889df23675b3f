// `pulumi preview --json`: one digest document. Also read when the preview itself failed (a
// refused protected delete still lists its steps): the steps, not the summary, are the truth.
import { z } from "zod";
import type { ChangeSet, Diagnostic } from "../model/changeset.js";
import { checkSummary, diagnostic, maxPriorFromSummary, parseWith, stackConfig, stepOp } from "./common.js";
import { foldSteps, type RawStep } from "./fold.js";
import { PulumiState } from "./resource.js";

const PreviewStep = z.looseObject({
  op: z.string(),
  urn: z.string(),
  provider: z.string().optional(),
  oldState: PulumiState.optional(),
  newState: PulumiState.optional(),
});

export const PreviewDigest = z.looseObject({
  steps: z.array(PreviewStep),
  changeSummary: z.record(z.string(), z.number().int().nonnegative()).optional(),
  diagnostics: z
    .array(z.looseObject({ urn: z.string().optional(), message: z.string(), severity: z.string() }))
    .nullish(),
  config: z.record(z.string(), z.unknown()).nullish(),
  maybeCorrupt: z.boolean().optional(),
});

export function readPreview(doc: unknown, label: string, digest: string): ChangeSet {
  const d = parseWith(PreviewDigest, doc, label, "preview digest");
  const raw: RawStep[] = d.steps.map((s, i) => ({
    op: stepOp(s.op, label, `step ${i}`),
    urn: s.urn,
    old: s.oldState ?? null,
    new: s.newState ?? null,
    provider: s.provider,
  }));
  const { resources, steps } = foldSteps(raw, label);
  checkSummary(d.changeSummary, steps, resources, label);
  const diagnostics = (d.diagnostics ?? []).map((x) => diagnostic(x.severity, x.urn, x.message)).filter((x): x is Diagnostic => x !== null);
  // Without --show-sames only the stack and protect-changed resources appear as `same`.
  const sameListed = steps.filter((s) => s.op === "same").length;
  const complete = d.changeSummary !== undefined && sameListed >= (d.changeSummary.same ?? 0);
  return {
    source: { format: "preview", stack_config: stackConfig(d.config ?? undefined), failed: d.maybeCorrupt === true || diagnostics.some((x) => x.severity === "error"), digest },
    inventory: { complete, max_prior_resources: maxPriorFromSummary(d.changeSummary, resources) },
    steps,
    resources,
    diagnostics,
  };
}
