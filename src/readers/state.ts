// `pulumi stack export` output and file-backend checkpoint files (versions 1-4). Alone, a state
// is checked as it stands (every resource `same`); beside a preview or plan (--state) it gives
// the prior state and the totals the change lacks.
import { z } from "zod";
import { InputError } from "../errors.js";
import type { ChangeSet, Resource } from "../model/changeset.js";
import { parseWith, stackConfig } from "./common.js";
import { normaliseState, parseUrn, providerUrn, PulumiState, resourceKind } from "./resource.js";

/** Feature flags this reader understands (Pulumi refuses files with flags it does not know). */
const knownFeatures = new Set(["refreshBeforeUpdate"]);

const Deployment = z.looseObject({
  manifest: z.looseObject({}).optional(),
  resources: z.array(PulumiState).nullish(),
});

const Version = z.number().int().min(1).max(4);
const Features = z.array(z.string()).optional();

export const StackExport = z.looseObject({ version: Version, features: Features, deployment: Deployment });
export const Checkpoint = z.looseObject({
  version: Version,
  features: Features,
  checkpoint: z.looseObject({ config: z.record(z.string(), z.unknown()).nullish(), latest: Deployment.nullish() }),
});

function checkVersion(doc: unknown, label: string): void {
  const v = (doc as { version?: unknown }).version;
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > 4) {
    throw new InputError(`${label}: unsupported state version (supported: 1 to 4)`);
  }
  const features = (doc as { features?: unknown }).features;
  if (features !== undefined) {
    if (!Array.isArray(features) || features.some((f) => typeof f !== "string" || !knownFeatures.has(f))) {
      throw new InputError(`${label}: state uses features this guard does not understand`);
    }
  }
}

export function stateResources(resources: readonly PulumiState[], label: string): Resource[] {
  const live = new Map<string, Resource>();
  for (const s of resources) {
    // Old copies pending deletion after a replacement may share a URN with the live resource.
    if (s.delete === true) continue;
    if (live.has(s.urn)) throw new InputError(`${label}: state lists the same URN twice (integrity error)`);
    const parts = parseUrn(s.urn, label);
    const type = s.type ?? parts.type;
    const state = normaliseState(s, "before", label);
    live.set(s.urn, {
      urn: s.urn,
      type,
      name: parts.name,
      kind: resourceKind(type, s.custom ?? false),
      parent: s.parent || null,
      provider: providerUrn(s.provider),
      op: "same",
      before: state,
      after: state,
      source_position: s.sourcePosition ?? null,
    });
  }
  return [...live.values()];
}

export function readState(doc: unknown, label: string, digest: string, kind: "state" | "checkpoint"): ChangeSet {
  checkVersion(doc, label);
  let deployment: z.infer<typeof Deployment> | null | undefined;
  let config: Record<string, unknown> | undefined;
  if (kind === "state") {
    deployment = parseWith(StackExport, doc, label, "stack export").deployment;
  } else {
    const c = parseWith(Checkpoint, doc, label, "checkpoint").checkpoint;
    deployment = c.latest;
    config = c.config ?? undefined;
  }
  const resources = stateResources(deployment?.resources ?? [], label);
  return {
    source: { format: kind, stack_config: stackConfig(config), failed: false, digest },
    inventory: { complete: true, max_prior_resources: resources.length },
    steps: [],
    resources,
    diagnostics: [],
  };
}
