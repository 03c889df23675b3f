// What the pack reads from the engine's AnalyzeStack request, built with Pulumi's own generated
// protobuf classes: the wire form as the engine sends it (secrets in the clear under `value`).
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { readAnalyzeStack } from "../../src/pack/protocol.js";

const require = createRequire(import.meta.url);
const analyzer = require("@pulumi/pulumi/proto/analyzer_pb.js") as typeof import("@pulumi/pulumi/proto/analyzer_pb.js");
const { Struct } = require("google-protobuf/google/protobuf/struct_pb.js") as typeof import("google-protobuf/google/protobuf/struct_pb.js");

const SIG = "4dabf18193072939515e22adb298388d";
const bucketUrn = "urn:pulumi:prod::shop::aws:s3/bucket:Bucket::media";
const providerUrn = "urn:pulumi:prod::shop::pulumi:providers:aws::default";

function request() {
  const bucket = new analyzer.AnalyzerResource();
  bucket.setUrn(bucketUrn);
  bucket.setType("aws:s3/bucket:Bucket");
  bucket.setName("media");
  bucket.setParent("urn:pulumi:prod::shop::pulumi:pulumi:Stack::shop-prod");
  bucket.setOptions(new analyzer.AnalyzerResourceOptions().setProtect(true));
  bucket.setProvider(new analyzer.AnalyzerProviderResource().setUrn(providerUrn).setType("pulumi:providers:aws").setName("default"));
  bucket.setProperties(
    Struct.fromJavaScript({
      bucket: "media-bucket",
      tags: { owner: { [SIG]: "1b47061264138c4ac30d75fd1eb44270", value: "alice@example.com" } },
      arn: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
    }),
  );
  const stack = new analyzer.AnalyzerResource();
  stack.setUrn("urn:pulumi:prod::shop::pulumi:pulumi:Stack::shop-prod");
  stack.setType("pulumi:pulumi:Stack");
  stack.setName("shop-prod");
  return new analyzer.AnalyzeStackRequest().setResourcesList([stack, bucket]);
}

describe("reading the engine's AnalyzeStack request", () => {
  it("keeps URN, parent, provider and protect, and drops a secret's clear value at once", () => {
    const [stack, bucket] = readAnalyzeStack(request() as never);
    expect(stack).toEqual({
      urn: "urn:pulumi:prod::shop::pulumi:pulumi:Stack::shop-prod",
      type: "pulumi:pulumi:Stack",
      name: "shop-prod",
      parent: null,
      provider: null,
      protect: false,
      props: {},
      propertyDependencies: {},
    });
    expect(bucket).toMatchObject({ urn: bucketUrn, parent: "urn:pulumi:prod::shop::pulumi:pulumi:Stack::shop-prod", provider: providerUrn, protect: true });
    expect(JSON.stringify(bucket)).not.toContain("alice@example.com");
    expect((bucket!.props as { arn: string }).arn).toBe("04da6b54-80e4-46f7-96ec-b56ff0331ba9");
  });
});
