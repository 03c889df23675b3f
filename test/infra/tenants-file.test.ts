// The tenants file: each kind of ID has its own format, IDs are unique across the file, and a bad
// entry stops the program (and so `pulumi preview`) with a message naming it.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { stringify } from "yaml";
import { ID_FORMATS, TenantsFileError, loadTenantsFile, parseTenants } from "../../infra/model.js";

const app = (id: string) => ({ id, name: `app ${id}` });
const site = (id: string, ...apps: string[]) => ({ id, name: `site ${id}`, apps: apps.map(app) });
const tenant = (id: string, ...sites: ReturnType<typeof site>[]) => ({ id, name: `tenant ${id}`, sites });

const valid = () => ({
  tenants: [
    tenant("tenant-acme", site("site-9", "app-123", "app-124")),
    tenant("tenant-globex", site("site-20", "app-200", "app-201", "app-202")),
  ],
});

function problemsOf(document: unknown): string[] {
  try {
    parseTenants(document);
  } catch (err) {
    if (err instanceof TenantsFileError) return err.problems;
    throw err;
  }
  return [];
}

describe("the tenants file", () => {
  it("accepts the committed infra/tenants.yaml", () => {
    expect(loadTenantsFile("infra/tenants.yaml").tenants.map((t) => t.id)).toEqual(["tenant-acme", "tenant-globex", "tenant-initech"]);
  });

  it("gives each kind of ID a format no other kind's ID can match", () => {
    for (const id of ["tenant-acme", "site-9", "app-123"]) {
      const kinds = Object.entries(ID_FORMATS).filter(([, format]) => format.test(id)).map(([kind]) => kind);
      expect(kinds).toHaveLength(1);
    }
  });

  it("rejects a site ID where an app ID belongs, naming the entry", () => {
    const document = valid();
    document.tenants[1]!.sites[0]!.apps[2]!.id = "site-9";
    expect(problemsOf(document)).toEqual([
      expect.stringMatching(/^tenants\[1\]\.sites\[0\]\.apps\[2\]\.id: must be an app ID like app-123/),
    ]);
  });

  it("rejects malformed IDs of every kind, naming each entry", () => {
    const document = valid();
    document.tenants[0]!.id = "Tenant_Acme";
    document.tenants[0]!.sites[0]!.id = "site-nine";
    document.tenants[0]!.sites[0]!.apps[0]!.id = "app123";
    expect(problemsOf(document).map((p) => p.split(":")[0])).toEqual([
      "tenants[0].id",
      "tenants[0].sites[0].id",
      "tenants[0].sites[0].apps[0].id",
    ]);
  });

  it("rejects an ID used twice anywhere in the file, naming both entries", () => {
    const document = valid();
    document.tenants[1]!.sites[0]!.apps[1]!.id = "app-123";
    expect(problemsOf(document)).toEqual([
      'tenants[1].sites[0].apps[1].id: duplicate ID "app-123" (already used at tenants[0].sites[0].apps[0].id)',
    ]);
  });

  it("rejects unknown keys and empty sites", () => {
    const document = valid() as { tenants: Record<string, unknown>[] };
    document.tenants[0]!["owner"] = "someone";
    (document.tenants[1]!["sites"] as { apps: unknown[] }[])[0]!.apps = [];
    expect(problemsOf(document).map((p) => p.split(":")[0])).toEqual(["tenants[0]", "tenants[1].sites[0].apps"]);
  });

  it("stops the program entry point with a message naming the bad entry", async () => {
    const dir = mkdtempSync(join(tmpdir(), "blastguard-tenants-"));
    const document = valid();
    document.tenants[1]!.sites[0]!.apps[2]!.id = "app-200";
    const file = join(dir, "tenants.yaml");
    writeFileSync(file, stringify(document));
    vi.stubEnv("BLASTGUARD_TENANTS_FILE", file);
    try {
      await expect(import("../../infra/index.js")).rejects.toThrow(
        /tenants\[1\]\.sites\[0\]\.apps\[2\]\.id: duplicate ID "app-200"/,
      );
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
