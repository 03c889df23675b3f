// AWS Backup adapter: which stores a selection covers and where its plan copies them.
import { describe, expect, it } from "vitest";
import {
  ACCOUNT, DR_ACCOUNT, TABLE, UNKNOWN, bucket, created, facts, known, paths, plan, selection, state, table, tableArn, urnOf, vault, vaultArn,
  inView,
} from "./support.js";

const orders = table("orders", "us-east-1", { tags: { backup: "dr" } });
const DR = vaultArn("us-west-2", DR_ACCOUNT, "dr");
const drPlan = plan("plan", "p-1", [DR]);

describe("backup selections", () => {
  it("covers a store by exact ARN and copies it to the destination vault's region and account", () => {
    const sel = selection("sel", "p-1", { resources: [tableArn("us-east-1", "orders")] });
    const f = facts([orders, drPlan, sel, vault("dr", DR)]);
    const [p] = inView(f.stores[orders.urn]!, "after");
    expect(p).toMatchObject({
      mechanism: "backup", status: "known", full: true, via: [sel.urn, drPlan.urn], needs: [urnOf("aws:backup/vault:Vault", "dr")],
      destination: { region: "us-west-2", account: DR_ACCOUNT, vault_arn: DR, vault_name: "dr", resource_arn: tableArn("us-east-1", "orders"), plan_id: "p-1", rule_name: "daily" },
    });
  });

  it("covers by selection tag, and not for another value", () => {
    const tag = (value: string) => selection("sel", "p-1", { selectionTags: [{ type: "STRINGEQUALS", key: "backup", value }] });
    expect(paths([orders, drPlan, tag("dr")], orders)).toEqual([known("backup", "us-west-2")]);
    expect(paths([orders, drPlan, tag("none")], orders)).toEqual([]);
  });

  it("applies tag conditions: StringEquals includes, StringNotEquals excludes", () => {
    const cond = (kind: string) => selection("sel", "p-1", { resources: ["*"], conditions: [{ [kind]: [{ key: "aws:ResourceTag/backup", value: "dr" }] }] });
    expect(paths([orders, drPlan, cond("stringEquals")], orders)).toEqual([known("backup", "us-west-2")]);
    expect(paths([orders, drPlan, cond("stringNotEquals")], orders)).toEqual([]);
  });

  it("reports an unknown destination vault and an unknown plan as unverifiable", () => {
    const sel = selection("sel", "p-1", { resources: [tableArn("us-east-1", "orders")] });
    expect(paths([orders, plan("plan", "p-1", [UNKNOWN]), sel], orders)).toEqual([{ mechanism: "backup", region: null, status: "unverifiable", full: true }]);
    const noPlan = selection("sel", UNKNOWN, { resources: [tableArn("us-east-1", "orders")] });
    expect(paths([orders, noPlan], orders)[0]!.status).toBe("unverifiable");
  });

  it("matches a new table by name and region against a wildcard, and not against another region's", () => {
    const t = created(TABLE, "orders", state({ name: "orders", region: "us-east-1", arn: UNKNOWN, tags: { tenant: "acme" } }));
    const cond = [{ stringEquals: [{ key: "aws:ResourceTag/tenant", value: "acme" }] }];
    const east = selection("sel", "p-1", { resources: ["arn:aws:dynamodb:us-east-1:*:table/*"], conditions: cond });
    const west = selection("sel", "p-1", { resources: ["arn:aws:dynamodb:eu-west-1:*:table/*"], conditions: cond });
    expect(paths([t, drPlan, east], t)).toEqual([known("backup", "us-west-2")]);
    expect(paths([t, drPlan, west], t)).toEqual([]);
  });

  it("cannot tell whether a pattern naming one account covers a new table whose account is unknown", () => {
    const t = created(TABLE, "orders", state({ name: "orders", region: "us-east-1", arn: UNKNOWN }));
    const sel = selection("sel", "p-1", { resources: [`arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/*`] });
    expect(paths([table("other", "us-east-1"), t, drPlan, sel], t)[0]!.status).toBe("unverifiable");
  });

  // Hole 1: AWS Backup's `*` matches any run of characters; glob matching with `.` as delimiter
  // let a dotted bucket name escape `notResources` and stay covered.
  it("excludes a bucket whose name has dots through notResources arn:aws:s3:::*", () => {
    const media = bucket("media.example.com", "eu-west-1");
    const sel = selection("sel", "p-1", { resources: ["*"], notResources: ["arn:aws:s3:::*"] });
    expect(paths([media, drPlan, sel], media)).toEqual([]);
    const logs = bucket("logs.prod.eu", "eu-west-1");
    const byPrefix = selection("sel", "p-1", { resources: ["arn:aws:s3:::logs*"] });
    expect(paths([logs, drPlan, byPrefix], logs)).toEqual([known("backup", "us-west-2")]);
    const question = selection("sel", "p-1", { resources: ["arn:aws:s3:::logs?prod?eu"] });
    expect(paths([logs, drPlan, question], logs)).toEqual([known("backup", "us-west-2")]);
  });

  // Hole 2: a dependency is evidence only for a value that is unknown.
  it("does not let propertyDependencies add a store that the known resources list leaves out", () => {
    const sel = selection("sel", "p-1", { resources: [tableArn("us-east-1", "other")] }, { resources: [orders.urn] });
    expect(paths([orders, drPlan, sel], orders)).toEqual([]);
  });

  it("follows references while the resources list is unknown", () => {
    const t = created(TABLE, "orders", state({ name: "orders", region: "us-east-1", arn: UNKNOWN }));
    const v = created("aws:backup/vault:Vault", "dr", state({ arn: UNKNOWN, region: "us-west-2" }));
    const primary = created("aws:backup/vault:Vault", "main", state({ arn: UNKNOWN, name: "main", region: "us-east-1" }));
    const p = created("aws:backup/plan:Plan", "plan", state({ id: UNKNOWN as never, ...planProps() }, { refs: { rules: [primary.urn, v.urn] } }));
    const sel = (refs: Record<string, string[]>) => created("aws:backup/selection:Selection", "sel", state({ planId: UNKNOWN, resources: [UNKNOWN] }, { refs }));
    expect(paths([t, v, primary, p, sel({ planId: [p.urn], resources: [t.urn] })], t)).toEqual([known("backup", "us-west-2")]);
    expect(paths([t, v, primary, p, sel({ planId: [p.urn], resources: [urnOf(TABLE, "other")] })], t)).toEqual([]);
    expect(paths([t, v, primary, p, sel({})], t)[0]!.status).toBe("unverifiable");
  });

  it("cannot tell which plan a selection means when its plan id is listed twice (another stack's plan)", () => {
    const sel = selection("sel", "p-1", { resources: [tableArn("us-east-1", "orders")] });
    const local = plan("local-plan", "p-1", [vaultArn("us-east-1", ACCOUNT, "local")]);
    expect(paths([orders, local, sel], orders, "after", { context: [drPlan] })).toEqual([{ mechanism: "backup", region: null, status: "unverifiable", full: true }]);
  });

  it("makes a path need every listed resource with the destination vault's ARN", () => {
    const sel = selection("sel", "p-1", { resources: [tableArn("us-east-1", "orders")] });
    const theirs = { ...vault("dr", DR), urn: "urn:pulumi:other::proj::aws:backup/vault:Vault::dr" };
    const f = facts([orders, drPlan, sel, vault("dr", DR)], { context: [theirs] });
    expect(inView(f.stores[orders.urn]!, "after")[0]!.needs).toEqual([urnOf("aws:backup/vault:Vault", "dr"), theirs.urn]);
  });

  it("gives every tenant's tables exactly their own selection's copy (one wildcard selection per tenant)", () => {
    const tenants = Array.from({ length: 300 }, (_, i) => `t${i}`);
    const tables = tenants.flatMap((t) => [table(`${t}-orders`, "eu-west-1"), table(`${t}-users`, "eu-west-1")]);
    const plans = tenants.map((t) => plan(`${t}-plan`, `p-${t}`, [vaultArn("eu-central-1", ACCOUNT, `${t}-dr`)]));
    const sels = tenants.map((t) => selection(`${t}-sel`, `p-${t}`, { resources: [`arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/${t}-*`] }));
    const f = facts([...tables, ...plans, ...sels]);
    for (const t of tables) {
      const ps = inView(f.stores[t.urn]!, "after");
      expect(ps).toHaveLength(1);
      expect(ps[0]!.destination.vault_name).toBe(`${t.name.split("-")[0]}-dr`);
    }
  });
});

function planProps() {
  return { rules: [{ ruleName: "daily", targetVaultName: "main", copyActions: [{ destinationVaultArn: UNKNOWN }] }] };
}

