# METADATA
# title: Customer data left in the cloud, unmanaged
# description: >-
#   The change removes a customer-data store from the stack while retainOnDelete keeps its cloud
#   object: the data stays (and is billed) with nothing managing, protecting or backing it up any
#   more. Each such store is named with its tenant, so an owner can adopt, archive or delete it.
# scope: package
# custom:
#   id: orphaned-store
#   severity: medium
#   enforcement: advisory
#   remediation: >-
#     Decide what happens to the data: import the store into the stack that now owns it, or
#     archive and delete it in a reviewed change; set this policy to mandatory to require that
#     before the store leaves the stack.
package blastguard.rules.orphaned_store

import data.blastguard.lib

_chain := rego.metadata.chain()

findings contains f if {
	some r in lib.customer_stores
	r.op == "delete"
	r.before != null
	lib.is_true(r.before.retain_on_delete)
	msg := concat("", [
		"deletes ", r.name, " from the stack but retainOnDelete leaves it in the cloud, unmanaged (",
		_owner(r), ")",
	])
	f := lib.finding(_chain, "violation", r.urn, msg)
}

# The tenant (root unit) that owned it; a store outside every unit is shared; an unknown scope
# is said so, never dropped.
_owner(r) := "shared" if {
	r.scope.level == lib.shared
} else := concat(" ", [lib.root_level, r.scope[lib.root_level]]) if {
	is_string(r.scope[lib.root_level])
} else := concat(" ", [lib.root_level, "unknown"])
