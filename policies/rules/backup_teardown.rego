# METADATA
# title: Only second-location copy of customer data removed
# description: >-
#   The change deletes or weakens what gave a customer-data store its copy in another location
#   (its backup vault, plan, selection, copy action or replication rule) so that the store no
#   longer meets the location rule, even when the store itself is untouched: one script must
#   not be able to take the data and its copy together.
# scope: package
# custom:
#   id: backup-teardown
#   severity: critical
#   enforcement: mandatory
#   remediation: >-
#     Keep the existing copy until a replacement copy in another location is applied and has
#     run; remove the old one in a later, reviewed change.
package blastguard.rules.backup_teardown

import data.blastguard.lib
import data.blastguard.lib.copies

# Built once per evaluation, not once per finding.
_chain := rego.metadata.chain()

findings contains f if {
	some [r, v] in copies.after_locations
	v.verdict != "ok"
	r.before != null
	not lib.destroys(r)
	before := copies.store_view(r, "before")
	copies.verdict(before.region, before.account, before.paths) == "ok"
	f := _finding(r, v.verdict, _lost(before.paths, v.paths))
}

# What held the copies that the change takes away: paths of the prior view that the goal view
# lacks or that this change destroys.
_lost(before, after) := concat(", ", sort({copies.lost_name(p) | some p in before; not p in after}))

_finding(r, "unknown", lost) := lib.finding(
	_chain, "unverifiable", r.urn,
	concat("", [r.name, " had a copy in another location before this change, and whether one is left is unknown (changed: ", lost, ")"]),
)

_finding(r, "missing", lost) := lib.finding(
	_chain, "violation", r.urn,
	concat("", [r.name, " loses its only copy in another location: ", lost]),
) if input.inventory.complete

_finding(r, "missing", lost) := lib.finding(
	_chain, "undecidable", r.urn,
	concat("", [r.name, " loses its copy in another location (", lost, ") unless another exists among the unlisted resources; ", copies.incomplete_hint]),
) if not input.inventory.complete

# Without the whole stack, a deleted or changed copy mechanism may have served stores the input
# does not list.
findings contains f if {
	not input.inventory.complete
	some r in input.resources
	r.type in copy_mechanism_types
	r.op in {"delete", "replace", "update"}
	msg := concat("", [_op_text(r), " ", r.name, ", a backup or replication resource, and the stores it copies may not all be listed; ", copies.incomplete_hint])
	f := lib.finding(_chain, "undecidable", r.urn, msg)
}

# Resources whose loss or change can take a store's second-location copy with it.
copy_mechanism_types := {
	"aws:backup/plan:Plan", "aws:backup/selection:Selection", "aws:backup/vault:Vault",
	"aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault",
	"aws:s3/bucketReplicationConfig:BucketReplicationConfig",
	"aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication",
	"aws:dynamodb/tableReplica:TableReplica", "aws:efs/replicationConfiguration:ReplicationConfiguration",
}

_op_text(r) := "changes" if r.op == "update"

else := lib.verb(r)
