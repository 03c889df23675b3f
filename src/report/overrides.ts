// Decides which --override entries apply to a report's findings. An entry applies only when
// every check passes: a second person approved it, it has not expired, it was reviewed on this
// very input (digest), and its URNs are exactly the resources of the findings it covers. An
// entry that fails any check changes nothing and is listed with every reason.
import type { OverrideContext, OverrideEntry } from "../model/override.js";
import type { Finding, RejectedOverride } from "../model/report.js";
import { mixesScripts, samePerson } from "./identity.js";

/** The resources a finding is about: its own URN, or the ones a change-wide finding counts. */
export function findingUrns(f: Finding): string[] {
  if (f.resources.length > 0) return f.resources;
  return f.urn ? [f.urn] : [];
}


function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The reasons an entry cannot apply, whatever the findings are. */
function entryReasons(entry: OverrideEntry, ctx: OverrideContext, digest: string, policies: ReadonlySet<string>): string[] {
  const reasons: string[] = [];
  if (!policies.has(entry.policy)) reasons.push(`no policy has the id ${entry.policy}`);
  if (mixesScripts(entry.approver)) reasons.push("the approver's name mixes writing systems (such as Latin and Cyrillic letters), so it cannot be told apart from a look-alike");
  if (ctx.requester !== null && mixesScripts(ctx.requester)) {
    reasons.push("the requester's name mixes writing systems (such as Latin and Cyrillic letters), so it cannot be told apart from a look-alike");
  }
  if (ctx.requester === null) {
    reasons.push("no intent names the requester, so the approval cannot be shown to come from someone else (give --intent)");
  } else if (samePerson(entry.approver, ctx.requester)) {
    reasons.push("approved by the requester of the change; an override needs a second person");
  }
  if (Date.parse(entry.expires) <= ctx.now.getTime()) reasons.push(`expired at ${entry.expires}`);
  if (entry.digest !== digest) reasons.push(`reviewed on another input (${entry.digest}); this input is ${digest}`);
  return reasons;
}

/** The findings an entry covers, or the reasons its URNs do not match them exactly. */
function matchFindings(entry: OverrideEntry, findings: readonly Finding[]): { covered: Finding[]; reasons: string[] } {
  const wanted = new Set(entry.urns);
  const covered: Finding[] = [];
  const reasons: string[] = [];
  const matched = new Set<string>();
  for (const f of findings) {
    if (f.policy !== entry.policy) continue;
    const urns = findingUrns(f);
    const inside = urns.filter((u) => wanted.has(u));
    if (inside.length === 0) continue;
    if (f.level === "undecided") {
      reasons.push("a finding the check could not decide cannot be overridden; give the missing input instead");
    } else if (inside.length < urns.length) {
      reasons.push(`covers ${inside.length} of the ${plural(urns.length, "resource")} of a ${entry.policy} finding; list exactly its resources`);
    } else {
      covered.push(f);
    }
    for (const u of inside) matched.add(u);
  }
  const extra = entry.urns.filter((u) => !matched.has(u));
  if (extra.length > 0) {
    reasons.push(`lists ${plural(extra.length, "URN")} that no ${entry.policy} finding of this input is about: ${extra.join(", ")}`);
  }
  return { covered, reasons };
}

export interface OverrideOutcome {
  findings: Finding[];
  rejected: RejectedOverride[];
}

/** Applies the entries that pass every check; returns new findings (inputs are not mutated). */
export function applyOverrides(
  findings: readonly Finding[],
  ctx: OverrideContext,
  digest: string,
  policies: ReadonlySet<string>,
): OverrideOutcome {
  const result = findings.map((f) => ({ ...f }));
  const rejected: RejectedOverride[] = [];
  for (const entry of ctx.entries) {
    const { covered, reasons: matchReasons } = matchFindings(entry, result);
    const reasons = [...entryReasons(entry, ctx, digest, policies), ...new Set(matchReasons)];
    if (reasons.length === 0 && covered.length === 0) reasons.push(`no ${entry.policy} finding of this input is about these resources`);
    if (reasons.length > 0) {
      rejected.push({ policy: entry.policy, urns: [...entry.urns].sort(), approver: entry.approver, reasons });
      continue;
    }
    for (const f of covered) {
      if (f.status === "overridden") continue;
      f.status = "overridden";
      f.override = { approver: entry.approver, reason: entry.reason, expires: entry.expires };
    }
  }
  return { findings: result, rejected };
}
