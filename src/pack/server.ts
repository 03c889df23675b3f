// The analyzer server that `pulumi preview --policy-pack` talks to: gRPC's unary calls over
// Node's own HTTP/2 server, with the protocol's generated message classes taken from
// @pulumi/pulumi's folder (the versions its protocol files were generated for), without loading
// @pulumi/pulumi itself, @pulumi/policy or a gRPC library. Those load the whole Pulumi SDK, which
// was most of the pack's start-up, and the engine waits for the pack's start-up before it runs
// the program. A unary gRPC call is one HTTP/2 request: a 5-byte prefix (compressed flag, length)
// and the message, answered by headers, the prefixed message and a `grpc-status` trailer.
//
// The engine calls Remediate and Analyze for every resource, one at a time, and waits for each
// answer, so whatever they cost is multiplied by the stack's size. The pack has only stack
// policies: both calls are answered with the same empty message (an empty proto3 message is zero
// bytes) without decoding the request, which carries every property of the resource.
import { createRequire } from "node:module";
import { createServer, type ServerHttp2Stream } from "node:http2";
import type * as AnalyzerPb from "@pulumi/pulumi/proto/analyzer_pb.js";
import type * as PluginPb from "@pulumi/pulumi/proto/plugin_pb.js";
import type * as EmptyPb from "google-protobuf/google/protobuf/empty_pb.js";
import type * as StructPb from "google-protobuf/google/protobuf/struct_pb.js";
import { describeUnexpected } from "../errors.js";

export interface Protocol {
  analyzer: typeof AnalyzerPb;
  plugin: typeof PluginPb;
  empty: typeof EmptyPb;
  struct: typeof StructPb;
}

let loaded: Protocol | undefined;

/** The message classes, from @pulumi/pulumi's folder (loaded once). */
export function protocol(): Protocol {
  if (!loaded) {
    const fromPulumi = createRequire(createRequire(import.meta.url).resolve("@pulumi/pulumi"));
    loaded = {
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
  /** Its request as bytes (src/pack/goal.ts reads them). */
  analyzeStack(request: Uint8Array): Promise<AnalyzerPb.AnalyzeResponse>;
}

/** What the engine shows for a failed call: one line, our typed messages as they are, no stack trace. */
export function packError(err: unknown): Error {
  const message = `blastguard: ${describeUnexpected(err)}`;
  return Object.assign(new Error(message), { stack: message });
}

/** The engine sends the whole stack in one AnalyzeStack request (Pulumi's own packs take up to 400 MiB). */
const MAX_REQUEST_BYTES = 400 * 1024 * 1024;

// gRPC status codes (grpc/status.proto).
const UNKNOWN = 2;
const RESOURCE_EXHAUSTED = 8;
const UNIMPLEMENTED = 12;

type Message = { serializeBinary(): Uint8Array };
type Method = (request: Uint8Array) => Message | Promise<Message>;

const HEADERS = { ":status": 200, "content-type": "application/grpc" };
const OK = { "grpc-status": "0" };
/** An empty message, prefixed: not compressed, length 0. */
const EMPTY_ANSWER = new Uint8Array(5);

/** gRPC's percent-encoding of a status message: every byte outside printable ASCII, and "%". */
function percentEncoded(message: string): string {
  let out = "";
  for (const byte of Buffer.from(message, "utf8")) out += byte >= 0x20 && byte <= 0x7e && byte !== 0x25 ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  return out;
}

function fail(stream: ServerHttp2Stream, status: number, message: string): void {
  if (stream.destroyed) return;
  const trailers = { "grpc-status": String(status), "grpc-message": percentEncoded(message) };
  if (stream.headersSent) {
    stream.sendTrailers(trailers);
    return;
  }
  stream.respond({ ...HEADERS, ...trailers }, { endStream: true }); // trailers only
}

function answer(stream: ServerHttp2Stream, body: Uint8Array): void {
  if (stream.destroyed) return;
  stream.respond(HEADERS, { waitForTrailers: true });
  stream.once("wantTrailers", () => stream.sendTrailers(OK));
  stream.end(body);
}

function framed(message: Message): Uint8Array {
  const bytes = message.serializeBinary();
  const out = new Uint8Array(5 + bytes.length);
  new DataView(out.buffer).setUint32(1, bytes.length);
  out.set(bytes, 5);
  return out;
}

/** The one message of a unary request, or null when it is not exactly one uncompressed message. */
function unframe(chunks: Buffer[], total: number): Uint8Array | null {
  const all = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
  if (all.length < 5 || all[0] !== 0) return null;
  const length = all.readUInt32BE(1);
  return all.length === 5 + length ? all.subarray(5) : null;
}

/** Starts the server and prints its port, which is how the engine finds it. */
export function serve(handlers: AnalyzerHandlers): void {
  const decode = () => protocol().analyzer;
  const methods = new Map<string, Method>([
    ["/pulumirpc.Analyzer/GetPluginInfo", () => handlers.getPluginInfo()],
    ["/pulumirpc.Analyzer/GetAnalyzerInfo", () => handlers.getAnalyzerInfo()],
    ["/pulumirpc.Analyzer/ConfigureStack", (b) => handlers.configureStack(decode().AnalyzerStackConfigureRequest.deserializeBinary(b))],
    ["/pulumirpc.Analyzer/Configure", (b) => handlers.configure(decode().ConfigureAnalyzerRequest.deserializeBinary(b))],
    ["/pulumirpc.Analyzer/AnalyzeStack", (b) => handlers.analyzeStack(b)],
  ]);
  const perResource = new Set(["/pulumirpc.Analyzer/Analyze", "/pulumirpc.Analyzer/Remediate"]);
  const server = createServer({ maxSessionMemory: 1024, settings: { initialWindowSize: 4 * 1024 * 1024 } });
  server.on("stream", (stream, headers) => {
    const path = String(headers[":path"]);
    stream.on("error", () => undefined); // the engine went away: nothing to answer
    if (perResource.has(path)) {
      stream.resume(); // the request is not read
      stream.once("end", () => answer(stream, EMPTY_ANSWER));
      return;
    }
    const method = methods.get(path);
    if (!method) {
      stream.resume();
      fail(stream, UNIMPLEMENTED, `${path} is not implemented by this policy pack`);
      return;
    }
    const chunks: Buffer[] = [];
    let total = 0;
    stream.on("data", (chunk: Buffer) => {
      total += chunk.length;
      if (total > MAX_REQUEST_BYTES) fail(stream, RESOURCE_EXHAUSTED, "the request is larger than 400 MiB");
      else chunks.push(chunk);
    });
    stream.once("end", () => {
      if (total > MAX_REQUEST_BYTES) return;
      const request = unframe(chunks, total);
      chunks.length = 0;
      if (!request) {
        fail(stream, UNIMPLEMENTED, "the pack takes one uncompressed message per call");
        return;
      }
      new Promise<Message>((resolve) => resolve(method(request))).then(
        (message) => answer(stream, framed(message)),
        (err: unknown) => fail(stream, UNKNOWN, packError(err).message),
      );
    });
  });
  server.on("sessionError", () => undefined);
  server.listen(0, "127.0.0.1", () => {
    const address = server.address();
    process.stdout.write(`${typeof address === "object" && address ? address.port : ""}\n`);
    // The message classes load while the engine connects, not before the port is out.
    setImmediate(protocol);
  });
  server.on("error", (err) => {
    process.stderr.write(`${packError(err).message}\n`);
    process.exit(1);
  });
}
