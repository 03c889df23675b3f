# S3 versioning of a bucket in its goal state: inline (versioning on the current Bucket type,
# versionings on the legacy BucketV2) or through a BucketVersioning / BucketVersioningV2
# resource, indexed by bucket name. "enabled", "unknown" or "off".
package blastguard.lib

s3_versioning_types := {"aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketVersioningV2:BucketVersioningV2"}

s3_versioning_hint := "the input lists only changed resources, so a BucketVersioning resource may be among the unlisted ones: pass the stack export with --state or preview with --show-sames"

# The versioning resources' statuses, indexed once by the host (src/engine/versioning-index.ts):
# by the bucket name they configure, by the URN of the bucket they reference when the name is not
# known yet; `open` when one names no bucket at all, `any` when the input lists any.
_versioning := input.change.versioning

_versioning_by_bucket := _versioning.by_bucket

_versioning_by_bucket_urn := _versioning.by_bucket_urn

_open_versioning := _versioning.open

_any_versioning := _versioning.any

_versioning_flags(state) := [field(v, "enabled") |
	some v in array.concat(items(field(state.props, "versioning")), items(field(state.props, "versionings")))
]

_versioning_statuses(resource, state) := {s | some s in _versioning_by_bucket[field(state.props, "bucket")]} | {s | some s in _versioning_by_bucket_urn[resource.urn]}

s3_versioning(resource, state) := verdict if {
	flags := _versioning_flags(state)
	statuses := _versioning_statuses(resource, state)
	verdict := _versioning_verdict(flags, statuses, field(state.props, "bucket"))
}

_versioning_verdict(flags, statuses, bucket) := "enabled" if {
	true in flags
} else := "enabled" if {
	"Enabled" in statuses
} else := "unknown" if {
	some flag in flags
	not_known_bool(flag)
	flag != null
} else := "unknown" if {
	some s in statuses
	not known_string(s)
} else := "unknown" if {
	not known_string(bucket)
	_any_versioning == true
} else := "unknown" if {
	_open_versioning == true
} else := "off"
