# METADATA
# title: Customer data deleted without a surviving copy elsewhere
# description: >-
#   A customer-data store may be deleted or replaced only when a copy in another location
#   (another region; another account too when configured) existed before the change and
#   survives it: the destination vault or bucket is not deleted by the same change, and
#   replicas that die with the store do not count. A store is judged by its prior state: its
#   class before the change (a re-tag in the same change does not release it), and a removed
#   resource whose prior class tag is unknown or secret cannot be verified. An RDS instance or
#   cluster (and DocumentDB, Neptune, Redshift) must not skip its final snapshot, and a
#   replacement must not set skipFinalSnapshot on the store that stays.
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
import data.blastguard.lib.copies

# Built once per evaluation, not once per finding.
_chain := rego.metadata.chain()

# Customer data by its prior class. An array, not a set: a set of whole resources would hash
# every one of them.
_removed := [r | some r in lib.removed_customer_stores; lib.destroys(r)]

# Copy holders (vaults, replication destinations) are left to backup-teardown.
_needs_copy := [r | some r in _removed; not copies.holder(r)]

_skips(state) := object.get(state.props, "skipFinalSnapshot", false)

findings contains f if {
	some r in _removed
	r.type in lib.rds_types
	lib.is_true(_skips(r.before))
	msg := concat("", [lib.verb(r), " ", r.name, " and skipFinalSnapshot is set: no final snapshot is taken"])
	f := lib.finding(_chain, "violation", r.urn, msg)
}

findings contains f if {
	some r in _removed
	r.type in lib.rds_types
	lib.not_known_bool(_skips(r.before))
	msg := concat("", [lib.verb(r), " ", r.name, " and whether it skips its final snapshot is unknown"])
	f := lib.finding(_chain, "unverifiable", r.urn, msg)
}

# A replacement that sets skipFinalSnapshot: the store that stays loses its final snapshot on its
# next delete.
findings contains f if {
	some r in lib.customer_stores
	r.op == "replace"
	r.type in lib.rds_types
	r.after != null
	lib.is_true(_skips(r.after))
	not lib.is_true(_skips(r.before))
	msg := concat("", ["replaces ", r.name, " and the new one sets skipFinalSnapshot: its next delete takes no final snapshot"])
	f := lib.finding(_chain, "violation", r.urn, msg)
}

findings contains f if {
	some r in lib.removed_class_unknown
	lib.destroys(r)
	msg := concat("", [lib.verb(r), " ", r.name, ", whose ", input.config.dataClass.tagKey, " tag is unknown or secret: whether it held customer data cannot be told"])
	f := lib.finding(_chain, "unverifiable", r.urn, msg)
}

findings contains f if {
	some r in _needs_copy
	v := copies.judge(copies.store_view(r, "before"))
	v.verdict != "ok"
	f := _copy_finding(r, v.verdict, v.region, v.paths)
}

_copy_finding(r, "unknown", region, paths) := lib.finding(
	_chain, "unverifiable", r.urn,
	concat("", [lib.verb(r), " ", r.name, " (in ", lib.region_text(region), ") and whether a copy in another location survives is unknown", copies.unknown_reason(paths)]),
)

_copy_finding(r, "missing", region, paths) := lib.finding(
	_chain, "violation", r.urn,
	concat("", [lib.verb(r), " ", r.name, ", which ", copies.shortfall(region, paths), " that survives this change"]),
) if input.inventory.complete

_copy_finding(r, "missing", region, paths) := lib.finding(
	_chain, "undecidable", r.urn,
	concat("", [lib.verb(r), " ", r.name, ", which ", copies.shortfall(region, paths), " among the listed resources; ", copies.incomplete_hint]),
) if not input.inventory.complete

# Posture (what `blastguard audit` reports on a stack's standing state, and every check on the
# stores a change leaves in place): an RDS store set to skip its final snapshot loses it on its
# next delete. A replacement is judged by the two rules above instead.
findings contains f if {
	some r in lib.customer_stores
	r.type in lib.rds_types
	r.after != null
	r.op != "replace"
	lib.is_true(_skips(r.after))
	msg := concat("", [r.name, " holds customer data and skipFinalSnapshot is set: its next delete takes no final snapshot"])
	f := lib.posture_finding(_chain, "violation", r, msg)
}

findings contains f if {
	some r in lib.customer_stores
	r.type in lib.rds_types
	r.after != null
	r.op != "replace"
	lib.not_known_bool(_skips(r.after))
	msg := concat("", [r.name, " holds customer data and whether it skips its final snapshot is unknown"])
	f := lib.posture_finding(_chain, "unverifiable", r, msg)
}
