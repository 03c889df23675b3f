// The pack's analyzer server spoken to by a real gRPC client (grpc-js with Pulumi's generated
// Analyzer client, as the engine's gRPC client would): the pack process as the engine starts it,
// its port read from stdout.
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/engine/bundle.js";
import { repoRoot } from "../support/paths.js";

const fromPulumi = createRequire(createRequire(import.meta.url).resolve("@pulumi/pulumi"));
const grpc = fromPulumi("@grpc/grpc-js") as typeof import("@grpc/grpc-js");
const { AnalyzerClient } = fromPulumi("./proto/analyzer_grpc_pb.js") as typeof import("@pulumi/pulumi/proto/analyzer_grpc_pb.js");
const pb = fromPulumi("./proto/analyzer_pb.js") as typeof import("@pulumi/pulumi/proto/analyzer_pb.js");
const { Empty } = fromPulumi("google-protobuf/google/protobuf/empty_pb.js") as typeof import("google-protobuf/google/protobuf/empty_pb.js");
const { Struct } = fromPulumi("google-protobuf/google/protobuf/struct_pb.js") as typeof import("google-protobuf/google/protobuf/struct_pb.js");

let pack: ChildProcess;
let client: InstanceType<typeof AnalyzerClient>;

type Unary = (request: unknown, callback: (err: Error | null, response: unknown) => void) => unknown;
function call<Res>(method: string, request: unknown): Promise<Res> {
  const unary = (client as unknown as Record<string, Unary>)[method]!;
  return new Promise((resolve, reject) => unary.call(client, request, (err, response) => (err ? reject(err) : resolve(response as Res))));
}

beforeAll(async () => {
  pack = spawn(process.execPath, ["index.js"], { cwd: join(repoRoot, "pack"), stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<string>((resolve) => pack.stdout!.once("data", (d: Buffer) => resolve(d.toString().trim())));
  client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
});

afterAll(() => {
  client?.close();
  pack?.kill();
});

describe("the pack's analyzer server", () => {
  it("prints only its port, and describes the pack: blastguard's own entry, then one stack policy per catalog policy", async () => {
    const info = await call<InstanceType<typeof pb.AnalyzerInfo>>("getAnalyzerInfo", new Empty());
    expect(info.getName()).toBe("blastguard");
    expect(info.getSupportsconfig()).toBe(true);
    const policies = info.getPoliciesList();
    expect(policies.map((p) => p.getName())).toEqual(["blastguard", ...loadCatalog().policies.map((p) => p.id)]);
    expect(policies.every((p) => p.getPolicyType() === pb.PolicyType.POLICY_TYPE_STACK)).toBe(true);
    const bulk = policies.find((p) => p.getName() === "bulk-delete")!;
    expect(bulk.getEnforcementlevel()).toBe(pb.EnforcementLevel.MANDATORY);
    expect(bulk.getSeverity()).toBe(pb.PolicySeverity.POLICY_SEVERITY_HIGH);
    expect(Object.keys(bulk.getConfigschema()!.getProperties()!.toJavaScript()).sort()).toEqual(["maxDeletes", "maxPercent", "minResources"]);
  });

  it("answers the per-resource calls with nothing to say, whatever the resource", async () => {
    const request = new pb.AnalyzeRequest()
      .setUrn("urn:pulumi:prod::shop::aws:s3/bucket:Bucket::media")
      .setType("aws:s3/bucket:Bucket")
      .setName("media")
      .setProperties(Struct.fromJavaScript({ bucket: "media", tags: { tenant: "acme" }, big: "x".repeat(200_000) }));
    for (let i = 0; i < 3; i++) {
      expect((await call<InstanceType<typeof pb.RemediateResponse>>("remediate", request)).getRemediationsList()).toEqual([]);
      expect((await call<InstanceType<typeof pb.AnalyzeResponse>>("analyze", request)).getDiagnosticsList()).toEqual([]);
    }
  });

  it("says a call it does not serve is unimplemented (the engine then goes on without it)", async () => {
    await expect(call("handshake", new pb.AnalyzerHandshakeRequest().setEngineAddress("127.0.0.1:1"))).rejects.toMatchObject({ code: grpc.status.UNIMPLEMENTED });
  });

  it("fails AnalyzeStack, in one line, when the config it was given does not validate", async () => {
    const config = new pb.ConfigureAnalyzerRequest();
    const entry = new pb.PolicyConfig().setEnforcementlevel(pb.EnforcementLevel.MANDATORY).setProperties(Struct.fromJavaScript({ scopes: { levels: [{ name: "tenant", tagKey: "tenant", idPattern: "([" }] } }));
    config.getPolicyconfigMap().set("blastguard", entry);
    await call("configure", config);
    const stack = new pb.AnalyzerResource().setUrn("urn:pulumi:prod::shop::pulumi:pulumi:Stack::shop-prod").setType("pulumi:pulumi:Stack").setName("shop-prod");
    const failure = call("analyzeStack", new pb.AnalyzeStackRequest().setResourcesList([stack]));
    await expect(failure).rejects.toMatchObject({ code: grpc.status.UNKNOWN, details: "blastguard: policy pack config (blastguard): invalid at scopes.levels.0.idPattern: not a valid regular expression" });
  });
});
