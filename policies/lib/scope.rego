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

units_by_key := {u.key: u | some u in input.units}

# The units the intent declares, indexed by unit key (full paths, resolved by the host: a target
# that names one unit declares it; an ambiguous or unknown one declares nothing), and the shared
# (stack-wide) resources it names, by name. Looked up, never iterated: one step per resource, so
# matching stays linear in deletes plus actions (`x in set` walks the set in Wasm).
declared_unit(key) if input.intent.declared_units[key]

declared_shared(name) if input.intent.declared_shared[name]

# The resource lies inside a unit the intent declares (or is a shared resource it names).
covered(resource) if {
	some key in resource.unit_keys
	declared_unit(key)
}

covered(resource) if {
	resource.scope.level == shared
	declared_shared(resource.name)
}

# The unit, or one of its outer units, is declared.
unit_covered(unit) if declared_unit(unit.key)

unit_covered(unit) if {
	some key in unit.outer_keys
	declared_unit(key)
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

# The host lists the targets' "kind id" labels sorted (sorting in Wasm is quadratic).
intent_summary := concat(" ", ["intent names", list_summary(input.intent.target_labels, 5)]) if {
	has_intent
}

# A finding about a unit: on its component when the input lists it, naming the unit's removed resources.
unit_finding(chain, kind, unit, message) := object.union(
	finding(chain, kind, _unit_urn(unit), message),
	{"resources": unit.removed_urns},
) if judges_change

_unit_urn(unit) := unit.component_urn if unit.component_urn != null

_unit_urn(unit) := "" if unit.component_urn == null
