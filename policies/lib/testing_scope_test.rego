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

# A cloud resource (a bucket) with op "delete", "replace" or "same" in the given scope.
member(name, op, sc) := object.union(t.resource(name, op, t.state({}), _after(op)), {"scope": sc})

_after("delete") := null

_after(op) := t.state({}) if op != "delete"

deleted(name, sc) := member(name, "delete", sc)

kept(name, sc) := member(name, "same", sc)

# A unit's component: "deleted", "kept", "unlisted" or null, per unit key ("site:site-9").
component_status(components, key) := components[key]

component_status(components, key) := null if not components[key]

units(resources, components) := [unit |
	some key in {concat(":", [l, r.scope[l]]) | some r in resources; some l in levels; r.scope[l] != null}
	parts := split(key, ":")
	level := parts[0]
	id := parts[1]
	members := [r | some r in resources; r.scope[level] == id]
	first := members[0]
	rank := [i | some i, l in levels; l == level][0]
	unit := {
		"key": key, "level": level, "id": id,
		"parents": {l: first.scope[l] | some i, l in levels; i < rank},
		"existing": count([r | some r in members; r.before != null]),
		"deleted": count([r | some r in members; r.op == "delete"]),
		"removed": count([r | some r in members; r.op in {"delete", "replace"}]),
		"removed_urns": [r.urn | some r in members; r.op in {"delete", "replace"}],
		"component": component_status(components, key),
		"component_urn": _component_urn(components, key),
	}
]

_component_urn(components, key) := concat("", ["urn:pulumi:dev::proj::component::", key]) if _listed(components, key)

_component_urn(components, key) := null if not _listed(components, key)

_listed(components, key) if components[key] in {"deleted", "kept"}

# A change document with units; complete inventory unless stated.
doc(resources, components, intent) := object.union(t.doc(resources), {"units": units(resources, components), "intent": intent})

incomplete(d) := object.union(d, {"inventory": {"complete": false, "max_prior_resources": 1000}})

target(kind, id) := {"kind": kind, "id": id}

intent(targets) := {"requester": "someone", "reason": "a test", "ticket": null, "actions": [
{"action": "delete", "target": tg, "id_formats": _formats(tg.id)} | some tg in targets]}

_formats(id) := [l | some l in levels; startswith(id, concat("", [l, "-"]))]
