// One stack of the fleet: its current state read (a file, or `pulumi stack export`), judged by
// the same evaluation as `blastguard check`, and reduced to what the audit keeps: the report and
// the customer-data stores with their tenants. A stack that cannot be read or judged becomes a
// result with its one-line error, so the rest of the fleet is still reported (and the audit
// exits 2).
import { realpathSync } from "node:fs";
import { evaluateChangeSet } from "../check.js";
import { describeUnexpected, EvaluationError, InputError } from "../errors.js";
import type { Config } from "../model/config.js";
import type { FailOn } from "../model/report.js";
import type { PolicyEvaluator } from "../engine/evaluate.js";
import { readChangeSet, readFileLimited, type ReadLimits } from "../readers/index.js";
import type { StackResult, Target } from "./model.js";
import type { ContextStack } from "./context.js";
import { exportStack } from "./pulumi.js";

function limitsOf(config: Config): ReadLimits {
  return { maxBytes: config.limits.maxInputBytes, maxDepth: config.limits.maxDepth };
}

/** The context stacks for one target: all but the target itself (a fleet may list its platform stack too). */
function contextFor(target: Target, context: readonly ContextStack[]): ContextStack[] {
  if (context.length === 0) return [];
  const identity = target.kind === "file" ? realpathSync(target.id) : target.id;
  return context.filter((c) => c.identity !== identity);
}

async function judge(target: Target, config: Config, evaluator: PolicyEvaluator, context: readonly ContextStack[], failOn: FailOn): Promise<StackResult> {
  const limits = limitsOf(config);
  const label = target.kind === "file" ? target.id : `pulumi stack export --stack ${target.id}`;
  const bytes = target.kind === "file" ? await readFileLimited(target.id, limits) : await exportStack(target.id, limits.maxBytes);
  const change = readChangeSet(bytes, label, { limits });
  if (change.source.format !== "state" && change.source.format !== "checkpoint") {
    throw new InputError(`${label}: an audit reads stack exports or checkpoints, not a ${change.source.format}`);
  }
  const { report, posture } = await evaluateChangeSet(change, label, { config, evaluator, context: contextFor(target, context), failOn });
  if (!posture) throw new EvaluationError("the policy bundle does not list the customer-data stores it judged");
  const stores = posture.stores;
  const judged = new Set(stores.map((s) => s.urn));
  const others = [...new Set(report.findings.map((f) => f.urn))]
    .filter((urn) => urn !== "" && !judged.has(urn))
    .map((urn) => ({ urn, tenant: posture.tenantOf(urn) }));
  const byUrn = (a: { urn: string }, b: { urn: string }) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0);
  const stackName = /^urn:pulumi:(.+?::.+?)::/.exec(change.resources[0]?.urn ?? "")?.[1] ?? null;
  return { target, report, error: null, stackName, stores: stores.sort(byUrn), others: others.sort(byUrn) };
}

/** `failOn` as for check: with "warning", a stack with an open warning is blocked, in every format. */
export async function auditStack(target: Target, config: Config, evaluator: PolicyEvaluator, context: readonly ContextStack[] = [], failOn: FailOn = "violation"): Promise<StackResult> {
  try {
    return await judge(target, config, evaluator, context, failOn);
  } catch (e) {
    return { target, report: null, error: describeUnexpected(e).replace(/\s*\n\s*/g, " "), stackName: null, stores: [], others: [] };
  }
}
