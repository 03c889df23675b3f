// The gRPC ResourceProvider service, served directly so each provider instance keeps its own
// configuration (the SDK's provider `main()` does not hand `region` to the provider code).
import * as grpc from "@grpc/grpc-js";
import emptyPb from "google-protobuf/google/protobuf/empty_pb.js";
import structPb from "google-protobuf/google/protobuf/struct_pb.js";
import providerGrpc from "@pulumi/pulumi/proto/provider_grpc_pb.js";
import providerPb from "@pulumi/pulumi/proto/provider_pb.js";
import pluginPb from "@pulumi/pulumi/proto/plugin_pb.js";
import type { Place } from "./aws-types.js";
import { DeleteRefused, assertDeletable, check, diff, outputsFor, type DiffKind, type ProviderConfig } from "./lifecycle.js";
import { asString, asStringMap, isObject, sameValue, type Props, type Value } from "./values.js";

/** The version of @pulumi/aws the program uses; the engine asks for a plugin of this version. */
export const PLUGIN_VERSION = "7.48.0";
const DEFAULT_REGION = "us-east-1";

type Struct = InstanceType<typeof structPb.Struct>;
const toProps = (s: Struct | undefined): Props => (s ? (s.toJavaScript() as Props) : {});
const toStruct = (props: Props): Struct => structPb.Struct.fromJavaScript(props as Record<string, structPb.JavaScriptValue>);

const KIND: Record<DiffKind, number> = {
  add: providerPb.PropertyDiff.Kind.ADD,
  "add-replace": providerPb.PropertyDiff.Kind.ADD_REPLACE,
  update: providerPb.PropertyDiff.Kind.UPDATE,
  "update-replace": providerPb.PropertyDiff.Kind.UPDATE_REPLACE,
  delete: providerPb.PropertyDiff.Kind.DELETE,
  "delete-replace": providerPb.PropertyDiff.Kind.DELETE_REPLACE,
};

/** Provider inputs may arrive as JSON text (older SDKs encode non-string provider inputs). */
function parseMaybeJson(value: Value | undefined): Value | undefined {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value) as Value;
  } catch {
    return value;
  }
}

export function configFrom(args: Props, variables: Record<string, string>): ProviderConfig {
  const region = asString(args["region"]) ?? variables["aws:config:region"] ?? variables["aws:region"] ?? DEFAULT_REGION;
  const defaultTags = parseMaybeJson(args["defaultTags"] ?? variables["aws:config:defaultTags"]);
  const tags = isObject(defaultTags) ? asStringMap(defaultTags["tags"]) : {};
  return { region, defaultTags: tags };
}

function placeOf(urn: string, region: string, inputs: Props): Place {
  const name = urn.split("::").pop() ?? urn;
  return { urn, name, region: asString(inputs["region"]) ?? region };
}

const typeOf = (urn: string, given: string): string => given || (urn.split("::")[2] ?? "").split("$").pop() || "";

type Handler<Req, Res> = (call: grpc.ServerUnaryCall<Req, Res>, callback: grpc.sendUnaryData<Res>) => void;

/** Wraps an operation so that a thrown error becomes a gRPC error the engine shows as a diagnostic. */
function unary<Req, Res>(op: (req: Req) => Res): Handler<Req, Res> {
  return (call, callback) => {
    try {
      callback(null, op(call.request));
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const code = err instanceof DeleteRefused ? grpc.status.FAILED_PRECONDITION : grpc.status.UNKNOWN;
      callback({ code, details: message, name: "Error", message });
    }
  };
}

export function createService(): grpc.UntypedServiceImplementation {
  let config: ProviderConfig = configFrom({}, {});

  return {
    getPluginInfo: unary(() => new pluginPb.PluginInfo().setVersion(PLUGIN_VERSION)),
    checkConfig: unary((req: providerPb.CheckRequest) => new providerPb.CheckResponse().setInputs(req.getNews())),
    diffConfig: unary((req: providerPb.DiffRequest) => {
      const olds = toProps(req.getOldInputs() ?? req.getOlds());
      const news = toProps(req.getNews());
      const changed = ["region", "defaultTags"].filter((key) => !sameValue(olds[key], news[key]));
      return new providerPb.DiffResponse()
        .setChanges(changed.length ? providerPb.DiffResponse.DiffChanges.DIFF_SOME : providerPb.DiffResponse.DiffChanges.DIFF_NONE)
        .setDiffsList(changed);
    }),
    configure: unary((req: providerPb.ConfigureRequest) => {
      const variables = Object.fromEntries(req.getVariablesMap().toArray());
      config = configFrom(toProps(req.getArgs()), variables);
      return new providerPb.ConfigureResponse().setSupportspreview(true).setAcceptsecrets(false).setAcceptresources(false);
    }),
    check: unary((req: providerPb.CheckRequest) => {
      const news = toProps(req.getNews());
      const type = typeOf(req.getUrn(), req.getType());
      const result = check(type, placeOf(req.getUrn(), config.region, news), toProps(req.getOlds()), news);
      const failures = result.failures.map((f) => new providerPb.CheckFailure().setProperty(f.property).setReason(f.reason));
      return new providerPb.CheckResponse().setInputs(toStruct(result.inputs)).setFailuresList(failures);
    }),
    diff: unary((req: providerPb.DiffRequest) => {
      const type = typeOf(req.getUrn(), req.getType());
      const oldInputs = req.getOldInputs();
      const result = diff(type, toProps(req.getOlds()), oldInputs ? toProps(oldInputs) : undefined, toProps(req.getNews()), req.getIgnorechangesList());
      const response = new providerPb.DiffResponse()
        .setChanges(result.changed ? providerPb.DiffResponse.DiffChanges.DIFF_SOME : providerPb.DiffResponse.DiffChanges.DIFF_NONE)
        .setDiffsList(result.diffs)
        .setReplacesList(result.replaces)
        .setDeletebeforereplace(result.deleteBeforeReplace)
        .setHasdetaileddiff(true);
      for (const [path, kind] of Object.entries(result.detailedDiff)) {
        response.getDetaileddiffMap().set(path, new providerPb.PropertyDiff().setKind(KIND[kind]).setInputdiff(true));
      }
      return response;
    }),
    create: unary((req: providerPb.CreateRequest) => {
      const inputs = toProps(req.getProperties());
      const type = typeOf(req.getUrn(), req.getType());
      const { id, outputs } = outputsFor(type, placeOf(req.getUrn(), config.region, inputs), config, inputs, req.getPreview());
      return new providerPb.CreateResponse().setId(id).setProperties(toStruct(outputs));
    }),
    update: unary((req: providerPb.UpdateRequest) => {
      const inputs = toProps(req.getNews());
      const type = typeOf(req.getUrn(), req.getType());
      const place = placeOf(req.getUrn(), config.region, inputs);
      const { outputs } = outputsFor(type, place, config, inputs, req.getPreview(), req.getId());
      return new providerPb.UpdateResponse().setProperties(toStruct(outputs));
    }),
    read: unary((req: providerPb.ReadRequest) =>
      // No cloud behind the stand-in: what the state says is what exists (refresh finds no drift),
      // except resources named in STANDIN_AWS_GONE (comma-separated), which were deleted out of
      // band: an empty answer tells the engine they are gone.
      goneNames().has(req.getUrn().split("::").pop() ?? "")
        ? new providerPb.ReadResponse()
        : new providerPb.ReadResponse().setId(req.getId()).setProperties(req.getProperties()).setInputs(req.getInputs()),
    ),
    delete: unary((req: providerPb.DeleteRequest) => {
      assertDeletable(typeOf(req.getUrn(), req.getType()), toProps(req.getProperties()));
      return new emptyPb.Empty();
    }),
    cancel: unary(() => new emptyPb.Empty()),
  };
}

function goneNames(): Set<string> {
  return new Set((process.env.STANDIN_AWS_GONE ?? "").split(",").filter((n) => n !== ""));
}

export function serviceDefinition(): grpc.ServiceDefinition {
  return providerGrpc.ResourceProviderService as unknown as grpc.ServiceDefinition;
}
