# METADATA
# title: Shared resource deleted without an intent
# description: >-
#   A cloud resource outside every tenant (shared: roles, keys, stores the tenants use) is
#   deleted or replaced without an intent, while tenant resources stay in the stack and may depend
#   on it. The model has no dependency graph, so any remaining tenant resource counts.
# scope: package
# custom:
#   id: shared-delete
#   severity: high
#   enforcement: mandatory
#   remediation: >-
#     Check that no tenant still uses the resource, then declare it in an intent file as a target
#     of kind shared with its resource name.
package blastguard.rules.shared_delete

import data.blastguard.lib

_removed_shared contains r if {
	not lib.has_intent
	some r in input.resources
	lib.removed_cloud(r)
	r.scope.level == lib.shared
}

# Cloud resources inside a unit that the change keeps, and whether any resource lies in a unit
# (counted by the host, src/engine/change-facts.ts).
_tenant_resources_staying := input.change.scoped_staying

_scoped_stack if input.change.scoped

findings contains f if {
	some r in _removed_shared
	_tenant_resources_staying > 0
	msg := sprintf(
		"%s shared resource %s while %d tenant resources stay in the stack; no intent declares it",
		[lib.verb(r), r.name, _tenant_resources_staying],
	)
	f := lib.finding(rego.metadata.chain(), "violation", r.urn, msg)
}

# Tenant resources exist, but the input lists none that stay: unlisted ones may.
findings contains f if {
	some r in _removed_shared
	_tenant_resources_staying == 0
	_scoped_stack
	not input.inventory.complete
	msg := sprintf(
		"%s shared resource %s; the input does not list the tenant resources that may depend on it; pass the prior state with --state or preview with --show-sames",
		[lib.verb(r), r.name],
	)
	f := lib.finding(rego.metadata.chain(), "undecidable", r.urn, msg)
}
