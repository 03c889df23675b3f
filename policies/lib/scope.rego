# Scope helpers. The host computes every resource's scope once (input.resources[_].scope: the
# unit ID per level, and `level`, its deepest level or "shared") and one entry per unit with its
# counts (input.units), so no policy walks parent chains or groups resources itself.
package blastguard.lib

# The configured levels, outermost first (tenant, site, app by default).
scope_levels := [l.name | some l in input.config.scopes.levels]

root_level := scope_levels[0]

leaf_level := scope_levels[count(scope_levels) - 1]

shared := "shared"

# The scope of a deleted resource whose prior state the input lacks (a plan without --state).
unknown_scope := "unknown"

# A cloud resource the change deletes or replaces.
removed_cloud(resource) if {
	is_cloud(resource)
	removes(resource)
}

has_intent if input.intent != null

unit_key(level, id) := concat(":", [level, id])

units_by_key := {u.key: u | some u in input.units}

# The units the intent declares, as unit keys. A target whose stated outer units contradict
# what the input says about that unit declares nothing.
declared_keys := {unit_key(t.kind, t.id) |
	some action in input.intent.actions
	t := action.target
	_outer_units_agree(t)
}

_outer_units_agree(target) if not units_by_key[unit_key(target.kind, target.id)]

_outer_units_agree(target) if {
	unit := units_by_key[unit_key(target.kind, target.id)]
	every level in scope_levels {
		_outer_unit_agrees(target, unit, level)
	}
}

_outer_unit_agrees(target, _, level) if not target[level]

_outer_unit_agrees(target, unit, level) if unit.parents[level] in {null, target[level]}

# The resource lies inside a unit the intent declares (or is a shared resource it names).
covered(resource) if {
	some level in scope_levels
	id := resource.scope[level]
	id != null
	unit_key(level, id) in declared_keys
}

covered(resource) if {
	resource.scope.level == shared
	unit_key(shared, resource.name) in declared_keys
}

# The unit, or one of its outer units, is declared.
unit_covered(unit) if unit.key in declared_keys

unit_covered(unit) if {
	some level, id in unit.parents
	id != null
	unit_key(level, id) in declared_keys
}

# The root unit (tenant) a target belongs to, when the intent or the input says.
target_root(target) := target.id if target.kind == root_level

target_root(target) := target[root_level] if {
	target.kind != root_level
	target[root_level]
}

target_root(target) := units_by_key[unit_key(target.kind, target.id)].parents[root_level] if {
	target.kind != root_level
	not target[root_level]
}

# "site site-9", or "shared" for resources outside every unit.
unit_label(resource) := shared if resource.scope.level == shared

unit_label(resource) := concat(" ", [resource.scope.level, resource.scope[resource.scope.level]]) if {
	resource.scope.level != shared
}

# At most n items, then how many more.
list_summary(items, n) := concat(", ", items) if count(items) <= n

list_summary(items, n) := sprintf("%s and %d more", [concat(", ", array.slice(items, 0, n)), count(items) - n]) if {
	count(items) > n
}

# How a message names what the intent declares.
intent_summary := "no intent was given" if not has_intent

intent_summary := concat(" ", ["intent names", list_summary(sort([concat(" ", [a.target.kind, a.target.id]) | some a in input.intent.actions]), 5)]) if {
	has_intent
}

# A finding about a unit: on its component when the input lists it, naming the unit's removed resources.
unit_finding(chain, kind, unit, message) := object.union(
	finding(chain, kind, _unit_urn(unit), message),
	{"resources": unit.removed_urns},
)

_unit_urn(unit) := unit.component_urn if unit.component_urn != null

_unit_urn(unit) := "" if unit.component_urn == null
