// Entry point run by `pulumi` through the root Pulumi.yaml.
// The tenants file is `infra/tenants.yaml` unless BLASTGUARD_TENANTS_FILE or the stack config
// `blastguard-infra:tenantsFile` names another (a relative path is taken from the project root).
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { TenantsFileError, loadTenantsFile, type TenantsFile } from "./model";
import { DEFAULT_REGIONS, defineInfra } from "./program";

const projectRoot = path.resolve(__dirname, "..");
const config = new pulumi.Config();
const tenantsFile = process.env["BLASTGUARD_TENANTS_FILE"] || config.get("tenantsFile") || "infra/tenants.yaml";

function load(): TenantsFile {
  try {
    return loadTenantsFile(path.resolve(projectRoot, tenantsFile));
  } catch (err) {
    // A RunError fails the preview with just this message, without a stack trace.
    if (err instanceof TenantsFileError) throw new pulumi.RunError(err.message);
    throw err;
  }
}

const model = load();
const infra = defineInfra(model, {
  regions: {
    primary: config.get("primaryRegion") ?? DEFAULT_REGIONS.primary,
    dr: config.get("drRegion") ?? DEFAULT_REGIONS.dr,
  },
});

export const regions = infra.regions;
export const tenantIds = model.tenants.map((tenant) => tenant.id);
export const customerContactsTable = infra.shared.contacts.name;
