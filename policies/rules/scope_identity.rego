# METADATA
# title: Unit identity ambiguous or contradictory
# description: >-
#   Which unit a resource or an intent target belongs to must not be a guess. Refused: an intent ID
#   that matches units in several parents (the app a-1 of two tenants) without naming the outer
#   units that tell them apart; an intent target whose outer units (tenant, site) hold no unit
#   with its ID while others do (the message names the wrong outer unit and where the ID is); a
#   resource whose own tag names another unit than the component or tagged parent it sits in;
#   and a unit ID (from a tag or a component name) that does not match its level's idPattern.
# scope: package
# custom:
#   id: scope-identity
#   severity: critical
#   enforcement: mandatory
#   remediation: >-
#     Name the target's outer units in the intent file (e.g. tenant and site) so its ID names one
#     unit, and correct an outer unit the message names as wrong. Fix tags that disagree with the component a resource sits in. Give units IDs in their
#     level's format, or set componentIdPattern on the level so the ID is read from the component's
#     name.
package blastguard.rules.scope_identity

import data.blastguard.lib

findings contains f if {
	some action in input.intent.actions
	t := action.target
	t.kind != lib.shared
	matches := action.resolution.matches[t.kind]
	count(matches) > 1
	parents := sort([_path(lib.units_by_key[key]) | some key in matches])
	msg := sprintf(
		"the intent's %s ID %s matches %d %ss (in %s); name its outer units in the intent to say which",
		[t.kind, t.id, count(matches), t.kind, lib.list_summary(parents, 5)],
	)
	urns := [urn | some urn in {urn | some key in matches; some urn in lib.units_by_key[key].removed_urns}]
	f := lib.change_finding(rego.metadata.chain(), "violation", msg, urns)
}

# The target names outer units that hold no unit of its kind with its ID, while others do.
findings contains f if {
	some action in input.intent.actions
	t := action.target
	t.kind != lib.shared
	count(action.resolution.matches[t.kind]) == 0
	wrong := object.get(action.resolution, "misqualified", [])
	count(wrong) > 0
	named := [l | some l in lib.scope_levels; t[l]]
	actual := sort({_path_of(named, lib.units_by_key[m.key].parents) | some m in wrong})
	msg := sprintf(
		"%s has no %s %s; %s is in %s: the intent names the wrong %s",
		[_path_of(named, t), t.kind, t.id, t.id, lib.list_summary(actual, 5), concat(" or ", sort({m.level | some m in wrong}))],
	)
	urns := [urn | some urn in {urn | some m in wrong; some urn in lib.units_by_key[m.key].removed_urns}]
	f := lib.change_finding(rego.metadata.chain(), "violation", msg, urns)
}

# "site site-10 of tenant tenant-acme": the given levels' IDs in ids, innermost first.
_path_of(levels, ids) := concat(" of ", [concat(" ", [l, _or_unknown(object.get(ids, l, null))]) |
	some i, _ in levels
	l := levels[(count(levels) - 1) - i]
])

findings contains f if {
	some p in object.get(input, "scope_problems", [])
	p.kind == "conflict"
	msg := sprintf("%s is tagged %s %s but sits inside %s %s", [p.name, p.level, p.id, p.level, p.other])
	f := lib.finding(rego.metadata.chain(), "violation", p.urn, msg)
}

findings contains f if {
	some p in object.get(input, "scope_problems", [])
	p.kind == "format"
	msg := sprintf("%s names %s %s by its %s, which does not match the %s ID format %s", [p.name, p.level, p.id, _source[p.source], p.level, _pattern[p.level]])
	f := lib.finding(rego.metadata.chain(), "violation", p.urn, msg)
}

_pattern := {l.name: l.idPattern | some l in input.config.scopes.levels}

_source := {"tag": "tag", "component": "component name"}

# "tenant-acme/site-9": the unit's known outer IDs.
_path(unit) := concat("/", [_or_unknown(unit.parents[l]) | some l in lib.scope_levels; l in object.keys(unit.parents)])

_or_unknown(null) := "?"

_or_unknown(id) := id if id != null
