// Engine event streams, one JSON event per line (`pulumi up/destroy/refresh --json`,
// `--event-log`, streaming previews). Steps come from pre-events; outputs events fill in the
// final state and tell what a refresh found. A stream without its summary event was cut short.
import { z } from "zod";
import { InputError } from "../errors.js";
import type { ChangeSet, Diagnostic } from "../model/changeset.js";
import { checkSummary, diagnostic, parseWith, stackConfig, stepOp } from "./common.js";
import { foldSteps, type RawStep } from "./fold.js";
import { PulumiState } from "./resource.js";

// Events omit `custom` when false (a component) and write "" for no parent.
const EventState = PulumiState.transform((s) => ({ ...s, custom: s.custom ?? false }));

const StepMetadata = z.looseObject({
  op: z.string(),
  urn: z.string(),
  type: z.string().optional(),
  old: EventState.nullish(),
  new: EventState.nullish(),
  provider: z.string().optional(),
});

const Event = z.looseObject({
  sequence: z.number().optional(),
  timestamp: z.number().optional(),
  preludeEvent: z.looseObject({ config: z.record(z.string(), z.unknown()).nullish() }).optional(),
  resourcePreEvent: z.looseObject({ metadata: StepMetadata }).optional(),
  resOutputsEvent: z.looseObject({ metadata: StepMetadata }).optional(),
  resOpFailedEvent: z.looseObject({ metadata: StepMetadata }).optional(),
  diagnosticEvent: z.looseObject({ urn: z.string().optional(), message: z.string(), severity: z.string() }).optional(),
  summaryEvent: z
    .looseObject({
      resourceChanges: z.record(z.string(), z.number().int().nonnegative()).nullish(),
      result: z.string().optional(),
      maybeCorrupt: z.boolean().optional(),
    })
    .optional(),
});

export function readEvents(lines: unknown[], label: string, digest: string): ChangeSet {
  const byKey = new Map<string, RawStep>();
  const diagnostics: Diagnostic[] = [];
  let config: Record<string, unknown> | undefined;
  let summary: Record<string, number> | undefined;
  let sawSummary = false;
  let failed = false;

  lines.forEach((line, i) => {
    const e = parseWith(Event, line, label, `engine event (line ${i + 1})`);
    if (e.preludeEvent) config = e.preludeEvent.config ?? undefined;
    if (e.diagnosticEvent) {
      const d = diagnostic(e.diagnosticEvent.severity, e.diagnosticEvent.urn, e.diagnosticEvent.message);
      if (d) diagnostics.push(d);
    }
    if (e.summaryEvent) {
      sawSummary = true;
      summary = e.summaryEvent.resourceChanges ?? undefined;
      if (e.summaryEvent.result === "failed" || e.summaryEvent.maybeCorrupt === true) failed = true;
    }
    if (e.resOpFailedEvent) failed = true;
    const pre = e.resourcePreEvent?.metadata;
    if (pre) {
      const op = stepOp(pre.op, label, `line ${i + 1}`);
      const key = `${op} ${pre.urn}`;
      if (!byKey.has(key)) byKey.set(key, { op, urn: pre.urn, old: pre.old ?? null, new: pre.new ?? null, provider: pre.provider });
    }
    const out = e.resOutputsEvent?.metadata;
    if (out) {
      const op = stepOp(out.op, label, `line ${i + 1}`);
      const step = byKey.get(`${op} ${out.urn}`);
      const refresh = byKey.get(`refresh ${out.urn}`);
      if (step && !(op === "refresh" && !out.new)) {
        step.new = out.new ?? step.new;
      } else if (refresh) {
        // The outputs of a refresh say what it found: gone (deleted outside Pulumi) or changed.
        if (op === "delete" || !out.new) refresh.gone = true;
        else refresh.new = out.new;
      } else {
        byKey.set(`${op} ${out.urn}`, { op, urn: out.urn, old: out.old ?? null, new: out.new ?? null, provider: out.provider });
      }
    }
  });
  if (!sawSummary) throw new InputError(`${label}: event stream has no summary event (cut short or still running)`);
  const { resources, steps } = foldSteps([...byKey.values()], label);
  checkSummary(summary, steps, resources, label);
  return {
    source: { format: "events", stack_config: stackConfig(config), failed: failed || diagnostics.some((d) => d.severity === "error"), digest },
    // The engine reports a step for every resource, unchanged ones included.
    inventory: { complete: true, max_prior_resources: resources.filter((r) => r.before !== null).length },
    steps,
    resources,
    diagnostics,
  };
}
