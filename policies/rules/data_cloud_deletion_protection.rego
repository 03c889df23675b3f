# METADATA
# title: Customer data without cloud deletion protection
# description: >-
#   A customer-data store must be protected in the cloud too: RDS instances and clusters with
#   deletionProtection, DynamoDB tables with deletionProtectionEnabled, S3 buckets with
#   versioning enabled (inline, or through a BucketVersioning resource) and without
#   forceDestroy. Turning the protection off in the change that deletes or replaces the store
#   is a violation of its own. EFS has no such setting; the backup policies cover it.
# scope: package
# custom:
#   id: data-cloud-deletion-protection
#   severity: high
#   enforcement: mandatory
#   remediation: >-
#     Enable the service's deletion protection (deletionProtection, deletionProtectionEnabled)
#     or S3 versioning, drop forceDestroy, and never turn them off in the same change that
#     deletes the store.
package blastguard.rules.data_cloud_deletion_protection

import data.blastguard.lib

# Built once per evaluation, not once per finding.
_chain := rego.metadata.chain()

_flag_by_type := {
	"aws:rds/instance:Instance": "deletionProtection",
	"aws:rds/cluster:Cluster": "deletionProtection",
	"aws:dynamodb/table:Table": "deletionProtectionEnabled",
}

# An array, not a set: a set of whole resources would hash every one of them.
_stores := [r | some r in lib.customer_stores; r.after != null]

# A missing flag is the provider default: off.
_flag(state, key) := object.get(state.props, key, false)

_weakened_in_removal(r) if {
	lib.removes(r)
	key := _flag_by_type[r.type]
	lib.is_true(_flag(r.before, key))
	not lib.is_true(_flag(r.after, key))
}

findings contains f if {
	some r in _stores
	_weakened_in_removal(r)
	msg := concat("", [lib.verb(r), " ", r.name, " and turns its ", _flag_by_type[r.type], " off in the same change"])
	f := lib.posture_finding(_chain, "violation", r, msg)
}

findings contains f if {
	some r in _stores
	key := _flag_by_type[r.type]
	lib.is_false(_flag(r.after, key))
	not _weakened_in_removal(r)
	f := lib.posture_finding(_chain, "violation", r, concat("", [r.name, " holds customer data and ", key, " is off"]))
}

findings contains f if {
	some r in _stores
	key := _flag_by_type[r.type]
	lib.not_known_bool(_flag(r.after, key))
	f := lib.posture_finding(_chain, "unverifiable", r, concat("", [r.name, " holds customer data and its ", key, " is unknown"]))
}

findings contains f if {
	some r in _stores
	r.type in lib.s3_bucket_types
	lib.is_true(object.get(r.after.props, "forceDestroy", false))
	msg := concat("", [r.name, " holds customer data and forceDestroy lets a delete empty it"])
	f := lib.posture_finding(_chain, "violation", r, msg)
}

findings contains f if {
	some r in _stores
	r.type in lib.s3_bucket_types
	lib.not_known_bool(object.get(r.after.props, "forceDestroy", false))
	f := lib.posture_finding(_chain, "unverifiable", r, concat("", [r.name, " holds customer data and its forceDestroy is unknown"]))
}

findings contains f if {
	some r in _stores
	r.type in lib.s3_bucket_types
	verdict := lib.s3_versioning(r, r.after)
	verdict != "enabled"
	f := _versioning_finding(r, verdict)
}

_versioning_finding(r, "unknown") := lib.posture_finding(
	_chain, "unverifiable", r,
	concat("", [r.name, " holds customer data and whether its versioning is enabled is unknown"]),
)

_versioning_finding(r, "off") := lib.posture_finding(
	_chain, "violation", r,
	concat("", [r.name, " holds customer data and versioning is not enabled"]),
) if input.inventory.complete

_versioning_finding(r, "off") := lib.posture_finding(
	_chain, "undecidable", r,
	concat("", [r.name, " has no versioning among the listed resources; ", lib.s3_versioning_hint]),
) if not input.inventory.complete
