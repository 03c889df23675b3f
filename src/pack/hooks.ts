// @pulumi/policy hands policies its own rewrite of the analyzer's requests: secrets already in
// the clear, unknowns behind a throwing proxy, each policy's config but not the others', and no
// stack name. The guard needs the requests as the engine sent them, so it wraps the analyzer
// service's handlers when @pulumi/policy registers them (grpc Server#addService, a public API),
// records what it needs, and then lets @pulumi/policy handle each call exactly as before (a pack
// of stack policies only answers the per-resource calls itself, see emptyPerResourceHandlers).
import { createRequire } from "node:module";
import { stateForm, type AnalyzedResource } from "../readers/wire.js";

/** Pulumi's EnforcementLevel enum (analyzer.proto), as @pulumi/policy names the levels. */
const ENFORCEMENT = ["advisory", "mandatory", "disabled", "remediate"] as const;
export type PulumiEnforcement = (typeof ENFORCEMENT)[number];

/** `--policy-pack-config` as the engine sends it: per policy, its enforcement and properties. */
export type PackConfigMap = Record<string, { enforcementLevel: PulumiEnforcement } & Record<string, unknown>>;

export interface StackInfo {
  organization: string;
  project: string;
  stack: string;
  /** False when the engine runs an update (its steps change the cloud), true for a preview. */
  dryRun: boolean;
  /** Stack config (`pulumi config`), secret values already replaced by "[secret]". */
  config: Record<string, string>;
}

export interface AnalyzerHooks {
  /** May return a promise: the engine waits for the answer, so nothing runs before it settles. */
  onConfigure(config: PackConfigMap): void | Promise<void>;
  onConfigureStack(info: StackInfo): void | Promise<void>;
  /** Called with the goal before @pulumi/policy runs the stack policies on it. */
  onAnalyzeStack(resources: AnalyzedResource[]): void;
}

// Minimal views of the generated protobuf classes (@pulumi/pulumi/proto/analyzer_pb).
interface Struct {
  toJavaScript(): Record<string, unknown>;
}
interface ConfigureRequest {
  getPolicyconfigMap(): { entries(): Iterable<[string, { getEnforcementlevel(): number; getProperties(): Struct | undefined }]> };
}
interface ConfigureStackRequest {
  getStack(): string;
  getProject(): string;
  getOrganization(): string;
  getDryRun(): boolean;
  getConfigMap(): { entries(): Iterable<[string, string]> };
  getConfigSecretKeysList(): string[];
}
interface StackResource {
  getUrn(): string;
  getType(): string;
  getName(): string;
  getParent(): string;
  getProperties(): Struct | undefined;
  getOptions(): { getProtect(): boolean; getAliasesList(): string[] } | undefined;
  getProvider(): { getUrn(): string } | undefined;
  getPropertydependenciesMap(): { entries(): Iterable<[string, { getUrnsList(): string[] }]> };
}
interface AnalyzeStackRequest {
  getResourcesList(): StackResource[];
}
type Handler = (call: { request: unknown }, callback: (err: unknown, value?: unknown) => void) => unknown;
type Impl = Record<string, Handler>;

function readConfigure(request: ConfigureRequest): PackConfigMap {
  const out: PackConfigMap = {};
  for (const [name, entry] of request.getPolicyconfigMap().entries()) {
    const level = ENFORCEMENT[entry.getEnforcementlevel()];
    if (!level) throw new Error("the engine sent an enforcement level this pack does not know");
    out[name] = { ...(entry.getProperties()?.toJavaScript() ?? {}), enforcementLevel: level };
  }
  return out;
}

function readConfigureStack(request: ConfigureStackRequest): StackInfo {
  const secret = new Set(request.getConfigSecretKeysList());
  const config: Record<string, string> = {};
  for (const [key, value] of request.getConfigMap().entries()) config[key] = secret.has(key) ? "[secret]" : value;
  return { organization: request.getOrganization(), project: request.getProject(), stack: request.getStack(), dryRun: request.getDryRun(), config };
}

export function readAnalyzeStack(request: AnalyzeStackRequest): AnalyzedResource[] {
  return request.getResourcesList().map((r) => ({
    urn: r.getUrn(),
    type: r.getType(),
    name: r.getName(),
    parent: r.getParent() || null,
    provider: r.getProvider()?.getUrn() || null,
    protect: r.getOptions()?.getProtect() === true,
    ...(r.getOptions()?.getAliasesList().length ? { aliases: [...r.getOptions()!.getAliasesList()] } : {}),
    props: stateForm(r.getProperties()?.toJavaScript() ?? {}),
    propertyDependencies: Object.fromEntries([...r.getPropertydependenciesMap().entries()].map(([key, deps]) => [key, deps.getUrnsList()])),
  }));
}

/**
 * Runs `record` on the request (and waits for it when it returns a promise), then the original
 * handler; a failed record fails the call.
 */
function wrap(original: Handler, record: (request: never) => void | Promise<void>): Handler {
  return (call, callback) => {
    const fail = (err: unknown) => callback(err instanceof Error ? err : new Error("the policy pack could not read the request"));
    let pending: void | Promise<void>;
    try {
      pending = record(call.request as never);
    } catch (err) {
      fail(err);
      return;
    }
    if (!pending) return original(call, callback);
    pending.then(() => original(call, callback), fail);
  };
}

/**
 * The engine calls Remediate and Analyze for every resource, one at a time, so each millisecond
 * spent there multiplies. A pack of stack policies only has nothing to say there: @pulumi/policy
 * would still deserialize every resource's properties before finding that out. These answer the
 * same empty responses at once.
 */
function emptyPerResourceHandlers(fromPolicy: NodeRequire): Impl {
  const pb = fromPolicy("@pulumi/pulumi/proto/analyzer_pb") as { AnalyzeResponse: new () => unknown; RemediateResponse: new () => unknown };
  return {
    analyze: (_call, callback) => callback(null, new pb.AnalyzeResponse()),
    remediate: (_call, callback) => callback(null, new pb.RemediateResponse()),
  };
}

type ServiceDefinition = Record<string, { requestDeserialize: (bytes: Buffer) => unknown }>;

/** What an unread request becomes (grpc-js refuses a missing one). */
const UNREAD = Object.freeze({});

function withUnreadRequests(service: ServiceDefinition, methods: readonly string[]): ServiceDefinition {
  const copy: ServiceDefinition = { ...service };
  for (const m of methods) if (copy[m]) copy[m] = { ...copy[m], requestDeserialize: () => UNREAD };
  return copy;
}

/**
 * Installs the hooks for the next analyzer service registered (call it right before `new
 * PolicyPack`, which registers it synchronously); returns a function that removes the patch.
 * With `stackPoliciesOnly` (true when the pack has no resource policy), the per-resource calls
 * are answered without @pulumi/policy.
 */
export function interceptAnalyzer(hooks: AnalyzerHooks, options: { stackPoliciesOnly: boolean }): () => void {
  // The grpc-js instance @pulumi/policy itself loads.
  const fromPolicy = createRequire(createRequire(import.meta.url).resolve("@pulumi/policy"));
  const grpc = fromPolicy("@grpc/grpc-js") as { Server: { prototype: { addService(service: unknown, impl: Impl): void } } };
  const proto = grpc.Server.prototype;
  const original = proto.addService;
  proto.addService = function (this: unknown, service: unknown, impl: Impl) {
    if (impl && typeof impl["analyzeStack"] === "function" && typeof impl["configure"] === "function") {
      // The per-resource requests carry every property of the resource; with empty answers
      // there is no reason to parse them at all.
      if (options.stackPoliciesOnly) service = withUnreadRequests(service as ServiceDefinition, ["analyze", "remediate"]);
      impl = {
        ...impl,
        ...(options.stackPoliciesOnly ? emptyPerResourceHandlers(fromPolicy) : {}),
        configure: wrap(impl["configure"], (r: ConfigureRequest) => hooks.onConfigure(readConfigure(r))),
        analyzeStack: wrap(impl["analyzeStack"], (r: AnalyzeStackRequest) => hooks.onAnalyzeStack(readAnalyzeStack(r))),
        ...(typeof impl["configureStack"] === "function"
          ? { configureStack: wrap(impl["configureStack"], (r: ConfigureStackRequest) => hooks.onConfigureStack(readConfigureStack(r))) }
          : {}),
      };
    }
    return original.call(this, service, impl);
  };
  return () => {
    proto.addService = original;
  };
}
