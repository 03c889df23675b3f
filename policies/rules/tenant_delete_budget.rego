# METADATA
# title: Tenant loses too much without an intent
# description: >-
#   Without an intent, no tenant (the outermost scope unit) may lose more than maxPercent of its
#   cloud resources (default 50 %), nor the tenant itself when refuseRootUnitDelete is on.
#   Deletions count, replacements do not. The share needs the tenant's total: without a complete
#   inventory the check cannot decide unless the listed resources already settle it.
# scope: package
# custom:
#   id: tenant-delete-budget
#   severity: high
#   enforcement: mandatory
#   remediation: >-
#     Declare what the change deletes in an intent file (--intent), or split the change; pass the
#     prior state with --state (or preview with --show-sames) so the tenant's total is known.
package blastguard.rules.tenant_delete_budget

import data.blastguard.lib

_params := lib.params(rego.metadata.chain())

_losing contains unit if {
	not lib.has_intent
	some unit in input.units
	unit.level == lib.root_level
	unit.deleted > 0
}

_root_refused(unit) if {
	_params.refuseRootUnitDelete
	unit.component == "deleted"
}

_root_refused(unit) if {
	_params.refuseRootUnitDelete
	unit.component == null
	input.inventory.complete
	unit.deleted == unit.existing
}

# With an incomplete inventory `existing` counts only listed resources: a lower bound of the
# total, so the share computed from it is an upper bound.
_over_budget(unit) if unit.deleted * 100 > _params.maxPercent * unit.existing

findings contains f if {
	some unit in _losing
	_root_refused(unit)
	msg := sprintf("plan deletes %s %s itself (%d cloud resources) without an intent", [unit.level, unit.id, unit.deleted])
	f := lib.unit_finding(rego.metadata.chain(), "violation", unit, msg)
}

findings contains f if {
	some unit in _losing
	not _root_refused(unit)
	input.inventory.complete
	_over_budget(unit)
	msg := sprintf(
		"plan deletes %d of the %d cloud resources of %s %s, more than %v %% without an intent",
		[unit.deleted, unit.existing, unit.level, unit.id, _params.maxPercent],
	)
	f := lib.unit_finding(rego.metadata.chain(), "violation", unit, msg)
}

findings contains f if {
	some unit in _losing
	not _root_refused(unit)
	not input.inventory.complete
	_over_budget(unit)
	msg := sprintf(
		"plan deletes %d cloud resources of %s %s, which may be more than %v %% of it, but the input does not list all its resources; pass the prior state with --state or preview with --show-sames, or declare the deletion in an intent",
		[unit.deleted, unit.level, unit.id, _params.maxPercent],
	)
	f := lib.unit_finding(rego.metadata.chain(), "undecidable", unit, msg)
}
