// The stack's S3 versioning resources (BucketVersioning, BucketVersioningV2) indexed once by the
// bucket they configure, in their goal state, so the policies look a bucket up instead of walking
// every resource (input.change.versioning). Each entry is the raw versioningConfiguration.status
// (unknowns included); policies/lib/versioning.rego decides what the statuses mean.
import type { ChangeSet, Value } from "../model/changeset.js";

export const S3_VERSIONING_TYPES = new Set(["aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketVersioningV2:BucketVersioningV2"]);

export interface VersioningIndex {
  /** Statuses by the bucket name the resource names (a known, non-empty string). */
  by_bucket: Record<string, Value[]>;
  /** Statuses by the URN of the bucket it references, when its bucket name is not known yet. */
  by_bucket_urn: Record<string, Value[]>;
  /** A versioning resource whose bucket is neither named nor referenced: it may configure any bucket. */
  open: boolean;
  /** Whether the input lists any versioning resource at all. */
  any: boolean;
}

type Indexed = Pick<ChangeSet["resources"][number], "urn" | "type" | "kind" | "op" | "before" | "after">;

const UNKNOWN: Value = { $unknown: true };
const isUnknown = (v: Value | undefined) => v === "[secret]" || (typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && v["$unknown"] === true);
const knownString = (v: Value | undefined): v is string => typeof v === "string" && v !== "" && v !== "[secret]";

/** A field of an object: unknown when the object is, null when absent or not an object (lib.field). */
function field(obj: Value | undefined, key: string): Value {
  if (isUnknown(obj)) return UNKNOWN;
  if (typeof obj !== "object" || obj === null || Array.isArray(obj)) return null;
  return obj[key] ?? null;
}

function add(index: Record<string, Value[]>, key: string, status: Value): void {
  const list = (index[key] ??= []);
  const text = JSON.stringify(status);
  if (!list.some((s) => JSON.stringify(s) === text)) list.push(status);
}

export function versioningIndex(resources: readonly Indexed[]): VersioningIndex {
  const index: VersioningIndex = { by_bucket: {}, by_bucket_urn: {}, open: false, any: false };
  for (const r of resources) {
    if (!S3_VERSIONING_TYPES.has(r.type)) continue;
    index.any = true;
    if (r.kind !== "cloud" || r.after === null) continue;
    // the goal state as lib.view_state reads it: an unchanged resource from its prior state
    const state = r.op === "same" && r.before !== null ? r.before : r.after;
    const bucket = field(state.props, "bucket");
    const status = field(field(state.props, "versioningConfiguration"), "status");
    if (knownString(bucket)) {
      add(index.by_bucket, bucket, status);
      continue;
    }
    const refs = state.refs?.["bucket"] ?? [];
    for (const urn of refs) add(index.by_bucket_urn, urn, status);
    if (refs.length === 0) index.open = true;
  }
  return index;
}
