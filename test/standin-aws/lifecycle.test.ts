// The stand-in provider's diff and naming rules: the engine must see no change where AWS would see
// none, and a replacement exactly where a force-new property of the real provider changes.
import { describe, expect, it } from "vitest";
import { awsType } from "./src/aws-types.js";
import { DeleteRefused, assertDeletable, check, diff, outputsFor } from "./src/lifecycle.js";
import { UNKNOWN } from "./src/values.js";

const TABLE = "aws:dynamodb/table:Table";
const BUCKET = "aws:s3/bucket:Bucket";
const place = { region: "eu-west-1", urn: "urn:pulumi:prod::p::aws:s3/bucket:Bucket::data", name: "data" };
const config = { region: "eu-west-1", defaultTags: {} };

describe("the stand-in aws provider", () => {
  it("sees no change when only key order or __defaults differ", () => {
    const olds = { __defaults: ["forceDestroy"], tags: { a: "1", b: "2" }, bucket: "x" };
    const news = { bucket: "x", tags: { b: "2", a: "1" }, __defaults: [] };
    expect(diff(BUCKET, {}, olds, news).changed).toBe(false);
  });

  it("replaces a table whose hash key changes, deleting first because its name was chosen", () => {
    const olds = { name: "t", hashKey: "id", tags: {} };
    const result = diff(TABLE, {}, olds, { ...olds, hashKey: "pk", tags: { x: "y" }, __defaults: [] });
    expect(result).toMatchObject({
      changed: true,
      replaces: ["hashKey"],
      detailedDiff: { hashKey: "update-replace", tags: "update" },
      deleteBeforeReplace: true,
    });
  });

  it("updates in place what is not force-new", () => {
    const result = diff(TABLE, {}, { name: "t", deletionProtectionEnabled: true }, { name: "t", deletionProtectionEnabled: false });
    expect(result).toMatchObject({ replaces: [], detailedDiff: { deletionProtectionEnabled: "update" } });
  });

  it("treats a value not known yet as a change", () => {
    const result = diff("aws:backup/selection:Selection", {}, { resources: ["a"] }, { resources: [UNKNOWN] });
    expect(result.replaces).toEqual(["resources"]);
  });

  it("names an unnamed resource after its logical name and keeps that name later", () => {
    const first = check(BUCKET, place, {}, {});
    expect(first.inputs["bucket"]).toMatch(/^data-[0-9a-f]{7}$/);
    expect(first.inputs["__defaults"]).toEqual(["bucket", "forceDestroy"]);
    expect(check(BUCKET, { ...place, urn: "other" }, first.inputs, {}).inputs["bucket"]).toBe(first.inputs["bucket"]);
  });

  it("reports required inputs the real provider would ask for", () => {
    expect(check(TABLE, place, {}, { name: "t" }).failures.map((f) => f.property)).toEqual(["hashKey", "attributes"]);
  });

  it("gives AWS-shaped ids and ARNs built from the provider's region and one account", () => {
    const table = outputsFor(TABLE, place, config, { name: "app-1-records" }, false);
    expect(table.id).toBe("app-1-records");
    expect(table.outputs).toMatchObject({ arn: "arn:aws:dynamodb:eu-west-1:123456789012:table/app-1-records", region: "eu-west-1", tagsAll: {} });
    const vault = outputsFor("aws:backup/vault:Vault", { ...place, region: "eu-central-1" }, config, { name: "v" }, false);
    expect(vault.outputs["arn"]).toBe("arn:aws:backup:eu-central-1:123456789012:backup-vault:v");
    expect(awsType("aws:iam/role:Role").regional).toBe(false);
  });

  it("leaves what AWS computes unknown in a preview", () => {
    const bucket = outputsFor(BUCKET, place, config, { bucket: "b" }, true);
    expect(bucket.outputs).toMatchObject({ arn: UNKNOWN, id: UNKNOWN, region: "eu-west-1" });
  });

  it("refuses, like AWS, to delete a table whose deletion protection is on", () => {
    expect(() => assertDeletable(TABLE, { name: "t", deletionProtectionEnabled: true })).toThrow(DeleteRefused);
    expect(() => assertDeletable(TABLE, { name: "t", deletionProtectionEnabled: false })).not.toThrow();
  });
});
