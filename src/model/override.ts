// `--override <file>`: a narrow, reviewed, expiring way through one policy's findings on the
// exact resources someone looked at, bound to the exact input (its digest) they reviewed.
// Never a global switch: no wildcards, no policy-wide entries, no entry without an expiry.
import { z } from "zod";

export const OVERRIDE_FILE_VERSION = 1;

export const OverrideEntry = z.strictObject({
  /** The policy id whose findings this lets through. */
  policy: z.string().min(1),
  /** Exactly the resources reviewed; must equal the resources of the findings it covers. */
  urns: z
    .array(z.string().startsWith("urn:pulumi:"))
    .min(1)
    .refine((urns) => new Set(urns).size === urns.length, { message: "duplicate URN" }),
  /** `sha256:<hex>` of the preview or plan that was reviewed (the report's input.digest). */
  digest: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  /** Who approved; must not be the requester named in the intent. */
  approver: z.string().trim().min(1).max(200),
  reason: z.string().trim().min(10).max(2000),
  /** An RFC 3339 date-time with an offset, e.g. 2026-12-01T18:00:00Z. */
  expires: z.iso.datetime({ offset: true }),
});
export type OverrideEntry = z.infer<typeof OverrideEntry>;

export const OverrideFile = z.strictObject({
  version: z.literal(OVERRIDE_FILE_VERSION),
  overrides: z.array(OverrideEntry).min(1).max(1000),
});
export type OverrideFile = z.infer<typeof OverrideFile>;

/** What the report build needs to decide which overrides apply. */
export interface OverrideContext {
  entries: readonly OverrideEntry[];
  /** The intent's requester; null when no intent was given (then no override can apply). */
  requester: string | null;
  now: Date;
}
