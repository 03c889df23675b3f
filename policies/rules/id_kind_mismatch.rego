# METADATA
# title: Intent ID of the wrong kind
# description: >-
#   An ID the intent declares as one kind (an app) names no unit of that kind but names a unit of
#   another kind (a site), or has that other kind's format while the stack has no such unit.
#   This is the mistake behind deleting whole sites from a list of app IDs.
# scope: package
# custom:
#   id: id-kind-mismatch
#   severity: critical
#   enforcement: mandatory
#   remediation: >-
#     Ask the requester which kind of unit each ID names, and fix the kinds in the intent file
#     (and the change) before deploying.
package blastguard.rules.id_kind_mismatch

import data.blastguard.lib

# [declared kind, kind it really is, id]: the input lists a unit of the other kind with that ID.
_is_other contains [t.kind, other, t.id] if {
	some action in input.intent.actions
	t := action.target
	t.kind != lib.shared
	count(action.resolution.matches[t.kind]) == 0
	some other in lib.scope_levels
	other != t.kind
	count(action.resolution.matches[other]) > 0
}

# [declared kind, kind whose format it has, id]: only when the complete inventory shows the
# declared unit does not exist.
_has_other_format contains [t.kind, other, t.id] if {
	input.inventory.complete
	some action in input.intent.actions
	t := action.target
	t.kind != lib.shared
	not _named_anywhere(action)
	some other in action.id_formats
	other != t.kind
}

_named_anywhere(action) if {
	some level in lib.scope_levels
	count(action.resolution.matches[level]) > 0
}

# [declared kind, kind it really is, key of a unit of that kind the ID names].
_other_units contains [t.kind, other, key] if {
	some action in input.intent.actions
	t := action.target
	some other in lib.scope_levels
	_is_other[[t.kind, other, t.id]]
	some key in action.resolution.matches[other]
}

findings contains f if {
	some pair in {[m[0], m[1]] | some m in _is_other}
	ids := sort([m[2] | some m in _is_other; m[0] == pair[0]; m[1] == pair[1]])
	msg := sprintf("%d of the %s IDs are %s IDs: %s", [count(ids), pair[0], pair[1], lib.list_summary(ids, 10)])
	urns := [urn | some urn in {urn | some m in _other_units; m[0] == pair[0]; m[1] == pair[1]; some urn in lib.units_by_key[m[2]].removed_urns}]
	f := lib.change_finding(rego.metadata.chain(), "violation", msg, urns)
}

findings contains f if {
	some pair in {[m[0], m[1]] | some m in _has_other_format}
	ids := sort([m[2] | some m in _has_other_format; m[0] == pair[0]; m[1] == pair[1]])
	msg := sprintf(
		"%d of the %s IDs name no %s in the stack and have the format of %s IDs: %s",
		[count(ids), pair[0], pair[0], pair[1], lib.list_summary(ids, 10)],
	)
	f := lib.change_finding(rego.metadata.chain(), "violation", msg, [])
}
