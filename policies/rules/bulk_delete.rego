# METADATA
# title: Too many cloud resources deleted in one change
# description: >-
#   A change deletes more cloud resources than one reviewed change should (replacements count,
#   resources kept by retainOnDelete do not), either in absolute number or as a share of the
#   stack. Bulk deletions are how one wrong list of IDs becomes an outage.
# scope: package
# custom:
#   id: bulk-delete
#   severity: high
#   enforcement: mandatory
#   remediation: >-
#     Split the change into smaller reviewed changes, or raise the limit for this stack in
#     blastguard.yaml if the deletion is intended and reviewed.
package blastguard.rules.bulk_delete

import data.blastguard.lib

_params := lib.params(rego.metadata.chain())

# The host lists the destroyed resources (lib.destroys, counted in src/engine/change-facts.ts),
# unsorted: it sorts a finding's resources itself (sorting in Wasm is quadratic).
_destroyed := input.change.destroyed

_n := count(_destroyed)

# Cloud resources that existed before the change, as far as the input lists them (exact when
# the inventory is complete, a lower bound otherwise).
# (lib.existed, counted by the host).
_listed_prior := input.change.listed_prior

findings contains f if {
	_n > _params.maxDeletes
	msg := sprintf("change deletes %d cloud resources; at most %d may go in one change", [_n, _params.maxDeletes])
	f := lib.change_finding(rego.metadata.chain(), "violation", msg, _destroyed)
}

findings contains f if {
	_n <= _params.maxDeletes
	_share_exceeded
	msg := sprintf("change deletes %d of the stack's %d cloud resources, more than %d %%", [_n, _listed_prior, _params.maxPercent])
	f := lib.change_finding(rego.metadata.chain(), "violation", msg, _destroyed)
}

findings contains f if {
	_n <= _params.maxDeletes
	_share_undecidable
	msg := sprintf(
		"change deletes %d cloud resources, which may exceed %d %% of the stack, but the input does not list every resource; pass the prior state with --state or preview with --show-sames",
		[_n, _params.maxPercent],
	)
	f := lib.change_finding(rego.metadata.chain(), "undecidable", msg, _destroyed)
}

_over_share(total) if _n * 100 > _params.maxPercent * total

_share_exceeded if {
	input.inventory.complete
	_listed_prior >= _params.minResources
	_over_share(_listed_prior)
}

# Without a complete inventory the stack size lies between what the input lists and the
# upper bound the reader derived from the change summary; decide only when both agree.
_share_exceeded if {
	not input.inventory.complete
	_listed_prior >= _params.minResources
	_over_share(input.inventory.max_prior_resources)
}

_share_undecidable if {
	not input.inventory.complete
	_n > 0
	not _share_exceeded
	input.inventory.max_prior_resources >= _params.minResources

	# The rule applies only to stacks of at least minResources, so that is the smallest total.
	_over_share(max([_listed_prior, _params.minResources]))
}
