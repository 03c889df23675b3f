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

// Customer-data copy shapes (issue 12): multi-tenant stacks where one tenant is one table (or one
// replicated bucket) plus four other resources, backed up or replicated the ways SaaS platforms
// set it up. Each is a stack export, except `vault-delete`, a --show-sames preview that deletes
// the DR vault and is checked against the whole stack.
export const copyShapes = ["tag-selection", "arn-list", "tenant-wildcards", "fifty-wildcards", "vault-delete", "tenant-replication"] as const;
export type CopyShape = (typeof copyShapes)[number];

const ACCOUNT = "123456789012";
const DR_VAULT = `arn:aws:backup:eu-central-1:${ACCOUNT}:backup-vault:dr`;
const PLAN_ID = "0b7e2c7a-plan-dr";

function cloud(type: string, name: string, outputs: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const id = (outputs["id"] as string | undefined) ?? name;
  return { urn: `${stack}::${type}::${name}`, custom: true, id, type, inputs: { ...outputs }, outputs: { ...outputs, id }, parent: `${stack}::pulumi:pulumi:Stack::bench-prod`, provider, ...extra };
}

function tenantResources(shape: CopyShape, t: number): Record<string, unknown>[] {
  const tenant = `tenant-${t}`;
  const tags = { "blastguard:tenant": tenant, "blastguard:data-class": "customer", backup: "dr", shard: `s${t % 50}` };
  const internal = { "blastguard:tenant": tenant, "blastguard:data-class": "internal" };
  const filler = ["aws:sns/topic:Topic", "aws:iam/role:Role", "aws:sqs/queue:Queue", "aws:lambda/function:Function"].map((type, k) =>
    cloud(type, `${tenant}-r${k}`, { arn: `arn:aws:${type.split(":")[1]!.split("/")[0]}:eu-west-1:${ACCOUNT}:${tenant}-r${k}`, name: `${tenant}-r${k}`, tags: internal, region: "eu-west-1" }),
  );
  const opts = { protect: true, retainOnDelete: true };
  if (shape === "tenant-replication") {
    const src = `bg-${tenant}-data`;
    const dst = `bg-${tenant}-data-dr`;
    return [
      cloud("aws:s3/bucket:Bucket", `${tenant}-data`, { arn: `arn:aws:s3:::${src}`, bucket: src, id: src, region: "eu-west-1", tags, versioning: { enabled: true }, forceDestroy: false }, opts),
      cloud("aws:s3/bucket:Bucket", `${tenant}-data-dr`, { arn: `arn:aws:s3:::${dst}`, bucket: dst, id: dst, region: "eu-central-1", tags, versioning: { enabled: true }, forceDestroy: false }, opts),
      cloud("aws:s3/bucketReplicationConfig:BucketReplicationConfig", `${tenant}-data`, {
        bucket: src, id: src, region: "eu-west-1", role: `arn:aws:iam::${ACCOUNT}:role/replication`,
        rules: [{ id: "dr", status: "Enabled", filter: {}, destination: { bucket: `arn:aws:s3:::${dst}`, storageClass: "STANDARD" } }],
      }),
      ...filler.slice(0, 2),
    ];
  }
  const name = shape === "fifty-wildcards" ? `${tenant}-records-s${t % 50}` : `${tenant}-records`;
  const table = cloud("aws:dynamodb/table:Table", name, {
    arn: `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/${name}`, name, region: "eu-west-1", tags, deletionProtectionEnabled: true,
  }, opts);
  const own = shape === "tenant-wildcards"
    ? [cloud("aws:backup/selection:Selection", `${tenant}-tables`, { id: `sel-${tenant}`, name: `${tenant}-tables`, planId: PLAN_ID, region: "eu-west-1", iamRoleArn: `arn:aws:iam::${ACCOUNT}:role/backup`, resources: [`arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/${tenant}-*`] })]
    : [];
  return [table, ...own, ...filler.slice(0, 4 - own.length)];
}

function sharedResources(shape: CopyShape, tenants: number): Record<string, unknown>[] {
  if (shape === "tenant-replication") return [];
  const vaults = [
    cloud("aws:backup/vault:Vault", "backup", { arn: `arn:aws:backup:eu-west-1:${ACCOUNT}:backup-vault:backup`, name: "backup", region: "eu-west-1" }),
    cloud("aws:backup/vault:Vault", "dr", { arn: DR_VAULT, name: "dr", region: "eu-central-1" }),
  ];
  const plan = cloud("aws:backup/plan:Plan", "daily", {
    id: PLAN_ID, arn: `arn:aws:backup:eu-west-1:${ACCOUNT}:backup-plan:${PLAN_ID}`, name: "daily", region: "eu-west-1",
    rules: [{ ruleName: "daily", targetVaultName: "backup", schedule: "cron(0 3 * * ? *)", copyActions: [{ destinationVaultArn: DR_VAULT }] }],
  });
  const selection = (name: string, props: Record<string, unknown>) =>
    cloud("aws:backup/selection:Selection", name, { id: `sel-${name}`, name, planId: PLAN_ID, region: "eu-west-1", iamRoleArn: `arn:aws:iam::${ACCOUNT}:role/backup`, ...props });
  const tableArn = (t: number) => `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/tenant-${t}-records`;
  const selections: Record<string, unknown>[] = [];
  if (shape === "tag-selection" || shape === "vault-delete") selections.push(selection("by-tag", { selectionTags: [{ type: "STRINGEQUALS", key: "backup", value: "dr" }] }));
  if (shape === "arn-list") selections.push(selection("every-table", { resources: Array.from({ length: tenants }, (_, t) => tableArn(t)) }));
  if (shape === "fifty-wildcards") for (let s = 0; s < 50; s++) selections.push(selection(`shard-${s}`, { resources: [`arn:aws:dynamodb:*:*:table/*-s${s}`] }));
  return [...vaults, plan, ...selections];
}

/** A stack of about n resources in one of the copy shapes: a stack export, or for vault-delete a --show-sames preview deleting the DR vault. */
export function copyShape(shape: CopyShape, n: number): string {
  const tenants = Math.floor(n / 5);
  const resources = [stackResource, providerResource, ...sharedResources(shape, tenants), ...Array.from({ length: tenants }, (_, t) => tenantResources(shape, t)).flat()];
  if (shape !== "vault-delete") {
    return JSON.stringify({ version: 3, deployment: { manifest: { time: "2026-01-01T00:00:00Z", magic: "bench", version: "v3.274.1" }, secrets_providers: { type: "passphrase", state: { salt: "v1:abc" } }, resources } }, null, 4);
  }
  const steps = resources.map((r) => (r["urn"] as string).endsWith("aws:backup/vault:Vault::dr")
    ? { op: "delete", urn: r["urn"], provider, oldState: r }
    : { op: "same", urn: r["urn"], provider, oldState: r, newState: r });
  return JSON.stringify({ config: { "aws:region": "eu-west-1" }, steps, diagnostics: [], duration: 1, changeSummary: { same: steps.length - 1, delete: 1 } }, null, 4);
}
