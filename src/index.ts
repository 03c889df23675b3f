// The library API: the same path the CLI takes.
export { check, evaluateChangeSet, readInputs, type CheckOptions, type Timings } from "./check.js";
export { loadConfig, parseConfig } from "./config/load.js";
export { loadCatalog, loadBundle, type PolicyMeta } from "./engine/bundle.js";
export { PolicyEvaluator } from "./engine/evaluate.js";
export { ConfigError, EvaluationError, GuardError, InputError, LimitError, PolicyLoadError } from "./errors.js";
export { ChangeSet, Resource } from "./model/changeset.js";
export { Config, defaultConfig } from "./model/config.js";
export { Report } from "./model/report.js";
export { DEFAULT_LIMITS, mergePriorState, readChangeSet } from "./readers/index.js";
export { exitCode } from "./report/build.js";
export { formats, formatNames } from "./report/formats.js";
