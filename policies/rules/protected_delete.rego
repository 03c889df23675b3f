# METADATA
# title: Protected resource deleted or replaced
# description: >-
#   The change deletes or replaces a resource whose prior state has protect set. Pulumi refuses
#   a plain delete of a protected resource at apply time; the guard says so before, and also
#   catches replacements and inputs the engine has not checked yet.
# scope: package
# custom:
#   id: protected-delete
#   severity: critical
#   enforcement: mandatory
#   remediation: >-
#     Keep the resource, or remove protect in one reviewed change and delete it in a later one.
package blastguard.rules.protected_delete

import data.blastguard.lib

findings contains f if {
	some r in input.resources
	lib.removes(r)
	lib.is_true(r.before.protect)
	f := lib.finding(rego.metadata.chain(), "violation", r.urn, sprintf("%s %s is protected", [lib.verb(r), r.name]))
}

findings contains f if {
	some r in input.resources
	lib.removes(r)
	r.before != null
	lib.not_known_bool(r.before.protect)
	f := lib.finding(rego.metadata.chain(), "unverifiable", r.urn, sprintf("%s %s: its protect flag is unknown", [lib.verb(r), r.name]))
}

findings contains f if {
	some r in input.resources
	lib.removes(r)
	r.before == null
	msg := sprintf("%s %s: the input has no prior state for it; pass the stack export with --state", [lib.verb(r), r.name])
	f := lib.finding(rego.metadata.chain(), "unverifiable", r.urn, msg)
}
