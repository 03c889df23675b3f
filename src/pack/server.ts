// The analyzer server that `pulumi preview --policy-pack` talks to: gRPC with grpc-js and the
// protocol's generated message classes, both taken from @pulumi/pulumi's folder (the versions its
// protocol files were generated for) without loading @pulumi/pulumi itself or @pulumi/policy.
// Those two load the whole Pulumi SDK, which was most of the pack's start-up, and the engine waits
// for the pack's start-up before it runs the program.
//
// The engine calls Remediate and Analyze for every resource, one at a time, so whatever they cost
// is multiplied by the stack's size. The pack has only stack policies: both calls are answered
// with the same empty message, without decoding the request (it carries every property of the
// resource) and without encoding a response.
import { createRequire } from "node:module";
import type * as Grpc from "@grpc/grpc-js";
import type * as AnalyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb.js";
import type * as AnalyzerPb from "@pulumi/pulumi/proto/analyzer_pb.js";
import type * as PluginPb from "@pulumi/pulumi/proto/plugin_pb.js";
import type * as EmptyPb from "google-protobuf/google/protobuf/empty_pb.js";
import type * as StructPb from "google-protobuf/google/protobuf/struct_pb.js";
import { describeUnexpected } from "../errors.js";

export interface Protocol {
  grpc: typeof Grpc;
  service: typeof AnalyzerGrpc.AnalyzerService;
  analyzer: typeof AnalyzerPb;
  plugin: typeof PluginPb;
  empty: typeof EmptyPb;
  struct: typeof StructPb;
}

let loaded: Protocol | undefined;

/** The gRPC library and message classes, from @pulumi/pulumi's folder (loaded once). */
export function protocol(): Protocol {
  if (!loaded) {
    const fromPulumi = createRequire(createRequire(import.meta.url).resolve("@pulumi/pulumi"));
    loaded = {
      grpc: fromPulumi("@grpc/grpc-js") as typeof Grpc,
      service: (fromPulumi("./proto/analyzer_grpc_pb.js") as typeof AnalyzerGrpc).AnalyzerService,
      analyzer: fromPulumi("./proto/analyzer_pb.js") as typeof AnalyzerPb,
      plugin: fromPulumi("./proto/plugin_pb.js") as typeof PluginPb,
      empty: fromPulumi("google-protobuf/google/protobuf/empty_pb.js") as typeof EmptyPb,
      struct: fromPulumi("google-protobuf/google/protobuf/struct_pb.js") as typeof StructPb,
    };
  }
  return loaded;
}

/** The calls the pack answers itself; each may return a promise (the engine waits for it). */
export interface AnalyzerHandlers {
  getPluginInfo(): PluginPb.PluginInfo;
  getAnalyzerInfo(): AnalyzerPb.AnalyzerInfo;
  configureStack(request: AnalyzerPb.AnalyzerStackConfigureRequest): Promise<AnalyzerPb.AnalyzerStackConfigureResponse>;
  configure(request: AnalyzerPb.ConfigureAnalyzerRequest): Promise<EmptyPb.Empty>;
  analyzeStack(request: AnalyzerPb.AnalyzeStackRequest): Promise<AnalyzerPb.AnalyzeResponse>;
}

/** What the engine shows for a failed call: one line, our typed messages as they are, no stack trace. */
export function packError(err: unknown): Error {
  const message = `blastguard: ${describeUnexpected(err)}`;
  return Object.assign(new Error(message), { stack: message });
}

type Callback = (err: Error | null, value?: unknown) => void;

function unary<R>(handle: (request: R) => unknown) {
  return (call: { request: R }, callback: Callback): void => {
    let answer: unknown;
    try {
      answer = handle(call.request);
    } catch (err) {
      callback(packError(err));
      return;
    }
    Promise.resolve(answer).then(
      (value) => callback(null, value),
      (err: unknown) => callback(packError(err)),
    );
  };
}

/** The per-resource calls: nothing decoded, nothing encoded (an empty proto3 message is zero bytes). */
const UNREAD = Object.freeze({});
const NO_BYTES = Buffer.alloc(0);
const answerEmpty = (_call: unknown, callback: Callback): void => callback(null, UNREAD);

/** Starts the server and prints its port, which is how the engine finds it. */
export function serve(handlers: AnalyzerHandlers): void {
  const { grpc, service } = protocol();
  const perResource = { requestDeserialize: () => UNREAD, responseSerialize: () => NO_BYTES };
  const definition = {
    ...service,
    analyze: { ...service.analyze, ...perResource },
    remediate: { ...service.remediate, ...perResource },
  } as unknown as Grpc.ServiceDefinition;
  // The engine sends the whole stack in one AnalyzeStack request (Pulumi's own packs take up to 400 MiB).
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(definition, {
    analyze: answerEmpty,
    remediate: answerEmpty,
    getPluginInfo: unary(() => handlers.getPluginInfo()),
    getAnalyzerInfo: unary(() => handlers.getAnalyzerInfo()),
    configureStack: unary((r: AnalyzerPb.AnalyzerStackConfigureRequest) => handlers.configureStack(r)),
    configure: unary((r: AnalyzerPb.ConfigureAnalyzerRequest) => handlers.configure(r)),
    analyzeStack: unary((r: AnalyzerPb.AnalyzeStackRequest) => handlers.analyzeStack(r)),
  } as unknown as Grpc.UntypedServiceImplementation);
  server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) => {
    if (err) {
      process.stderr.write(`${packError(err).message}\n`);
      process.exit(1);
    }
    process.stdout.write(`${port}\n`);
  });
}
