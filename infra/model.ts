// The tenants file: tenants, their sites and the apps of each site, validated before any
// resource is declared. Each kind of ID has its own format, so one can never pass for another.
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { z } from "zod";

export const ID_FORMATS = {
  tenant: /^tenant-[a-z0-9]+$/,
  site: /^site-[0-9]+$/,
  app: /^app-[0-9]+$/,
} as const;

export type UnitKind = keyof typeof ID_FORMATS;

const EXAMPLES: Record<UnitKind, string> = { tenant: "a tenant ID like tenant-acme", site: "a site ID like site-9", app: "an app ID like app-123" };

const idOf = (kind: UnitKind) =>
  z.string().regex(ID_FORMATS[kind], { message: `must be ${EXAMPLES[kind]} (${ID_FORMATS[kind].source})` });

/**
 * `decommissioning: true` is the first half of the two-phase delete: the unit's data stores lose
 * `protect`, `retainOnDelete` and cloud deletion protection in a reviewed update, so that a later
 * change may remove the unit. Copies in the DR region keep `retainOnDelete` and outlive it.
 */
const lifecycle = { decommissioning: z.boolean().default(false) };

const appSchema = z.strictObject({
  id: idOf("app"),
  name: z.string().min(1),
  ...lifecycle,
  /** Hash key of the app's records table; changing it replaces the table (force-new in AWS). */
  recordsKey: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/).default("id"),
  /**
   * Whether the app's bucket is replicated to the DR region (its table is always covered by the
   * tenant's backup plan). Turning it off is a change the guard must refuse.
   */
  bucketReplication: z.boolean().default(true),
});

const siteSchema = z.strictObject({
  id: idOf("site"),
  name: z.string().min(1),
  ...lifecycle,
  apps: z.array(appSchema).min(1),
  /**
   * Where the site's app components sit in the resource tree (default: under the site). `tenant` is a refactor: the apps
   * move up under the tenant with an alias to their old parent (the site), so the engine keeps
   * every app resource as it is (no cloud change) under new URNs.
   */
  appsParent: z.enum(["site", "tenant"]).optional(),
});

const tenantSchema = z.strictObject({
  id: idOf("tenant"),
  name: z.string().min(1),
  ...lifecycle,
  sites: z.array(siteSchema).min(1),
});

export const tenantsFileSchema = z.strictObject({ tenants: z.array(tenantSchema) });

export type TenantsFile = z.infer<typeof tenantsFileSchema>;
export type TenantSpec = TenantsFile["tenants"][number];
export type SiteSpec = TenantSpec["sites"][number];
export type AppSpec = SiteSpec["apps"][number];

/** Raised for a tenants file that does not parse or validate; the message names each bad entry. */
export class TenantsFileError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source}: invalid tenants file:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "TenantsFileError";
  }
}

/** `["tenants", 1, "sites", 0, "id"]` -> `tenants[1].sites[0].id` */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : `${i === 0 ? "" : "."}${String(part)}`))
    .join("");
}

function duplicateIds(file: TenantsFile): string[] {
  const firstSeen = new Map<string, string>();
  const problems: string[] = [];
  const visit = (id: string, where: string) => {
    const earlier = firstSeen.get(id);
    if (earlier) problems.push(`${where}: duplicate ID "${id}" (already used at ${earlier})`);
    else firstSeen.set(id, where);
  };
  file.tenants.forEach((tenant, t) => {
    visit(tenant.id, `tenants[${t}].id`);
    tenant.sites.forEach((site, s) => {
      visit(site.id, `tenants[${t}].sites[${s}].id`);
      site.apps.forEach((app, a) => visit(app.id, `tenants[${t}].sites[${s}].apps[${a}].id`));
    });
  });
  return problems;
}

/** Validates an already-parsed document: shape and ID formats first, then global uniqueness. */
export function parseTenants(document: unknown, source = "tenants file"): TenantsFile {
  const result = tenantsFileSchema.safeParse(document);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${formatPath(issue.path) || "(root)"}: ${issue.message}`);
    throw new TenantsFileError(source, problems);
  }
  const duplicates = duplicateIds(result.data);
  if (duplicates.length > 0) throw new TenantsFileError(source, duplicates);
  return result.data;
}

export function loadTenantsFile(file: string): TenantsFile {
  let document: unknown;
  try {
    document = parseYaml(readFileSync(file, "utf8"));
  } catch (err) {
    throw new TenantsFileError(file, [err instanceof Error ? err.message : String(err)]);
  }
  return parseTenants(document, file);
}
