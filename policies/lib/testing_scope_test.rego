# Builders for the scope policies' unit tests (named _test.rego so the bundle leaves it out):
# resources with a scope, and the unit index the host would build for them (src/scope/units.ts).
package blastguard.lib.testing_scope

import data.blastguard.lib.testing as t

levels := ["tenant", "site", "app"]

scope(tenant, site, app) := object.union(ids, {"level": _deepest(ids)}) if {
	ids := {"tenant": tenant, "site": site, "app": app}
}

_deepest(ids) := "app" if ids.app != null

_deepest(ids) := "site" if {
	ids.app == null
	ids.site != null
}

_deepest(ids) := "tenant" if {
	ids.app == null
	ids.site == null
	ids.tenant != null
}

_deepest(ids) := "shared" if {
	ids.app == null
	ids.site == null
	ids.tenant == null
}

# The full-path key of the unit at `level` that a scope names (null where it names none), as the
# host builds it: the level, then the IDs down to it.
path_key(sc, level) := json.marshal(array.concat([level], [sc[l] | some i, l in levels; i <= _rank(level)])) if sc[level] != null

path_key(sc, level) := null if sc[level] == null

_rank(level) := [i | some i, l in levels; l == level][0]

unit_keys(sc) := {l: path_key(sc, l) | some l in levels}

# A cloud resource (a bucket) with op "delete", "replace" or "same" in the given scope.
member(name, op, sc) := object.union(t.resource(name, op, t.state({}), _after(op)), {"scope": sc, "unit_keys": unit_keys(sc)})

_after("delete") := null

_after(op) := t.state({}) if op != "delete"

deleted(name, sc) := member(name, "delete", sc)

kept(name, sc) := member(name, "same", sc)

# A unit's component: "deleted", "kept", "unlisted" or null, per "level:id" ("site:site-9").
component_status(components, level, id) := components[concat(":", [level, id])]

component_status(components, level, id) := null if not components[concat(":", [level, id])]

units(resources, components) := [unit |
	some key in {k | some r in resources; some k in r.unit_keys; k != null}
	members := [r | some r in resources; some k in r.unit_keys; k == key]
	first := members[0]
	level := [l | some l in levels; first.unit_keys[l] == key][0]
	id := first.scope[level]
	unit := {
		"key": key, "level": level, "id": id,
		"parents": {l: first.scope[l] | some i, l in levels; i < _rank(level)},
		"outer_keys": [k | some i, l in levels; i < _rank(level); k := first.unit_keys[l]; k != null],
		"existing": count([r | some r in members; r.before != null]),
		"deleted": count([r | some r in members; r.op == "delete"]),
		"removed": count([r | some r in members; r.op in {"delete", "replace"}]),
		"removed_urns": [r.urn | some r in members; r.op in {"delete", "replace"}],
		"component": component_status(components, level, id),
		"component_urn": _component_urn(components, level, id),
	}
]

_component_urn(components, level, id) := concat("", ["urn:pulumi:dev::proj::component::", level, ":", id]) if _listed(components, level, id)

_component_urn(components, level, id) := null if not _listed(components, level, id)

_listed(components, level, id) if component_status(components, level, id) in {"deleted", "kept"}

# A change document with units and the intent resolved against them, as the host builds it
# (src/scope/intent.ts); complete inventory unless stated.
doc(resources, components, intent) := object.union(t.doc(resources), {"units": [u | some u in us; _sent(u, resolved)], "intent": resolved}) if {
	us := units(resources, components)
	resolved := resolve(intent, us)
}

# The units the host sends (src/engine/project.ts): those the change removes a cloud resource
# from, and those an intent target resolves to.
_sent(u, _) if u.removed > 0

_sent(u, intent) if {
	some a in intent.actions
	u.key in _named(a.resolution)
}

_named(res) := ({k | some k in res.declared} | {k | some keys in res.matches; some k in keys}) | {m.key | some m in res.misqualified}

resolve(null, _) := null

resolve(intent, us) := object.union(intent, {
	"actions": actions,
	"declared_units": {key: true | some a in actions; some key in a.resolution.declared},
	"declared_shared": {a.target.id: true | some a in actions; a.target.kind == "shared"},
	"target_labels": sort([concat(" ", [a.target.kind, a.target.id]) | some a in actions]),
}) if {
	intent != null
	actions := [object.union(a, {"resolution": _resolution(a.target, us)}) | some a in intent.actions]
}

_resolution(target, _) := {"declared": [], "matches": {}, "root": null, "misqualified": []} if target.kind == "shared"

_resolution(target, us) := {
	"declared": declared,
	"matches": matches,
	"root": _root(target, us, matches[target.kind]),
	"misqualified": _misqualified(target, us, matches[target.kind]),
} if {
	target.kind != "shared"
	matches := {l: [u.key | some u in us; u.level == l; u.id == target.id; _agrees(target, u)] | some l in levels}
	declared := _unique(matches[target.kind])
}

# The units of the target's kind with its ID, none agreeing with its outer units: each with the
# outermost level the target names wrongly.
_misqualified(_, _, own) := [] if count(own) > 0

_misqualified(target, us, own) := [{"key": u.key, "level": _wrong_levels(target, u)[0]} |
	some u in us
	u.level == target.kind
	u.id == target.id
] if {
	count(own) == 0
}

_wrong_levels(target, u) := [l |
	some l in levels
	target[l]
	u.parents[l] != null
	u.parents[l] != target[l]
]

_agrees(target, unit) if {
	every outer, id in unit.parents {
		_outer_agrees(target, outer, id)
	}
}

_outer_agrees(target, outer, _) if not target[outer]

_outer_agrees(_, _, null)

_outer_agrees(target, outer, id) if target[outer] == id

_unique(keys) := keys if count(keys) == 1

_unique(keys) := [] if count(keys) != 1

_root(target, _, _) := target.id if target.kind == levels[0]

_root(target, _, _) := target[levels[0]] if {
	target.kind != levels[0]
	target[levels[0]]
}

_root(target, us, own) := [u.parents[levels[0]] | some u in us; u.key == own[0]][0] if {
	target.kind != levels[0]
	not target[levels[0]]
	count(own) == 1
}

_root(target, _, own) := null if {
	target.kind != levels[0]
	not target[levels[0]]
	count(own) != 1
}

incomplete(d) := object.union(d, {"inventory": {"complete": false, "max_prior_resources": 1000}})

target(kind, id) := {"kind": kind, "id": id}

intent(targets) := {"requester": "someone", "reason": "a test", "ticket": null, "actions": [
{"action": "delete", "target": tg, "id_formats": _formats(tg.id)} | some tg in targets]}

_formats(id) := [l | some l in levels; startswith(id, concat("", [l, "-"]))]
