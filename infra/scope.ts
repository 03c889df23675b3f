// Scope labels. Every tenant resource sits under the components of its tenant, site and app; one
// stack-wide transformation copies that scope into the tags of every taggable resource, so the
// cloud side carries the same scope as the URN parent chain.
import * as pulumi from "@pulumi/pulumi";

export const TAG_KEYS = {
  tenant: "blastguard:tenant",
  site: "blastguard:site",
  app: "blastguard:app",
  dataClass: "blastguard:data-class",
} as const;

export const COMPONENT_TYPES = {
  tenant: "blastguard:tenancy:Tenant",
  site: "blastguard:tenancy:Site",
  app: "blastguard:tenancy:App",
  shared: "blastguard:platform:Shared",
} as const;

/** Resource types that hold customer data (or copies of it). Anything else is `internal`. */
export const CUSTOMER_DATA_TYPES: ReadonlySet<string> = new Set([
  "aws:s3/bucket:Bucket",
  "aws:dynamodb/table:Table",
  "aws:backup/vault:Vault",
]);

export interface Scope {
  tenant?: string;
  site?: string;
  app?: string;
}

const scopes = new WeakMap<pulumi.Resource, Scope>();

/** Components state their own scope; every other resource inherits its parent's. */
export function declareScope(resource: pulumi.Resource, scope: Scope): void {
  scopes.set(resource, scope);
}

export function scopeOf(resource: pulumi.Resource | undefined): Scope {
  return (resource && scopes.get(resource)) || {};
}

export function scopeTags(type: string, scope: Scope): Record<string, string> {
  const tags: Record<string, string> = {};
  if (scope.tenant) tags[TAG_KEYS.tenant] = scope.tenant;
  if (scope.site) tags[TAG_KEYS.site] = scope.site;
  if (scope.app) tags[TAG_KEYS.app] = scope.app;
  tags[TAG_KEYS.dataClass] = CUSTOMER_DATA_TYPES.has(type) ? "customer" : "internal";
  return tags;
}

type Tags = Record<string, string> | undefined;

/**
 * The one stack-wide transformation. It runs in the SDK (not in the engine), so Pulumi's mocks see
 * its result too; `registerResourceTransform` runs in the engine and mocks never run it. A resource
 * type is taggable when its SDK class declares a `tags` input.
 */
export const tagWithScope: pulumi.ResourceTransformation = (args) => {
  const scope = scopeOf(args.opts.parent);
  scopes.set(args.resource, scope);
  if (!("tags" in args.props)) return undefined;
  const labels = scopeTags(args.type, scope);
  const given = args.props["tags"] as pulumi.Input<Tags>;
  const tags = pulumi.Output.isInstance(given)
    ? given.apply((t) => ({ ...t, ...labels }))
    : { ...(given as Tags), ...labels };
  return { props: { ...args.props, tags }, opts: args.opts };
};

export function registerScopeTags(): void {
  pulumi.runtime.registerStackTransformation(tagWithScope);
}
