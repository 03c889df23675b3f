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

# Built once per evaluation, not once per finding.
_chain := rego.metadata.chain()

findings contains f if {
	some [r, v] in lib.after_locations
	v.verdict != "ok"
	r.before != null
	not lib.destroys(r)
	_may_have_lost_copies(r)
	before := lib.store_copies("before", r, r.before)
	lib.location_verdict(lib.region_of(r, r.before), lib.account_of(r, r.before), before) == "ok"
	f := _finding(r, v.verdict, _lost(before, v.copies))
}

# Copies can only be lost when the store itself changes, or a copy mechanism changes, or the
# change destroys something a copy lands in: else the before view equals the after view and
# the (costlier) before view is not computed.
_may_have_lost_copies(r) if r.op != "same"

_may_have_lost_copies(_) if lib.copies_may_change

# What held the copies that the change takes away.
_lost(before, after) := concat(", ", sort({_name(c) | some c in before; not _kept(c, after)}))

_kept(c, after) if {
	some a in after
	a.via == c.via
	a.target == c.target
}

_name(c) := concat("", [_resource_name(c.target), " (deleted)"]) if lib.destroyed_keys[c.target]

else := _resource_name(c.via)

_resource_name(key) := r.name if {
	some r in lib.by_urn[key]
} else := r.name if {
	some r in input.resources
	r.before != null
	lib.store_arn(r, r.before) == key
} else := key

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
	concat("", [r.name, " loses its copy in another location (", lost, ") unless another exists among the unlisted resources; ", lib.incomplete_hint]),
) if not input.inventory.complete

# Without the whole stack, a deleted or changed copy mechanism may have served stores the input
# does not list.
findings contains f if {
	not input.inventory.complete
	some r in input.resources
	r.type in lib.copy_mechanism_types
	r.op in {"delete", "replace", "update"}
	msg := concat("", [_op_text(r), " ", r.name, ", a backup or replication resource, and the stores it copies may not all be listed; ", lib.incomplete_hint])
	f := lib.finding(_chain, "undecidable", r.urn, msg)
}

_op_text(r) := "changes" if r.op == "update"

else := lib.verb(r)
