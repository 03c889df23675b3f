# METADATA
# title: Deletion reaches a wider scope than intended
# description: >-
#   The change deletes a whole site or tenant (its component, or every one of its cloud
#   resources) while the intent names only other or narrower units, or no intent is given. This is
#   how a list of site IDs handed over as app IDs deletes whole customer sites.
# scope: package
# custom:
#   id: scope-escalation
#   severity: critical
#   enforcement: mandatory
#   remediation: >-
#     Check that the change removes only the units you meant to remove. If the whole unit is to
#     go, declare it in the intent file (--intent) with its own kind, e.g. kind site.
package blastguard.rules.scope_escalation

import data.blastguard.lib

findings contains f if {
	some unit in _wholly_deleted
	msg := sprintf("plan deletes all %d cloud resources of %s %s; %s", [unit.deleted, unit.level, unit.id, lib.intent_summary])
	f := lib.unit_finding(rego.metadata.chain(), "violation", unit, msg)
}

findings contains f if {
	some unit in _maybe_wholly_deleted
	msg := sprintf(
		"plan deletes %d cloud resources of %s %s and the input lists no others, so it may delete the whole %s; %s; pass the prior state with --state or preview with --show-sames",
		[unit.deleted, unit.level, unit.id, unit.level, lib.intent_summary],
	)
	f := lib.unit_finding(rego.metadata.chain(), "undecidable", unit, msg)
}

# Without the prior state (a plan alone) a deletion's scope cannot be told.
findings contains f if {
	urns := input.change.removed_unknown_scope
	count(urns) > 0
	msg := sprintf(
		"plan deletes or replaces %d cloud resources whose scope the input does not show (no prior state); pass the prior state with --state",
		[count(urns)],
	)
	f := lib.change_finding(rego.metadata.chain(), "undecidable", msg, urns)
}

# Units wider than the narrowest level that lose something and are not declared.
_candidates contains unit if {
	some unit in input.units
	unit.level != lib.leaf_level
	unit.deleted > 0
	not lib.unit_covered(unit)
}

# The program no longer declares the unit (its component is deleted) and nothing of it survives
# as far as the input shows.
_wholly_deleted contains unit if {
	some unit in _candidates
	unit.component == "deleted"
	not _survivors(unit)
}

# A unit known only by tags: whole when the complete inventory shows every resource deleted.
_wholly_deleted contains unit if {
	some unit in _candidates
	unit.component == null
	input.inventory.complete
	unit.deleted == unit.existing
}

_maybe_wholly_deleted contains unit if {
	some unit in _candidates
	unit.component == null
	not input.inventory.complete
	unit.deleted == unit.existing
}

_survivors(unit) if {
	input.inventory.complete
	unit.existing > unit.deleted
}
