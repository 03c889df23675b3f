// `npm run bench:intent -- [deletes] [actions] [input.json]`: the cost of intent matching. A --show-sames
// preview of 2 × deletes resources (tenant / site / app tags, every other resource deleted) is
// checked without an intent and with an intent of `actions` app targets (the deleted apps first,
// then apps the change keeps, half of them qualified by tenant), in one run. Prints the median
// of 3 runs of each: building the policy input, evaluating the policies, the sum. With a third
// argument it only writes the policy input (with the intent) there, for `opa eval --profile`.
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { readInputs } from "../check.js";
import { PolicyEvaluator } from "../engine/evaluate.js";
import { buildPolicyInput } from "../engine/input.js";
import { defaultConfig } from "../model/config.js";
import { intentSchema, toPolicyIntent, type PolicyIntent } from "../model/intent.js";

const stack = "urn:pulumi:prod::bench";
const provider = `${stack}::pulumi:providers:aws::default::4b3e5c1a-9f7d-4c1b-8a1e-0d2f6b7c8e9f`;
const TENANTS = 50;
const SITES = 500;

const tenantOf = (i: number) => `tenant-t${i % TENANTS}`;
const siteOf = (i: number) => `site-${i % SITES}`;

function resource(i: number): Record<string, unknown> {
  const type = i % 2 === 0 ? "aws:sqs/queue:Queue" : "aws:sns/topic:Topic";
  const tags = { "blastguard:tenant": tenantOf(i), "blastguard:site": siteOf(i), "blastguard:app": `app-${i}`, "blastguard:data-class": "internal" };
  const props = { name: `res-${i}`, tags, arn: `arn:aws:sqs:eu-west-1:123456789012:res-${i}` };
  return { urn: `${stack}::${type}::res-${i}`, custom: true, id: `res-${i}`, type, inputs: props, outputs: props, parent: `${stack}::pulumi:pulumi:Stack::bench-prod`, provider };
}

/** A --show-sames preview of 2 × deletes resources; the odd ones are deleted. */
export function intentPreview(deletes: number): string {
  const stackResource = { urn: `${stack}::pulumi:pulumi:Stack::bench-prod`, custom: false, type: "pulumi:pulumi:Stack" };
  const steps = [{ op: "same", urn: stackResource.urn, oldState: stackResource, newState: stackResource }];
  for (let i = 0; i < 2 * deletes; i++) {
    const r = resource(i);
    steps.push(i % 2 === 1 ? { op: "delete", urn: r["urn"] as string, oldState: r } as never : { op: "same", urn: r["urn"] as string, oldState: r, newState: r } as never);
  }
  return JSON.stringify({ steps, diagnostics: [], changeSummary: { same: deletes + 1, delete: deletes } });
}

/** An intent of `actions` app targets: every deleted app (as far as there are actions), then kept ones. */
export function bigIntent(deletes: number, actions: number): unknown {
  const apps = [...Array.from({ length: deletes }, (_, k) => 2 * k + 1), ...Array.from({ length: 2 * deletes }, (_, k) => 2 * k)];
  while (apps.length < actions) apps.push(2 * deletes + apps.length);
  return {
    requester: "bench",
    reason: "benchmark",
    actions: apps.slice(0, actions).map((i, k) => ({ action: "delete", target: k % 2 === 0 ? { kind: "app", id: `app-${i}` } : { kind: "app", id: `app-${i}`, tenant: tenantOf(i) } })),
  };
}

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}

async function main(): Promise<void> {
  const deletes = Number(process.argv[2] ?? 5000);
  const actions = Number(process.argv[3] ?? 10000);
  const config = defaultConfig();
  const dir = fileURLToPath(new URL("../../../.bench/", import.meta.url));
  mkdirSync(dir, { recursive: true });
  const file = `${dir}intent-preview.json`;
  writeFileSync(file, intentPreview(deletes));
  const intent: PolicyIntent = toPolicyIntent(intentSchema(config.scopes).parse(bigIntent(deletes, actions)), config.scopes);
  const change = await readInputs(file, {}, config);
  const out = process.argv[4];
  if (out) {
    // the policy input with the intent, for `opa eval --profile`
    writeFileSync(out, JSON.stringify(buildPolicyInput(change, config, intent)));
    return;
  }
  const evaluator = new PolicyEvaluator();
  try {
    for (const [label, given] of [["no intent", null], [`intent of ${actions} actions`, intent]] as const) {
      const build: number[] = [];
      const evaluate: number[] = [];
      let findings = 0;
      for (let run = 0; run < 3; run++) {
        let t = performance.now();
        const input = buildPolicyInput(change, config, given);
        build.push(performance.now() - t);
        t = performance.now();
        findings = (await evaluator.evaluate(input, 600_000)).findings.length;
        evaluate.push(performance.now() - t);
      }
      const b = median(build);
      const e = median(evaluate);
      console.log(`${deletes} deletes, ${label}: input ${b.toFixed(0)} ms, policies ${e.toFixed(0)} ms, total ${(b + e).toFixed(0)} ms (${findings} findings)`);
    }
  } finally {
    evaluator.close();
  }
}

await main();
