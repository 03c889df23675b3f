# METADATA
# title: Two prior states disagree
# description: >-
#   The change's own record of the state before it (a preview's old state) and the stack export
#   given beside it (--state) disagree on protect, retainOnDelete or a scope or data-class tag.
#   One of them is stale or was changed outside review (for example `pulumi state unprotect`),
#   so neither can be taken: the check blocks and names both values.
# scope: package
# custom:
#   id: prior-state-conflict
#   severity: high
#   enforcement: mandatory
#   remediation: >-
#     Export the stack again (`pulumi stack export`) right before the preview and check the two
#     together; if someone changed the state outside review, find out why before going on.
package blastguard.rules.prior_state_conflict

import data.blastguard.lib

findings contains f if {
	some r in input.resources
	some c in object.get(r, "conflicts", [])
	msg := sprintf("%s: the change's prior state says %s is %s, the --state export says %s", [r.name, c.field, _text(c.change), _text(c.state)])
	f := lib.finding(rego.metadata.chain(), "violation", r.urn, msg)
}

_text(v) := "unknown" if v == {"$unknown": true}

else := "absent" if v == null

else := json.marshal(v)
