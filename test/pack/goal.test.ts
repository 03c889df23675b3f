// What the pack reads from the engine's AnalyzeStack request, built and encoded with Pulumi's own
// generated protobuf classes: the wire form as the engine sends it (secrets in the clear under
// `value`). The pack reads the bytes itself; the generated decoder and google-protobuf's
// Struct.toJavaScript give the values it must find.
import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readAnalyzeStack } from "../../src/pack/goal.js";
import { stateForm } from "../../src/readers/wire.js";

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
    const [stack, bucket] = readAnalyzeStack(request().serializeBinary());
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

/** What the generated classes decode, mapped as the pack maps it. */
function viaGeneratedClasses(bytes: Uint8Array) {
  return analyzer.AnalyzeStackRequest.deserializeBinary(bytes)
    .getResourcesList()
    .map((r) => {
      const aliases = r.getOptions()?.getAliasesList() ?? [];
      return {
        urn: r.getUrn(),
        type: r.getType(),
        name: r.getName(),
        parent: r.getParent() || null,
        provider: r.getProvider()?.getUrn() || null,
        protect: r.getOptions()?.getProtect() === true,
        ...(aliases.length ? { aliases } : {}),
        props: stateForm(r.getProperties()?.toJavaScript() ?? {}),
        propertyDependencies: Object.fromEntries([...r.getPropertydependenciesMap().entries()].map(([key, deps]) => [key, deps.getUrnsList()])),
      };
    });
}

const text = fc.string({ unit: "grapheme", maxLength: 12 });
const resourceArb = fc.record({
  urn: text,
  type: text,
  name: text,
  parent: text,
  provider: fc.option(text, { nil: undefined }),
  protect: fc.boolean(),
  aliases: fc.array(text, { maxLength: 2 }),
  props: fc.dictionary(text.filter((k) => k !== "__proto__"), fc.jsonValue({ maxDepth: 4 }), { maxKeys: 6 }),
  deps: fc.dictionary(text, fc.array(text, { maxLength: 3 }), { maxKeys: 3 }),
});

describe("reading the AnalyzeStack request's bytes", () => {
  it("finds what the generated classes and Struct.toJavaScript find, for any resources and property values", () => {
    fc.assert(
      fc.property(fc.array(resourceArb, { maxLength: 4 }), (resources) => {
        const req = new analyzer.AnalyzeStackRequest().setResourcesList(
          resources.map((r) => {
            const res = new analyzer.AnalyzerResource().setUrn(r.urn).setType(r.type).setName(r.name).setParent(r.parent);
            res.setProperties(Struct.fromJavaScript(JSON.parse(JSON.stringify(r.props)) as never));
            res.setOptions(new analyzer.AnalyzerResourceOptions().setProtect(r.protect).setAliasesList(r.aliases).setIgnorechangesList(["x"]));
            if (r.provider !== undefined) res.setProvider(new analyzer.AnalyzerProviderResource().setUrn(r.provider).setType("pulumi:providers:aws").setProperties(Struct.fromJavaScript({ region: "eu-west-1" })));
            res.setDependenciesList(["urn:a", "urn:b"]);
            for (const [key, urns] of Object.entries(r.deps)) res.getPropertydependenciesMap().set(key, new analyzer.AnalyzerPropertyDependencies().setUrnsList(urns));
            return res;
          }),
        );
        const bytes = req.serializeBinary();
        expect(readAnalyzeStack(bytes)).toEqual(viaGeneratedClasses(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it("refuses bytes that are not a well-formed message, and a property without a value", () => {
    const bytes = request().serializeBinary();
    expect(() => readAnalyzeStack(bytes.subarray(0, bytes.length - 3))).toThrow(/not a well-formed protobuf message/);
    // resources { properties { fields { key: "a" } } }: an entry with no Value
    const entry = [0x0a, 0x01, 0x61];
    const fields = [0x0a, entry.length, ...entry];
    const resource = [0x12, fields.length, ...fields];
    expect(() => readAnalyzeStack(new Uint8Array([0x0a, resource.length, ...resource]))).toThrow(/property without a value/);
  });
});
