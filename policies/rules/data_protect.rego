# METADATA
# title: Customer data not protected in Pulumi
# description: >-
#   A customer-data resource (a known AWS data store, unless its data-class tag declares another
#   class, or any resource tagged customer) must have protect set, so no Pulumi run can delete
#   it without a reviewed change first. Missing retainOnDelete is advisory. A data store whose
#   tag declares another class is reported as an advisory, so that choice stays visible.
# scope: package
# custom:
#   id: data-protect
#   severity: critical
#   enforcement: mandatory
#   remediation: >-
#     Set protect (and retainOnDelete) on the resource, e.g. `{ protect: true, retainOnDelete:
#     true }` in its resource options; or tag it with its real data class if it holds no
#     customer data.
package blastguard.rules.data_protect

import data.blastguard.lib

# Built once per evaluation, not once per finding.
_chain := rego.metadata.chain()

# An array, not a set: a set of whole resources would hash every one of them.
_stores := [r | some r in lib.customer_stores; r.after != null]

findings contains f if {
	some r in _stores
	lib.is_false(r.after.protect)
	f := lib.posture_finding(_chain, "violation", r, concat("", [r.name, " holds customer data and is not protected", _retain_note(r)]))
}

# An unprotected store's one finding also says when retainOnDelete is missing.
_retain_note(r) := "" if lib.is_true(r.after.retain_on_delete)

else := " (nor retained on delete)"

findings contains f if {
	some r in _stores
	lib.not_known_bool(r.after.protect)
	f := lib.posture_finding(_chain, "unverifiable", r, concat("", [r.name, " holds customer data and its protect flag is unknown"]))
}

findings contains f if {
	some r in _stores
	not lib.is_false(r.after.protect)
	not lib.is_true(r.after.retain_on_delete)
	msg := concat("", [r.name, " holds customer data and retainOnDelete is not set: a delete would remove the cloud object"])
	f := lib.posture_finding(_chain, "advisory", r, msg)
}

findings contains f if {
	some [r, class] in lib.declared_not_customer
	r.after != null
	msg := concat("", [r.name, " is declared ", class, " by its ", input.config.dataClass.tagKey, " tag; not checked as customer data"])
	f := lib.posture_finding(_chain, "advisory", r, msg)
}

findings contains f if {
	some r in lib.class_unknown
	r.after != null
	msg := concat("", [r.name, ": its ", input.config.dataClass.tagKey, " tag is unknown or secret, so whether it holds customer data cannot be told"])
	f := lib.posture_finding(_chain, "unverifiable", r, msg)
}
