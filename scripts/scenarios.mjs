// The recorded scenarios (issue 6): each is a change to infra/tenants.yaml, optionally preceded by
// earlier, reviewed updates (`prepare`) that are applied before the prior state is exported.
// `check` guards the recording itself: it fails the recorder if the engine did not do what the
// scenario claims, so a committed recording always shows what its README line says.

/** @typedef {{ tenants: { id: string, sites: { id: string, apps: { id: string }[] }[] }[] }} Model */

const tenant = (m, id) => m.tenants.find((t) => t.id === id);
const site = (m, id) => m.tenants.flatMap((t) => t.sites).find((s) => s.id === id);
const app = (m, id) => m.tenants.flatMap((t) => t.sites).flatMap((s) => s.apps).find((a) => a.id === id);

const ops = (digest) => digest.steps.filter((s) => s.op !== "same").map((s) => s.op);
const urnsOf = (digest, op) => digest.steps.filter((s) => s.op === op).map((s) => s.urn);
const named = (urn) => urn.split("::").pop();

// `demo: false` marks recordings kept for tests rather than for `npm run demo`.
export const scenarios = [
  {
    name: "add-tenant",
    description: "A new tenant (tenant-umbrella, one site with two apps) is added. Only creates.",
    expected: { verdict: "allow", why: "nothing is deleted or replaced; the new data stores are protected and copied to the DR region" },
    change(m) {
      m.tenants.push({
        id: "tenant-umbrella",
        name: "Umbrella",
        sites: [{ id: "site-40", name: "Umbrella Raccoon City", apps: [{ id: "app-400", name: "labs" }, { id: "app-401", name: "billing" }] }],
      });
    },
    check: (d) => ops(d).every((op) => op === "create") || "expected creates only",
  },
  {
    name: "delete-app-with-intent",
    description:
      "app-124 (site-9, tenant-acme) is removed with an intent naming it. An earlier update set it to decommissioning " +
      "(protect, retainOnDelete and table deletion protection off: the two-phase path); its DR bucket keeps retainOnDelete " +
      "and the tenant's DR backup vault is untouched, so its copies survive.",
    expected: { verdict: "allow", why: "the intent names exactly the deleted app; its data was released in an earlier update; its DR copies survive" },
    prepare: [(m) => void (app(m, "app-124").decommissioning = true)],
    change(m) {
      const s = site(m, "site-9");
      s.apps = s.apps.filter((a) => a.id !== "app-124");
    },
    intent: {
      requester: "jane.doe@example.com",
      reason: "OPS-1234: decommission the invoices app (app-124) of Acme Dublin",
      actions: [{ action: "delete", target: { kind: "app", id: "app-124", site: "site-9", tenant: "tenant-acme" } }],
    },
    check: (d) =>
      (ops(d).every((op) => op === "delete") && urnsOf(d, "delete").every((urn) => named(urn).startsWith("app-124"))) ||
      "expected deletes of app-124's resources only",
  },
  {
    name: "incident-site-ids-as-app-ids",
    description:
      "The incident: a request to delete two apps listed site IDs (site-9, site-10) as app IDs, and the change removes those " +
      "whole sites of tenant-acme. An earlier update set both sites to decommissioning, so the engine lets the deletes through.",
    expected: { verdict: "block", why: "the change deletes all resources of sites site-9 and site-10 while the intent names apps; the app IDs are site IDs" },
    prepare: [(m) => void ["site-9", "site-10"].forEach((id) => (site(m, id).decommissioning = true))],
    change(m) {
      const t = tenant(m, "tenant-acme");
      t.sites = t.sites.filter((s) => !["site-9", "site-10"].includes(s.id));
    },
    intent: {
      requester: "ops.engineer@example.com",
      reason: "OPS-2022: remove the legacy apps listed by the product team",
      actions: ["site-9", "site-10"].map((id) => ({ action: "delete", target: { kind: "app", id, tenant: "tenant-acme" } })),
    },
    check: (d) =>
      (ops(d).every((op) => op === "delete") && ["site-9", "site-10"].every((id) => urnsOf(d, "delete").some((u) => named(u) === id))) ||
      "expected the two sites and everything under them to be deleted",
  },
  {
    name: "bucket-without-dr-copy",
    description: "A new app (app-127 in site-11, tenant-acme) is added with bucket replication turned off: its bucket has no copy in a second region.",
    expected: { verdict: "block", why: "tenant bucket bg-app-127-data-eu-west-1 holds customer data and has no copy in a second region" },
    change(m) {
      site(m, "site-11").apps.push({ id: "app-127", name: "uploads", bucketReplication: false });
    },
    check: (d) =>
      (ops(d).every((op) => op === "create") &&
        urnsOf(d, "create").some((u) => u.endsWith("aws:s3/bucket:Bucket::app-127-data")) &&
        !urnsOf(d, "create").some((u) => u.includes("BucketReplicationConfig::app-127"))) ||
      "expected app-127 created without a replication config",
  },
  {
    name: "unprotect-and-replace-table",
    description:
      "In one change, app-125's data is set to decommissioning (protect removed) and its table's hash key changes from id to pk, " +
      "a force-new property: the engine replaces the protected table (delete-before-replace) because protect is dropped in the same change.",
    expected: { verdict: "block", why: "table app-125-records is replaced (its data deleted) in the same change that removes its protect" },
    change(m) {
      Object.assign(app(m, "app-125"), { decommissioning: true, recordsKey: "pk" });
    },
    check: (d) =>
      d.steps.some((s) => s.op === "replace" && s.urn.endsWith("aws:dynamodb/table:Table::app-125-records") && s.oldState?.protect === true) ||
      "expected a replace of the protected table app-125-records",
  },
  {
    name: "delete-protected-site",
    demo: false,
    description:
      "site-11 (tenant-acme) is removed while its data is still protected. The engine itself refuses: the preview exits " +
      "non-zero, still writes the digest with the protected delete steps, and writes no plan.",
    expected: { verdict: "block", why: "the change deletes protected customer data of site site-11 (the engine refuses it too)" },
    change(m) {
      const t = tenant(m, "tenant-acme");
      t.sites = t.sites.filter((s) => s.id !== "site-11");
    },
    check: (d, exitCode) =>
      (exitCode !== 0 && d.steps.some((s) => s.op === "delete" && s.oldState?.protect === true)) ||
      "expected a failed preview listing protected deletes",
  },
  {
    name: "move-apps-under-tenant",
    demo: false,
    description:
      "A refactor: site-9's apps (app-123, app-124) move up from under the site to under the tenant, with an alias to their " +
      "old parent. Every app resource gets a new URN (its parent's alias carries over to its children); the engine shows " +
      "only `same` steps and nothing changes in the cloud.",
    expected: { verdict: "allow", why: "a renamed or re-parented resource is the same resource: nothing is deleted" },
    change(m) {
      site(m, "site-9").appsParent = "tenant";
    },
    check: (d) =>
      (ops(d).length === 0 && d.steps.length > 0) || "expected only same steps",
  },
  {
    name: "move-apps-and-replace-table",
    demo: false,
    description:
      "app-124's data was released in an earlier update (decommissioning); now site-9's apps move under the tenant (aliases) " +
      "and app-124's table hash key changes from id to pk, a force-new property: one replacement under a new URN.",
    expected: { verdict: "block", why: "the released table app-124-records is replaced (its data deleted); the renamed resources are not deletions" },
    prepare: [(m) => void (app(m, "app-124").decommissioning = true)],
    change(m) {
      site(m, "site-9").appsParent = "tenant";
      app(m, "app-124").recordsKey = "pk";
    },
    check: (d) =>
      (ops(d).length === 1 && d.steps.some((s) => s.op === "replace" && s.urn.endsWith("Table::app-124-records"))) ||
      "expected one replace of app-124-records",
  },
];
