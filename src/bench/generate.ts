// Synthetic but realistic Pulumi inputs for the benchmark: a multi-tenant AWS stack whose
// resources carry inputs, outputs, tags, a secret, unknowns and a long policy document, written
// as Pulumi writes them (4-space indented JSON).
import { PULUMI_UNKNOWN, SIG, SIG_KEY } from "../model/values.js";

const stack = "urn:pulumi:prod::bench";
const provider = `${stack}::pulumi:providers:aws::default_7_0_0::4b3e5c1a-9f7d-4c1b-8a1e-0d2f6b7c8e9f`;
const types = ["aws:sns/topic:Topic", "aws:dynamodb/table:Table", "aws:iam/role:Role", "aws:lambda/function:Function", "aws:sqs/queue:Queue"];
const TABLE = 1; // every fifth resource is a customer-data table, set up the way the policies want

function resourceState(i: number, unknownOutputs: boolean): Record<string, unknown> {
  const type = types[i % types.length]!;
  const tenant = `tenant-${i % 50}`;
  const name = `res-${i}`;
  const isTable = i % types.length === TABLE;
  const tags = {
    "blastguard:tenant": tenant, "blastguard:site": `site-${i % 200}`, "blastguard:app": `app-${i}`,
    "blastguard:data-class": isTable ? "customer" : "internal", team: "platform", "cost-center": "cc-1234",
  };
  const inputs = {
    __defaults: ["name"],
    name: `${name}-a1b2c3d`,
    tags,
    description: `Resource ${i} of the benchmark stack, owned by ${tenant}`,
    policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: `arn:aws:s3:::${name}/*` }] }),
    deletionProtectionEnabled: isTable,
    ...(isTable ? { replicas: [{ regionName: "eu-central-1", pointInTimeRecovery: true }] } : {}),
    timeoutSeconds: 30 + (i % 60),
    environment: { variables: { STAGE: "prod", TABLE: `table-${i}`, API_KEY: { [SIG_KEY]: SIG.secret, ciphertext: "v1:Zm9vYmFyYmF6cXV4cXV1eA==:c2VjcmV0Y2lwaGVydGV4dA==" } } },
  };
  const outputs = unknownOutputs
    ? { ...inputs, arn: PULUMI_UNKNOWN, id: PULUMI_UNKNOWN, tagsAll: PULUMI_UNKNOWN }
    : { ...inputs, arn: `arn:aws:${type.split(":")[1]!.split("/")[0]}:eu-west-1:123456789012:${name}`, id: `${name}-a1b2c3d`, tagsAll: tags, region: "eu-west-1" };
  return {
    urn: `${stack}::${type}::${name}`,
    custom: true,
    id: `${name}-a1b2c3d`,
    type,
    inputs,
    outputs,
    parent: `${stack}::pulumi:pulumi:Stack::bench-prod`,
    protect: isTable,
    retainOnDelete: isTable,
    provider,
    propertyDependencies: { name: [], tags: [] },
    created: "2026-01-01T00:00:00Z",
    modified: "2026-01-01T00:00:00Z",
    sourcePosition: `project:///index.ts#${10 + (i % 400)},5`,
  };
}

const stackResource = { urn: `${stack}::pulumi:pulumi:Stack::bench-prod`, custom: false, type: "pulumi:pulumi:Stack" };
const providerResource = { urn: provider.slice(0, provider.lastIndexOf("::")), custom: true, id: provider.slice(provider.lastIndexOf("::") + 2), type: "pulumi:providers:aws", inputs: { region: "eu-west-1" }, outputs: { region: "eu-west-1" } };

/** A `pulumi stack export` of n resources (plus the stack and its provider). */
export function syntheticState(n: number): string {
  const resources = [stackResource, providerResource, ...Array.from({ length: n }, (_, i) => resourceState(i, false))];
  return JSON.stringify({ version: 3, deployment: { manifest: { time: "2026-01-01T00:00:00Z", magic: "bench", version: "v3.274.1" }, secrets_providers: { type: "passphrase", state: { salt: "v1:abc" } }, resources } }, null, 4);
}

/** A `pulumi preview --json --show-sames` digest of n steps: mostly same, some updates, deletes, replaces, creates. */
export function syntheticPreview(n: number): string {
  const summary: Record<string, number> = {};
  const steps = Array.from({ length: n }, (_, i) => {
    const op = i % 50 === 7 ? "delete" : i % 50 === 9 ? "replace" : i % 10 === 3 ? "update" : i % 25 === 5 ? "create" : "same";
    summary[op] = (summary[op] ?? 0) + 1;
    const old = op === "create" ? undefined : resourceState(i, false);
    const next = op === "delete" ? undefined : resourceState(i, op === "create" || op === "replace");
    const step: Record<string, unknown> = { op, urn: (old ?? next)!.urn, provider, oldState: old, newState: next };
    if (op === "replace") step.replaceReasons = ["name"];
    if (op === "update") step.diffReasons = ["tags"];
    step.detailedDiff = null;
    return step;
  });
  summary.same = (summary.same ?? 0) + 1;
  const stackStep = { op: "same", urn: stackResource.urn, oldState: stackResource, newState: stackResource };
  return JSON.stringify({ config: { "aws:region": "eu-west-1" }, steps: [stackStep, ...steps], diagnostics: [], duration: 1, changeSummary: summary }, null, 4);
}

/** A one-resource preview, for the time to first verdict. */
export function tinyPreview(): string {
  return syntheticPreview(1);
}
