// Every real fixture is read without error, and per file the deletions, replacements and
// protected resources match what PROVENANCE.md says the file shows (names read from the files).
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ChangeSet } from "../../src/model/changeset.js";
import { DEFAULT_LIMITS, readChangeSet } from "../../src/readers/index.js";
import { fixture, fixturesDir } from "../support/paths.js";

function read(rel: string): ChangeSet {
  return readChangeSet(readFileSync(fixture(rel)), rel, { limits: DEFAULT_LIMITS });
}
const names = (c: ChangeSet, pred: (r: ChangeSet["resources"][number]) => boolean) =>
  c.resources.filter(pred).map((r) => r.name).sort();
const deletes = (c: ChangeSet) => names(c, (r) => r.op === "delete");
const replaces = (c: ChangeSet) => names(c, (r) => r.op === "replace");
const protectedBefore = (c: ChangeSet) => names(c, (r) => r.before?.protect === true);

interface Expect {
  deletes?: string[];
  replaces?: string[];
  protected?: string[];
}

// From PROVENANCE.md's "shows" column; resource names as they appear in each file.
const events: Record<string, Expect> = {
  "display-destroy-with-components.jsonl": { deletes: ["mychild", "mycomponent"] },
  "display-destroy-with-custom-resource-parent.jsonl": { deletes: ["mybucket", "myobject"] },
  "display-destroy-with-deep-hierarchy.jsonl": { deletes: ["mychild", "mygrandchild", "myparent"] },
  "display-failed-update-delete-replaced.jsonl": { deletes: [], replaces: ["test-r"] },
  "display-large-template-body.jsonl": { deletes: [], replaces: [] },
  "TestComponentDeleteDependencies--1-0.jsonl": { deletes: ["first", "nested", "rule", "second", "sg"] },
  "TestDestroyTargetWithChildren-a-target-dependents-preview.jsonl": { deletes: ["A", "D", "G", "H", "I", "K", "N"] },
  "TestDestroyTargetWithChildren-a-no-target-dependents-preview.jsonl": { deletes: ["A", "D", "G", "H", "I", "K", "N"] },
  "TestDestroyExcludeTarget-1.jsonl": { deletes: ["resC"] },
  "TestSingleResourceExplicitProviderAliasUpdateDelete-preview.jsonl": { deletes: ["resA"] },
  "TestProviderPreviewUnknowns-2.jsonl": { deletes: ["resB-resB"] },
  "TestProtect-1-preview-replace-protected.jsonl": { deletes: [], replaces: ["resA"], protected: ["resA"] },
  "TestProtect-3-delete-protected.jsonl": { deletes: ["resA"], protected: ["resA"] },
  "TestMultipleProtectedDeletes-1-preview.jsonl": { deletes: ["resA", "resB"], protected: ["resA", "resB"] },
  "TestMultipleProtectedDeletes-2-update.jsonl": { deletes: ["resA", "resB"], protected: ["resA", "resB"] },
  "TestProtectedDeleteChainsWithDuplicateDeletedResources-2.jsonl": { deletes: ["resB"], replaces: ["resA"], protected: ["resB"] },
  "TestDestroyV2ProtectedWithProviderDependencies-0.jsonl": { deletes: ["resA"], protected: ["resA"] },
  "TestDBRProtect-2.jsonl": { deletes: [], replaces: ["resA", "resB"], protected: [] },
  "TestProtectInheritance-0.jsonl": { deletes: [], protected: [] },
  "TestRetainOnDelete-1-replace.jsonl": { replaces: ["resA"] },
  "TestRetainOnDelete-2-delete.jsonl": { deletes: ["resA"] },
  "TestDeletedWith-2.jsonl": { deletes: ["resA", "resB", "resC"] },
  "TestReplaceWithAndDeletedWith-1.jsonl": { deletes: ["resB"], replaces: ["resA", "resC"] },
  "TestDeleteBeforeReplace--0-0.jsonl": { deletes: [] },
  "TestExplicitDeleteBeforeReplace--0-2-preview.jsonl": { deletes: [], replaces: ["resA", "resB"] },
  // The leftover pending-delete copy of resB folds into resB's replacement.
  "TestPendingDeleteReplacement.jsonl": { replaces: ["resA", "resB"] },
  "TestReadReplaceStep.jsonl": { deletes: [], replaces: ["resA"] },
  "TestImportOption-8-import-replacement.jsonl": { deletes: [], replaces: ["resA"] },
  // The old copy is discard-replaced: no cloud delete.
  "TestImportOption-10-discard-replaced.jsonl": { deletes: [], replaces: [] },
  "TestImportIntoParent.jsonl": { deletes: [], replaces: [] },
  // Renames through aliases are not deletions.
  "TestAliases-n1-name-change-preview.jsonl": { deletes: [], replaces: [] },
  // The aliased replacement's delete-replaced under the old URN is the same resource.
  "TestAliases-t1-new-t2-new-parent-preview.jsonl": { deletes: [], replaces: ["n1-new"] },
  // Drift: found gone by a refresh, not deleted by Pulumi.
  "TestViewsRefreshDelete-preview.jsonl": { deletes: [], replaces: [] },
  "TestRefreshBeforeUpdateDeletedResource-preview.jsonl": { deletes: [], replaces: [] },
  "TestStackReference-discard-preview.jsonl": { deletes: [], replaces: [] },
  "TestTargetDestroyDeleteFails-1.jsonl": { deletes: ["resA"] },
  "TestPendingReplaceResumeWithSameGoals-1.jsonl": { replaces: ["resA"] },
  "TestSimpleAnalyzeResourceMultipleViolations.jsonl": { deletes: [], replaces: [] },
};

describe("event stream fixtures", () => {
  it("covers every file in the events folder", () => {
    expect(readdirSync(`${fixturesDir}events`).sort()).toEqual(Object.keys(events).sort());
  });
  for (const [file, want] of Object.entries(events)) {
    it(`reads ${file}`, () => {
      const c = read(`events/${file}`);
      expect(c.source.format).toBe("events");
      if (want.deletes) expect(deletes(c)).toEqual(want.deletes);
      if (want.replaces) expect(replaces(c)).toEqual(want.replaces);
      if (want.protected) expect(protectedBefore(c)).toEqual(want.protected);
    });
  }

  it("marks the resource a refresh found gone as drift", () => {
    const c = read("events/TestViewsRefreshDelete-preview.jsonl");
    expect(names(c, (r) => r.op === "gone")).toEqual(["resA-child"]);
  });

  it("keeps retainOnDelete on the deleted resource", () => {
    const c = read("events/TestRetainOnDelete-2-delete.jsonl");
    expect(c.resources.find((r) => r.name === "resA")?.before?.retain_on_delete).toBe(true);
  });

  it("counts the delete-before-replace cascade: 6 replacements, 5 updates, 1 same", () => {
    const c = read("events/TestDeleteBeforeReplace--0-0.jsonl");
    expect(replaces(c)).toHaveLength(6);
    expect(names(c, (r) => r.op === "update")).toHaveLength(5);
    expect(names(c, (r) => r.op === "same")).toHaveLength(1);
  });
});

describe("preview digest fixtures", () => {
  it("reads the creates preview: 16 creates, unknown provider id kept unknown", () => {
    const c = read("preview/stratify-sample-preview-creates.json");
    expect(c.source.format).toBe("preview");
    expect(c.resources.filter((r) => r.op === "create")).toHaveLength(16);
    expect(deletes(c)).toEqual([]);
  });

  it("reads the --show-sames update preview: 1 update, 15 same, complete inventory", () => {
    const c = read("preview/stratify-sample-preview-update.json");
    expect(c.resources.filter((r) => r.op === "update")).toHaveLength(1);
    expect(c.resources.filter((r) => r.op === "same")).toHaveLength(15);
    expect(c.inventory.complete).toBe(true);
  });
});

describe("plan fixture", () => {
  it("reads the OpenZFS plan: 5 resource plans, all creates, none protected", () => {
    const c = read("plans/aws-openzfs-upgrade-plan.json");
    expect(c.source.format).toBe("plan");
    expect(c.resources.map((r) => r.op)).toEqual(["create", "create", "create", "create", "create"]);
    expect(c.resources.every((r) => r.after?.protect === false)).toBe(true);
  });
});

describe("state fixtures", () => {
  const counts: [string, "state" | "checkpoint", number][] = [
    ["stratify-sample-export.json", "state", 17],
    ["pulumi-checkpoint-v3.json", "checkpoint", 30],
    ["pulumi-checkpoint-v4.json", "checkpoint", 30],
    ["pulumi-checkpoint-secrets.json", "checkpoint", 30],
    ["awsx-ts-ecr-repo-stack-export.json", "state", 7],
    ["awsx-ts-lb-simple-stack-export.json", "state", 34],
    ["eks-encryption-provider-stack-export.json", "state", 39],
    ["eks-cluster-large-stack-export.json", "state", 143],
  ];
  for (const [file, format, n] of counts) {
    it(`reads ${file}: ${n} resources, nothing deleted or protected`, () => {
      const c = read(`state/${file}`);
      expect(c.source.format).toBe(format);
      expect(c.resources).toHaveLength(n);
      expect(c.resources.every((r) => r.op === "same")).toBe(true);
      expect(protectedBefore(c)).toEqual([]);
    });
  }

  it("classifies the large EKS export: 1 stack, 13 components, 13 providers, 116 cloud resources", () => {
    const c = read("state/eks-cluster-large-stack-export.json");
    const kinds = (k: string) => c.resources.filter((r) => r.kind === k).length;
    expect([kinds("stack"), kinds("component"), kinds("provider"), kinds("cloud")]).toEqual([1, 13, 13, 116]);
  });

  it("turns every secret into [secret] at read time", () => {
    const c = read("state/eks-encryption-provider-stack-export.json");
    expect(JSON.stringify(c)).not.toContain("plaintext");
    expect(JSON.stringify(c)).not.toContain("1b47061264138c4ac30d75fd1eb44270");
  });
});
