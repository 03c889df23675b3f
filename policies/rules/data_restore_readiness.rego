# METADATA
# title: Customer data deleted without a surviving copy elsewhere
# description: >-
#   A customer-data store may be deleted or replaced only when a copy in another location
#   (another region; another account too when configured) existed before the change and
#   survives it: the destination vault or bucket is not deleted by the same change, and
#   replicas that die with the store do not count. An RDS instance or cluster must not skip its
#   final snapshot.
# scope: package
# custom:
#   id: data-restore-readiness
#   severity: critical
#   enforcement: mandatory
#   remediation: >-
#     Set up and apply a copy in another region (AWS Backup copy action, S3 replication, RDS
#     automated backup replication) before deleting the store, keep its destination out of the
#     change, and set skipFinalSnapshot to false.
package blastguard.rules.data_restore_readiness

import data.blastguard.lib

# Built once per evaluation, not once per finding.
_chain := rego.metadata.chain()

# An array, not a set: a set of whole resources would hash every one of them.
_removed := [r | some r in lib.customer_stores; lib.destroys(r); r.before != null]

# Copy holders (vaults, replication destinations) are left to backup-teardown.
_needs_copy := [r | some r in _removed; not lib.copy_holder(r)]

findings contains f if {
	some r in _removed
	r.type in lib.rds_types
	lib.is_true(object.get(r.before.props, "skipFinalSnapshot", false))
	msg := concat("", [lib.verb(r), " ", r.name, " and skipFinalSnapshot is set: no final snapshot is taken"])
	f := lib.finding(_chain, "violation", r.urn, msg)
}

findings contains f if {
	some r in _removed
	r.type in lib.rds_types
	lib.not_known_bool(object.get(r.before.props, "skipFinalSnapshot", false))
	msg := concat("", [lib.verb(r), " ", r.name, " and whether it skips its final snapshot is unknown"])
	f := lib.finding(_chain, "unverifiable", r.urn, msg)
}

findings contains f if {
	some r in _needs_copy
	copies := lib.surviving(lib.store_copies("before", r, r.before))
	region := lib.region_of(r, r.before)
	verdict := lib.location_verdict(region, lib.account_of(r, r.before), copies)
	verdict != "ok"
	f := _copy_finding(r, verdict, region, copies)
}

_copy_finding(r, "unknown", region, _) := lib.finding(
	_chain, "unverifiable", r.urn,
	concat("", [lib.verb(r), " ", r.name, " (in ", lib.region_text(region), ") and whether a copy in another location survives is unknown"]),
)

_copy_finding(r, "missing", region, copies) := lib.finding(
	_chain, "violation", r.urn,
	concat("", [lib.verb(r), " ", r.name, ", which ", lib.location_shortfall(region, copies), " that survives this change"]),
) if input.inventory.complete

_copy_finding(r, "missing", region, copies) := lib.finding(
	_chain, "undecidable", r.urn,
	concat("", [lib.verb(r), " ", r.name, ", which ", lib.location_shortfall(region, copies), " among the listed resources; ", lib.incomplete_hint]),
) if not input.inventory.complete
