// What the pack decides, loaded once the engine has what it needs to run the program: the config
// validated by the one zod schema, the prior state read by the readers, and the evaluation
// `blastguard check` runs (evaluateChangeSet: the same Wasm bundle in the same worker), once per
// preview, on the whole stack.
import { resolve as resolvePath } from "node:path";
import { evaluateChangeSet } from "../check.js";
import { loadCatalog } from "../engine/bundle.js";
import { PolicyEvaluator } from "../engine/evaluate.js";
import { buildPolicyInput } from "../engine/input.js";
import { InputError } from "../errors.js";
import { loadIntent } from "../intent/load.js";
import type { ChangeSet } from "../model/changeset.js";
import { defaultConfig } from "../model/config.js";
import type { Finding } from "../model/report.js";
import { changeSetFromAnalyzer, existingStateFromAnalyzer } from "../readers/analyzer.js";
import type { ReadLimits } from "../readers/bytes.js";
import { stackConfig } from "../readers/common.js";
import { readChangeSet } from "../readers/index.js";
import type { AnalyzedResource } from "../readers/wire.js";
import { toPackConfig, type PackConfig } from "./config.js";
import type { PackConfigMap, StackInfo } from "./protocol.js";

const EMPTY_CHANGE: ChangeSet = {
  source: { format: "state", stack_config: {}, failed: false, digest: "" },
  inventory: { complete: true, max_prior_resources: 0 },
  steps: [],
  resources: [],
  diagnostics: [],
};

export class Decider {
  private readonly evaluator = new PolicyEvaluator();
  private readonly policyIds = new Set(loadCatalog().policies.map((p) => p.id));
  /** The Wasm is loaded and run once while the engine runs the program. */
  private readonly warm: Promise<void>;

  constructor() {
    const config = defaultConfig();
    this.warm = this.evaluator.evaluate(buildPolicyInput(EMPTY_CHANGE, config), config.limits.evalTimeoutSeconds * 1000).then(
      () => undefined,
      () => undefined, // the real evaluation reports the failure
    );
  }

  packConfig(map: PackConfigMap): PackConfig {
    return toPackConfig(map, this.policyIds);
  }

  priorState(bytes: Uint8Array, label: string, limits: ReadLimits): ChangeSet {
    const change = readChangeSet(bytes, label, { limits });
    if (change.source.format !== "state" && change.source.format !== "checkpoint") {
      throw new InputError(`${label}: the prior state must be a stack export or checkpoint, not a ${change.source.format}`);
    }
    return change;
  }

  /**
   * The open findings on the goal. Without a prior state (`pulumi policy analyze`) the goal is
   * the stack's existing state, its own prior state.
   */
  async findings(goal: AnalyzedResource[], prior: ChangeSet | null, stack: StackInfo | null, packConfig: PackConfig): Promise<Finding[]> {
    await this.warm;
    const { config, intentPath } = packConfig;
    const intent = intentPath ? loadIntent(resolvePath(process.env["BLASTGUARD_PROGRAM_DIR"] ?? process.cwd(), intentPath), config) : null; // relative to the program, not the pack
    const change = prior ? changeSetFromAnalyzer({ goal, prior, stackConfig: stackConfig(stack?.config) }) : existingStateFromAnalyzer(goal);
    const { report } = await evaluateChangeSet(change, "pulumi preview (policy pack)", { config, evaluator: this.evaluator, withPriorState: true, intent });
    return report.findings.filter((f) => f.status === "open");
  }
}
