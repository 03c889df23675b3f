// The intent manifest (`--intent <file>`): who asks for a change, why, and which units it means
// to delete, each target typed by its scope level. The schema is built from the configured
// levels, so target kinds and ID formats follow blastguard.yaml. Unknown keys are refused.
//
// An ID must have the format of SOME level: one that fits no level is a typo and refused here.
// An ID that fits another level's format than the one it is declared as (a site ID listed as an
// app ID) is accepted on purpose: that is the incident this guard exists for, and the
// id-kind-mismatch and scope-escalation policies report it against what the plan deletes.
import { z } from "zod";
import type { Scopes } from "./config.js";

/** Declares a stack-wide (`shared`) resource by its Pulumi resource name. */
export const SHARED_KIND = "shared";

export function intentSchema(scopes: Scopes) {
  const names = scopes.levels.map((l) => l.name);
  const patterns = scopes.levels.map((l) => new RegExp(l.idPattern));
  const rank = new Map(names.map((n, i) => [n, i]));
  const qualifiers: Record<string, z.ZodOptional<z.ZodString>> = Object.fromEntries(names.map((n) => [n, z.string().min(1).optional()]));
  const kinds = [SHARED_KIND, ...names] as [string, ...string[]];
  const Target = z
    .strictObject({ kind: z.enum(kinds), id: z.string().min(1), ...qualifiers })
    .superRefine((target, ctx) => {
      const t = target as { kind: string; id: string } & Record<string, string | undefined>;
      if (t.kind === SHARED_KIND) {
        for (const n of names) if (t[n] !== undefined) ctx.addIssue({ code: "custom", path: [n], message: "a shared target takes no unit qualifiers" });
        return;
      }
      if (!patterns.some((p) => p.test(t.id))) {
        ctx.addIssue({ code: "custom", path: ["id"], message: `matches no level's ID format (a ${t.kind} ID must match ${scopes.levels[rank.get(t.kind)!]!.idPattern})` });
      }
      for (const n of names) {
        const q = t[n];
        if (q === undefined) continue;
        const r = rank.get(n)!;
        if (r >= rank.get(t.kind)!) ctx.addIssue({ code: "custom", path: [n], message: `a ${t.kind} target may only name its outer units` });
        else if (!patterns[r]!.test(q)) ctx.addIssue({ code: "custom", path: [n], message: `must match ${scopes.levels[r]!.idPattern}` });
      }
    });
  return z
    .strictObject({
      version: z.literal(1).default(1),
      requester: z.string().min(1),
      reason: z.string().min(1).optional(),
      ticket: z.string().min(1).optional(),
      actions: z.array(z.strictObject({ action: z.literal("delete"), target: Target })).min(1),
    })
    .superRefine((intent, ctx) => {
      if (intent.reason === undefined && intent.ticket === undefined) {
        ctx.addIssue({ code: "custom", path: ["reason"], message: "give a reason or a ticket" });
      }
    });
}

export type Intent = z.infer<ReturnType<typeof intentSchema>>;
/** kind, id, and optional outer unit IDs keyed by level name. */
export type IntentTarget = { kind: string; id: string } & Record<string, string | undefined>;

/** The intent as the policies read it: each action also lists the levels whose format its ID has. */
export interface PolicyIntent {
  requester: string;
  reason: string | null;
  ticket: string | null;
  actions: { action: "delete"; target: IntentTarget; id_formats: string[] }[];
}

export function toPolicyIntent(intent: Intent, scopes: Scopes): PolicyIntent {
  const patterns = scopes.levels.map((l) => [l.name, new RegExp(l.idPattern)] as const);
  return {
    requester: intent.requester,
    reason: intent.reason ?? null,
    ticket: intent.ticket ?? null,
    actions: intent.actions.map((a) => ({
      action: a.action,
      target: a.target,
      id_formats: a.target.kind === SHARED_KIND ? [] : patterns.filter(([, p]) => p.test(a.target.id)).map(([n]) => n),
    })),
  };
}
