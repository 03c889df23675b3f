// The Pulumi policy pack: a thin adapter over the evaluation the CLI uses. One stack policy per
// blastguard policy id, named by it, described and enforced by its METADATA; the goal is evaluated
// once per preview, when the engine sends it, and each policy reports its own findings. A pack
// that cannot decide (no prior state, a bad config, an engine failure) fails the preview: it never
// passes silently.
//
// Start-up is on the engine's critical path: it starts the program only after the pack has
// printed its port and answered ConfigureStack, GetAnalyzerInfo and Configure. So this module
// loads only the gRPC server and plain JSON (src/pack/server.ts, policies.ts); the config's
// schema, the readers and the evaluator (src/pack/decide.ts) load right after Configure is
// answered, while the engine runs the program, and the prior state is exported meanwhile.
import { createRequire } from "node:module";
import { InputError, LimitError } from "../errors.js";
import type { ChangeSet } from "../model/changeset.js";
import { DEFAULT_LIMITS, type ReadLimits } from "../readers/bytes.js";
import type { PackConfig } from "./config.js";
import type { Decider } from "./decide.js";
import { packInfo, type PackInfo } from "./policies.js";
import { NO_PREVIEW_PHASE, markPreviewPassed, takePreviewMark } from "./preview-phase.js";
import { readPriorSource, stackReference, type PriorSource } from "./prior-state.js";
import { readAnalyzeStack } from "./goal.js";
import { analyzeResponse, analyzerInfo, readConfigure, readConfigureStack, type Diagnostic, type PackConfigMap, type StackInfo } from "./protocol.js";
import { packError, protocol, serve } from "./server.js";

/** The name the engine shows the pack by (also the name of its own entry, PACK_POLICY). */
const PACK_NAME = "blastguard";

type PriorState = PriorSource & { state?: Promise<ChangeSet> };

class Pack {
  private rawConfig: PackConfigMap = {};
  private validated: PackConfig | null = null;
  private stack: StackInfo | null = null;
  private prior: PriorState | null = null;
  private decider: Promise<Decider> | null = null;

  constructor(private readonly info: PackInfo) {}

  /** The config schema, the readers and the evaluator (which starts loading the Wasm). */
  private load(): Promise<Decider> {
    return (this.decider ??= import("./decide.js").then((m) => new m.Decider()));
  }

  private async packConfig(): Promise<PackConfig> {
    const decider = await this.load();
    return (this.validated ??= decider.packConfig(this.rawConfig));
  }

  private stackKey(info: StackInfo): string {
    return stackReference(info.organization, info.project, info.stack);
  }

  /** Reads the prior state's bytes once per source; a new source (from the config) replaces the old. */
  private priorSource(config: PackConfig | null, limits: ReadLimits): PriorState {
    let key: string;
    if (config?.priorStatePath) key = `file:${config.priorStatePath}`;
    else if (config?.stackReference) key = `stack:${config.stackReference}`;
    else if (this.stack) key = `stack:${this.stackKey(this.stack)}`;
    else throw new Error("no stack");
    if (this.prior?.key !== key) this.prior = readPriorSource(key, limits);
    return this.prior;
  }

  private async priorState(): Promise<ChangeSet> {
    const [decider, config] = [await this.load(), await this.packConfig()];
    const limits = { maxBytes: config.config.limits.maxInputBytes, maxDepth: config.config.limits.maxDepth };
    const source = this.priorSource(config, limits);
    source.state ??= source.bytes.then((bytes) => {
      if (bytes.byteLength > limits.maxBytes) throw new LimitError(`${source.label}: larger than the input size limit (maxInputBytes = ${limits.maxBytes} bytes)`);
      return decider.priorState(bytes, source.label, limits);
    });
    return source.state;
  }

  /**
   * The first call, before the program runs. A preview starts exporting the prior state and
   * answers at once (the export runs while the engine runs the program). An update runs its
   * deletions before the pack is shown the change: it goes on only after a preview phase of the
   * same `pulumi up` found nothing blocking, and only once the prior state is read, before any
   * step has changed it.
   */
  async configureStack(info: StackInfo): Promise<void> {
    this.stack = info;
    if (info.dryRun) {
      void this.priorSource(null, DEFAULT_LIMITS).bytes.catch(() => undefined); // reported by AnalyzeStack
      return;
    }
    if (!takePreviewMark(this.stackKey(info))) throw new InputError(NO_PREVIEW_PHASE);
    await this.priorState();
  }

  /**
   * The engine configures the pack after ConfigureStack and before it runs the program. A preview
   * answers at once and validates the config while the program runs (AnalyzeStack fails on an
   * invalid one); the engine has already checked it against the policies' JSON Schemas. An update
   * waits until the config is valid and the prior state it names is read, so that no step runs
   * before that.
   */
  async configure(map: PackConfigMap): Promise<void> {
    this.rawConfig = map;
    this.validated = null;
    if (this.stack && !this.stack.dryRun) {
      await this.priorState();
      return;
    }
    setImmediate(() => {
      if (this.stack) void this.priorState().catch(() => undefined); // reported by AnalyzeStack
      else void this.load().catch(() => undefined);
    });
  }

  /**
   * `pulumi policy analyze` never calls ConfigureStack (preview and update always do, before
   * anything else): what it shows is a stack's existing state, not a change. A prior state the
   * config names explicitly is still compared with it.
   */
  private analyzingExistingState(config: PackConfig): boolean {
    return this.stack === null && !config.priorStatePath && !config.stackReference;
  }

  async analyzeStack(request: Uint8Array): Promise<Diagnostic[]> {
    const goal = readAnalyzeStack(request);
    const [decider, config] = [await this.load(), await this.packConfig()];
    const prior = this.analyzingExistingState(config) ? null : await this.priorState();
    const findings = await decider.findings(goal, prior, this.stack, config);
    const byName = new Map(this.info.policies.map((p) => [p.name, p]));
    const diagnostics: Diagnostic[] = [];
    for (const f of findings) {
      const policy = byName.get(f.policy);
      if (!policy) throw new Error(`a finding of a policy the pack does not list (${f.policy})`);
      if (this.rawConfig[f.policy]?.enforcementLevel === "disabled") continue; // as Pulumi skips a disabled policy
      const undecided = f.level === "undecided" ? " (undecided: an input the decision needs is missing; blocked)" : "";
      diagnostics.push({ policy, message: `${f.message}${undecided}`, urn: f.urn ?? undefined, level: f.level === "warning" ? "advisory" : "mandatory" });
    }
    if (this.stack?.dryRun && !diagnostics.some((d) => d.level === "mandatory")) markPreviewPassed(this.stackKey(this.stack));
    return diagnostics;
  }
}

/** Whether a peer dependency resolves from here. */
function peerInstalled(name: string): boolean {
  try {
    createRequire(import.meta.url).resolve(name);
    return true;
  } catch {
    return false;
  }
}

/** Starts the policy pack's analyzer server (what `pulumi preview --policy-pack` talks to). */
export function startPolicyPack(): void {
  if (!peerInstalled("@pulumi/pulumi")) {
    // one line for the engine's diagnostics, not a module-resolution stack trace
    process.stderr.write("blastguard/pack: the peer dependency @pulumi/pulumi is not installed; run npm install @pulumi/pulumi@^3.204.0 beside blastguard\n");
    process.exitCode = 1;
    return;
  }
  let info: PackInfo;
  try {
    info = packInfo();
  } catch (err) {
    process.stderr.write(`${packError(err).message}\n`);
    process.exitCode = 1;
    return;
  }
  const pack = new Pack(info);
  const version = info.version;
  serve({
    getPluginInfo: () => new (protocol().plugin.PluginInfo)().setVersion(version),
    getAnalyzerInfo: () => analyzerInfo(PACK_NAME, version, info.policies),
    configureStack: async (request) => {
      await pack.configureStack(readConfigureStack(request));
      return new (protocol().analyzer.AnalyzerStackConfigureResponse)();
    },
    configure: async (request) => {
      await pack.configure(readConfigure(request));
      return new (protocol().empty.Empty)();
    },
    analyzeStack: async (request) => analyzeResponse(PACK_NAME, version, await pack.analyzeStack(request)),
  });
}
