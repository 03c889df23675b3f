// The runbook's line in `npm run bench`: a preview that deletes 1,000 customer-data tables of 50
// tenants (each tenant's AWS Backup plan copies them to a vault in another region), checked once;
// then the time to build the runbook from the check's facts, serialise the plan and write the
// restore script, the work `--out-runbook` and `blastguard runbook` add.
import { defaultConfig } from "../model/config.js";
import type { PolicyEvaluator } from "../engine/evaluate.js";
import { buildPolicyInput } from "../engine/input.js";
import { DEFAULT_LIMITS } from "../readers/bytes.js";
import { readChangeSet } from "../readers/index.js";
import { buildRunbook } from "./build.js";
import { renderScript } from "./script.js";

const STACK = "urn:pulumi:prod::bench";
const ACCOUNT = "123456789012";
const TENANTS = 50;

function backupOf(t: number): Record<string, unknown>[] {
  const tenant = `tenant-${t}`;
  const vaultArn = `arn:aws:backup:eu-central-1:${ACCOUNT}:backup-vault:${tenant}-dr`;
  const planId = `plan-${t}`;
  const state = (type: string, name: string, outputs: Record<string, unknown>) => ({
    urn: `${STACK}::${type}::${name}`, custom: true, id: (outputs["id"] as string) ?? name, type, inputs: outputs, outputs, retainOnDelete: true,
  });
  return [
    state("aws:backup/vault:Vault", `${tenant}-dr`, { arn: vaultArn, name: `${tenant}-dr`, region: "eu-central-1" }),
    state("aws:backup/plan:Plan", `${tenant}-daily`, { id: planId, region: "eu-west-1", rules: [{ ruleName: "daily", targetVaultName: `${tenant}-main`, copyActions: [{ destinationVaultArn: vaultArn }] }] }),
    state("aws:backup/selection:Selection", `${tenant}-tables`, {
      id: `sel-${t}`, planId, region: "eu-west-1", iamRoleArn: `arn:aws:iam::${ACCOUNT}:role/backup`, resources: ["arn:aws:dynamodb:eu-west-1:*:table/*"],
      conditions: [{ stringEquals: [{ key: "aws:ResourceTag/blastguard:tenant", value: tenant }] }],
    }),
  ];
}

function table(i: number): Record<string, unknown> {
  const name = `table-${i}`;
  const tags = { "blastguard:tenant": `tenant-${i % TENANTS}`, "blastguard:site": `site-${i % 200}`, "blastguard:app": `app-${i}`, "blastguard:data-class": "customer" };
  const outputs = { arn: `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/${name}`, name, region: "eu-west-1", tags, tagsAll: tags, deletionProtectionEnabled: false };
  return { urn: `${STACK}::aws:dynamodb/table:Table::${name}`, custom: true, id: name, type: "aws:dynamodb/table:Table", inputs: outputs, outputs };
}

/** A `--show-sames` preview deleting `n` tables while every tenant's backup setup stays. */
export function runbookBenchPreview(n: number): string {
  const same = Array.from({ length: TENANTS }, (_, t) => backupOf(t)).flat().map((s) => ({ op: "same", urn: s.urn, oldState: s, newState: s }));
  const deletes = Array.from({ length: n }, (_, i) => table(i)).map((s) => ({ op: "delete", urn: s.urn, oldState: s }));
  return JSON.stringify({ config: { "aws:region": "eu-west-1" }, steps: [...same, ...deletes], changeSummary: { same: same.length, delete: n } });
}

export interface RunbookBench {
  stores: number;
  restorable: number;
  /** Median ms to build the runbook, serialise the plan and render the script. */
  ms: number;
}

export async function benchRunbook(n: number, evaluator: PolicyEvaluator, runs = 5): Promise<RunbookBench> {
  const config = defaultConfig();
  const change = readChangeSet(new TextEncoder().encode(runbookBenchPreview(n)), "runbook bench", { limits: DEFAULT_LIMITS });
  const input = buildPolicyInput(change, config);
  const { blastRadius } = await evaluator.evaluate(input, 60_000);
  if (!blastRadius) throw new Error("the policies gave no blast radius");
  const source = {
    label: "runbook bench", digest: change.source.digest, inventoryComplete: true, levels: config.scopes.levels.map((l) => l.name),
    resources: input.resources, destroyed: new Set(blastRadius.destroyed), customerData: new Set(blastRadius.customerData), copies: input.copies,
  };
  const times: number[] = [];
  let runbook = buildRunbook(source);
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    runbook = buildRunbook(source);
    JSON.stringify(runbook, null, 2);
    renderScript(runbook);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { stores: runbook.summary.stores, restorable: runbook.summary.restorable, ms: times[Math.floor(times.length / 2)]! };
}
