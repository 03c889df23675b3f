// The whole stack from a validated tenants file. Tests call `defineInfra` under Pulumi's mocks;
// `index.ts` calls it under the real engine.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { InfraContext, Regions } from "./context";
import type { TenantsFile } from "./model";
import { registerScopeTags } from "./scope";
import { SharedPlatform } from "./shared";
import { Tenant } from "./tenant";

export const DEFAULT_REGIONS: Regions = { primary: "eu-west-1", dr: "eu-central-1" };

export interface InfraOptions {
  regions?: Regions;
  /**
   * More stack-wide transformations, run after the scope tags. The tests use them to break the
   * program on purpose (drop `protect`, a tag, a copy) and show that their checks notice.
   */
  transformations?: pulumi.ResourceTransformation[];
}

export interface Infra {
  regions: Regions;
  shared: SharedPlatform;
  tenants: Tenant[];
}

export function defineInfra(model: TenantsFile, options: InfraOptions = {}): Infra {
  const regions = options.regions ?? DEFAULT_REGIONS;
  if (regions.primary === regions.dr) {
    throw new Error(`the DR region must differ from the primary region (both are ${regions.primary})`);
  }
  registerScopeTags();
  for (const transformation of options.transformations ?? []) {
    pulumi.runtime.registerStackTransformation(transformation);
  }
  const primary = new aws.Provider("aws-primary", { region: regions.primary });
  const dr = new aws.Provider("aws-dr", { region: regions.dr });
  const shared = new SharedPlatform(regions, primary);
  const ctx: InfraContext = {
    regions,
    primary,
    dr,
    backupRoleArn: shared.backupRole.arn,
    replicationRoleArn: shared.replicationRole.arn,
  };
  const tenants = model.tenants.map((tenant) => new Tenant(tenant, ctx));
  return { regions, shared, tenants };
}
