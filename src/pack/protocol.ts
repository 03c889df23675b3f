// The analyzer protocol's messages as the pack reads and writes them: the configuration requests
// as the engine sent them (each policy's config, the stack's name and config), and the answers:
// the pack's policies (GetAnalyzerInfo) and each finding as a diagnostic. The AnalyzeStack request
// is read from its bytes (src/pack/goal.ts).
import type * as AnalyzerPb from "@pulumi/pulumi/proto/analyzer_pb.js";
import type { PackPolicy } from "./policies.js";
import { protocol } from "./server.js";

/** Pulumi's EnforcementLevel enum (analyzer.proto), as Pulumi's config files name the levels. */
const ENFORCEMENT = ["advisory", "mandatory", "disabled", "remediate"] as const;
export type PulumiEnforcement = (typeof ENFORCEMENT)[number];

const SEVERITY = ["unspecified", "low", "medium", "high", "critical"] as const;

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

export function readConfigure(request: AnalyzerPb.ConfigureAnalyzerRequest): PackConfigMap {
  const out: PackConfigMap = {};
  for (const [name, entry] of request.getPolicyconfigMap().entries()) {
    const level = ENFORCEMENT[entry.getEnforcementlevel()];
    if (!level) throw new Error("the engine sent an enforcement level this pack does not know");
    out[name] = { ...(entry.getProperties()?.toJavaScript() ?? {}), enforcementLevel: level };
  }
  return out;
}

export function readConfigureStack(request: AnalyzerPb.AnalyzerStackConfigureRequest): StackInfo {
  const secret = new Set(request.getConfigSecretKeysList());
  const config: Record<string, string> = {};
  for (const [key, value] of request.getConfigMap().entries()) config[key] = secret.has(key) ? "[secret]" : value;
  return { organization: request.getOrganization(), project: request.getProject(), stack: request.getStack(), dryRun: request.getDryRun(), config };
}

/** The pack and its policies, as GetAnalyzerInfo describes them (the engine checks the config against the schemas). */
export function analyzerInfo(name: string, version: string, policies: readonly PackPolicy[]): AnalyzerPb.AnalyzerInfo {
  const { analyzer, struct } = protocol();
  const info = new analyzer.AnalyzerInfo().setName(name).setVersion(version).setSupportsconfig(true);
  info.setPoliciesList(
    policies.map((p) => {
      const policy = new analyzer.PolicyInfo()
        .setPolicyType(analyzer.PolicyType.POLICY_TYPE_STACK)
        .setName(p.name)
        .setDescription(p.description)
        .setEnforcementlevel(ENFORCEMENT.indexOf(p.enforcement));
      if (p.displayName) policy.setDisplayname(p.displayName);
      if (p.severity) policy.setSeverity(SEVERITY.indexOf(p.severity));
      if (p.remediation) policy.setRemediationSteps(p.remediation);
      if (p.configSchema) {
        const schema = new analyzer.PolicyConfigSchema().setProperties(struct.Struct.fromJavaScript(p.configSchema.properties as never));
        if (p.configSchema.required) schema.setRequiredList(p.configSchema.required);
        policy.setConfigschema(schema);
      }
      return policy;
    }),
  );
  return info;
}

export interface Diagnostic {
  policy: PackPolicy;
  message: string;
  urn: string | undefined;
  level: "advisory" | "mandatory";
}

export function analyzeResponse(name: string, version: string, diagnostics: readonly Diagnostic[]): AnalyzerPb.AnalyzeResponse {
  const { analyzer } = protocol();
  return new analyzer.AnalyzeResponse().setDiagnosticsList(
    diagnostics.map((d) => {
      const out = new analyzer.AnalyzeDiagnostic()
        .setPolicyname(d.policy.name)
        .setPolicypackname(name)
        .setPolicypackversion(version)
        .setDescription(d.policy.description)
        .setMessage(d.message)
        .setEnforcementlevel(ENFORCEMENT.indexOf(d.level));
      if (d.urn) out.setUrn(d.urn);
      if (d.policy.severity) out.setSeverity(SEVERITY.indexOf(d.policy.severity));
      return out;
    }),
  );
}
