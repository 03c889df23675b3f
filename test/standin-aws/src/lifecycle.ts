// The provider operations on plain property maps, free of gRPC so they can be unit-tested.
import { awsType, type Place } from "./aws-types.js";
import {
  BOOKKEEPING_KEYS,
  UNKNOWN,
  asString,
  containsUnknown,
  digest,
  isObject,
  sameValue,
  type Props,
  type Value,
} from "./values.js";

export interface ProviderConfig {
  region: string;
  defaultTags: Record<string, string>;
}

export interface CheckResult {
  inputs: Props;
  failures: { property: string; reason: string }[];
}

export type DiffKind = "add" | "add-replace" | "update" | "update-replace" | "delete" | "delete-replace";

export interface DiffResult {
  changed: boolean;
  diffs: string[];
  replaces: string[];
  detailedDiff: Record<string, DiffKind>;
  deleteBeforeReplace: boolean;
}

/** Inputs the real provider rejects when missing, for the types whose mistakes matter here. */
const REQUIRED: Record<string, readonly string[]> = {
  "aws:dynamodb/table:Table": ["hashKey", "attributes"],
  "aws:backup/plan:Plan": ["rules"],
  "aws:backup/selection:Selection": ["iamRoleArn", "planId"],
  "aws:s3/bucketReplicationConfig:BucketReplicationConfig": ["bucket", "role", "rules"],
  "aws:s3/bucketVersioning:BucketVersioning": ["bucket", "versioningConfiguration"],
  "aws:iam/role:Role": ["assumeRolePolicy"],
};

function defaultsOf(props: Props): string[] {
  const list = props["__defaults"];
  return Array.isArray(list) ? list.filter((v): v is string => typeof v === "string") : [];
}

/** Fills the physical name like the real provider (logical name + suffix), keeping an earlier one. */
export function check(type: string, place: Place, olds: Props, news: Props): CheckResult {
  const kind = awsType(type);
  const inputs: Props = { ...news };
  delete inputs["__defaults"];
  const defaulted: string[] = [];
  if (kind.nameProp && inputs[kind.nameProp] === undefined) {
    const previous = olds[kind.nameProp];
    const keepOld = typeof previous === "string" && defaultsOf(olds).includes(kind.nameProp);
    inputs[kind.nameProp] = keepOld ? previous : `${place.name}-${digest(place.urn, 7)}`;
    defaulted.push(kind.nameProp);
  }
  if (type === "aws:s3/bucket:Bucket" && inputs["forceDestroy"] === undefined) {
    inputs["forceDestroy"] = false;
    defaulted.push("forceDestroy");
  }
  inputs["__defaults"] = defaulted.sort();
  const failures = (REQUIRED[type] ?? [])
    .filter((property) => inputs[property] === undefined || inputs[property] === null)
    .map((property) => ({ property, reason: `Missing required argument: "${property}" (${type})` }));
  return { inputs, failures };
}

export function diff(
  type: string,
  oldOutputs: Props,
  oldInputs: Props | undefined,
  news: Props,
  ignoreChanges: readonly string[] = [],
): DiffResult {
  const kind = awsType(type);
  const base = oldInputs ?? oldOutputs;
  // Without the old inputs, compare only what the program sets: outputs carry computed keys.
  const keys = new Set([...Object.keys(news), ...(oldInputs ? Object.keys(oldInputs) : [])]);
  const detailedDiff: Record<string, DiffKind> = {};
  for (const key of [...keys].sort()) {
    if (BOOKKEEPING_KEYS.has(key) || ignoreChanges.includes(key)) continue;
    const before = base[key] ?? undefined;
    const after = news[key] ?? undefined;
    if (sameValue(before, after) && !containsUnknown(after)) continue;
    const replace = kind.forceNew.includes(key);
    const change = before === undefined ? "add" : after === undefined ? "delete" : "update";
    detailedDiff[key] = replace ? `${change}-replace` : change;
  }
  const diffs = Object.keys(detailedDiff);
  const replaces = diffs.filter((key) => detailedDiff[key]?.endsWith("-replace"));
  // A replacement that keeps a name the program chose must delete first: AWS names are unique.
  const explicitName = kind.nameProp !== undefined && !defaultsOf(news).includes(kind.nameProp);
  return {
    changed: diffs.length > 0,
    diffs,
    replaces,
    detailedDiff,
    deleteBeforeReplace: replaces.length > 0 && explicitName,
  };
}

function withoutBookkeeping(props: Props): Props {
  return Object.fromEntries(Object.entries(props).filter(([key]) => !BOOKKEEPING_KEYS.has(key)));
}

/** The state AWS would report for these inputs; in a preview, what AWS computes is unknown. */
export function outputsFor(
  type: string,
  place: Place,
  config: ProviderConfig,
  inputs: Props,
  preview: boolean,
  existingId?: string,
): { id: string; outputs: Props } {
  const kind = awsType(type);
  const computed = kind.computed(inputs, place);
  const id = existingId ?? (preview ? "" : computed.id);
  const outputs: Props = { ...withoutBookkeeping(inputs) };
  for (const [key, value] of Object.entries(computed.outputs)) {
    outputs[key] = preview && existingId === undefined ? UNKNOWN : value;
  }
  outputs["id"] = id === "" ? UNKNOWN : id;
  if (kind.regional) outputs["region"] = asString(inputs["region"]) ?? place.region;
  if (kind.taggable) {
    const tags = isObject(inputs["tags"]) ? inputs["tags"] : {};
    const tagsAll: Record<string, Value> = { ...config.defaultTags, ...tags };
    outputs["tags"] = inputs["tags"] ?? null;
    outputs["tagsAll"] = tagsAll;
  }
  return { id, outputs };
}

export class DeleteRefused extends Error {}

/** AWS refuses to delete a table whose deletion protection is on; so does the stand-in. */
export function assertDeletable(type: string, outputs: Props): void {
  if (type === "aws:dynamodb/table:Table" && outputs["deletionProtectionEnabled"] === true) {
    const name = asString(outputs["name"]) ?? "?";
    throw new DeleteRefused(
      `deleting DynamoDB Table (${name}): operation error DynamoDB: DeleteTable, ValidationException: ` +
        "Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.",
    );
  }
}
