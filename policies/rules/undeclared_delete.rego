# METADATA
# title: Deletion outside the declared intent
# description: >-
#   With an intent, every cloud resource the change deletes or replaces must lie inside a unit
#   the intent declares (or be a shared resource it names). Anything else is listed.
# scope: package
# custom:
#   id: undeclared-delete
#   severity: high
#   enforcement: mandatory
#   remediation: >-
#     Remove the undeclared deletions from the change, or add their units to the intent file if
#     they are meant to go.
package blastguard.rules.undeclared_delete

import data.blastguard.lib

# The removed cloud resources (listed by the host, src/engine/change-facts.ts). Those of unknown
# scope are scope-escalation's undecidable finding, not listed here.
_outside := [r |
	some r in input.change.removed
	r.scope.level != lib.unknown_scope
	not lib.covered(r)
]

findings contains f if {
	lib.has_intent
	count(_outside) > 0
	units := sort({lib.unit_label(r) | some r in _outside})
	msg := sprintf(
		"plan deletes or replaces %d cloud resources outside the units the intent declares (%s); they belong to %s",
		[count(_outside), lib.intent_summary, lib.list_summary(units, 5)],
	)
	f := lib.change_finding(rego.metadata.chain(), "violation", msg, [r.urn | some r in _outside])
}
