# METADATA
# title: Protection removed in the same change that deletes
# description: >-
#   The change removes protect from a resource and deletes or replaces it at once. Pulumi lets a
#   replacement through when protect is dropped in the same update, so one unreviewed edit can
#   take a protected resource. Deletion must be two-phase.
# scope: package
# custom:
#   id: unprotect-and-delete
#   severity: critical
#   enforcement: mandatory
#   remediation: >-
#     Remove protect in one reviewed change and apply it; delete or replace the resource in a
#     later change.
package blastguard.rules.unprotect_and_delete

import data.blastguard.lib

findings contains f if {
	some r in input.resources
	lib.removes(r)
	lib.is_true(r.before.protect)
	r.after != null
	lib.is_false(r.after.protect)
	msg := sprintf("%s %s while the same change removes its protect flag", [lib.verb(r), r.name])
	f := lib.finding(rego.metadata.chain(), "violation", r.urn, msg)
}

findings contains f if {
	some r in input.resources
	lib.removes(r)
	lib.is_true(r.before.protect)
	r.after != null
	lib.not_known_bool(r.after.protect)
	msg := sprintf("%s %s and its new protect flag is unknown", [lib.verb(r), r.name])
	f := lib.finding(rego.metadata.chain(), "unverifiable", r.urn, msg)
}
