// A tenant and its sites. The tenant holds its backup: a vault in the primary region, a plan whose
// rule copies every recovery point to a vault in the DR region, and a selection of the tenant's
// tables by tag, so adding or removing an app never changes a tenant-level resource.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { App } from "./app";
import type { InfraContext } from "./context";
import type { SiteSpec, TenantSpec } from "./model";
import { dataStoreOptions } from "./protection";
import { COMPONENT_TYPES, TAG_KEYS, declareScope } from "./scope";

export class Site extends pulumi.ComponentResource {
  readonly apps: App[];

  constructor(spec: SiteSpec, tenant: TenantSpec, ctx: InfraContext, opts: pulumi.ComponentResourceOptions) {
    super(COMPONENT_TYPES.site, spec.id, {}, opts);
    declareScope(this, { tenant: tenant.id, site: spec.id });
    const decommissioning = tenant.decommissioning || spec.decommissioning;
    // Moved up under the tenant, an app keeps its identity through an alias to its old parent.
    const placement: pulumi.ComponentResourceOptions =
      spec.appsParent === "tenant" ? { parent: opts.parent, aliases: [{ parent: this }] } : { parent: this };
    this.apps = spec.apps.map((app) => new App(app, { tenant: tenant.id, site: spec.id, decommissioning }, ctx, placement));
    this.registerOutputs({});
  }
}

export class Tenant extends pulumi.ComponentResource {
  readonly sites: Site[];
  readonly vault: aws.backup.Vault;
  readonly drVault: aws.backup.Vault;
  readonly plan: aws.backup.Plan;
  readonly selection: aws.backup.Selection;

  constructor(spec: TenantSpec, ctx: InfraContext, opts: pulumi.ComponentResourceOptions = {}) {
    super(COMPONENT_TYPES.tenant, spec.id, {}, opts);
    declareScope(this, { tenant: spec.id });
    const primary = { parent: this, provider: ctx.primary };

    this.vault = new aws.backup.Vault(
      `${spec.id}-backup`,
      { name: `${spec.id}-backup` },
      { ...primary, ...dataStoreOptions("primary", spec.decommissioning) },
    );
    this.drVault = new aws.backup.Vault(
      `${spec.id}-backup-dr`,
      { name: `${spec.id}-backup-dr` },
      { parent: this, provider: ctx.dr, ...dataStoreOptions("dr-copy", spec.decommissioning) },
    );
    const retention = { deleteAfter: 35 };
    this.plan = new aws.backup.Plan(
      `${spec.id}-daily`,
      {
        name: `${spec.id}-daily`,
        rules: [
          {
            ruleName: "daily-with-dr-copy",
            targetVaultName: this.vault.name,
            schedule: "cron(0 3 * * ? *)",
            lifecycle: retention,
            copyActions: [{ destinationVaultArn: this.drVault.arn, lifecycle: retention }],
          },
        ],
      },
      primary,
    );
    this.selection = new aws.backup.Selection(
      `${spec.id}-tables`,
      {
        name: `${spec.id}-tables`,
        planId: this.plan.id,
        iamRoleArn: ctx.backupRoleArn,
        resources: [`arn:aws:dynamodb:${ctx.regions.primary}:*:table/*`],
        conditions: [{ stringEquals: [{ key: `aws:ResourceTag/${TAG_KEYS.tenant}`, value: spec.id }] }],
      },
      primary,
    );

    this.sites = spec.sites.map((site) => new Site(site, spec, ctx, { parent: this }));
    this.registerOutputs({});
  }
}
