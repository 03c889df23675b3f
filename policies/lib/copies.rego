# Second-location copies of data stores: the decisions. The facts (every store's copy paths in
# the "before" and "after" views, each with its destination region and account, full or partial,
# known or unverifiable, and the URNs it needs to survive) are computed once in TypeScript
# (src/copies/); here we only decide which paths survive the change and whether the survivors
# meet the location rule. Every rule is a few lookups per store: linear in the stack.
package blastguard.lib.copies

import data.blastguard.lib

# A store in a view: {"region", "account", "paths"}, its paths being those that exist in that view
# (each path is listed once per store, flagged "before" and/or "after"). A store the facts missed
# is judged as having no copy (fail closed).
store_view(r, view) := {"region": v.region, "account": v.account, "paths": [p | some p in facts.paths; p[view] == true]} if {
	facts := input.copies.stores[r.urn]
	v := facts[view]
	v != null
} else := {"region": null, "account": null, "paths": []}

# A copy holder (a replica bucket, a read replica, a vault): the second location itself.
holder(r) if input.copies.stores[r.urn].holder == true

# URNs the change destroys: its own resources, and context resources (other stacks') whose own
# change destroys them. One complete object, built once: as a partial rule, `opa eval` walked every
# resource again for each URN looked up (quadratic in the stack).
destroyed := object.union(
	{urn: true | some urn in input.change.destroyed},
	{urn: true | some urn, c in object.get(input.copies, "context", {}); c.destroyed == true},
)

survives(path) if every urn in path.needs {
	not destroyed[urn]
}

surviving(paths) := [p | some p in paths; survives(p)]

# The location rule, set once under data-multi-location-backup and used by every data policy:
# the store and its full copies span at least minRegions regions (and two accounts when required).
_params := input.config.policies["data-multi-location-backup"]

min_regions := object.get(_params, "minRegions", 2)

distinct_accounts if lib.is_true(object.get(_params, "requireDistinctAccounts", false))

# Paths that count toward the rule: known and full. A partial copy (an S3 rule with a filter)
# leaves the rest of the store without a copy.
_counted(paths) := [p | some p in paths; p.status == "known"; p.full == true]

_known(values) := {v | some v in values; v != null}

regions(region, paths) := _known({region} | {p.destination.region | some p in _counted(paths)})

_accounts_ok(_, _) if not distinct_accounts

_accounts_ok(account, paths) if {
	distinct_accounts
	count(_known({account} | {p.destination.account | some p in _counted(paths)})) >= 2
}

# "ok", "unknown" (a deciding value is unknown at preview) or "missing".
verdict(region, account, paths) := "missing" if {
	count(paths) == 0
} else := "ok" if {
	count(regions(region, paths)) >= min_regions
	_accounts_ok(account, paths)
} else := "unknown" if {
	_unknown(region, account, paths)
} else := "missing"

_unknown(_, _, paths) if {
	some p in paths
	p.status == "unverifiable"
}

_unknown(region, _, paths) if {
	region == null
	count(_counted(paths)) > 0
}

_unknown(_, account, paths) if {
	distinct_accounts
	count(_counted(paths)) > 0
	account == null
}

_unknown(_, _, paths) if {
	distinct_accounts
	some p in _counted(paths)
	p.destination.account == null
}

# Why a verdict is "unknown", for the message: the first reason a path gives, else none.
unknown_reason(paths) := concat("", [": ", min(reasons)]) if {
	reasons := {p.why | some p in paths; p.status == "unverifiable"; is_string(p.why)}
	count(reasons) > 0
} else := ""

# A store's view with its surviving paths and their verdict.
judge(v) := {"region": v.region, "paths": paths, "verdict": verdict(v.region, v.account, paths)} if {
	paths := surviving(v.paths)
}

# The message tail for a store without enough copies.
shortfall(region, paths) := concat("", ["has no copy outside ", lib.region_text(region), _partial_note(region, paths)]) if {
	count(regions(region, paths)) < 2
} else := concat("", ["has copies in ", format_int(count(regions(region, paths)), 10), " regions, fewer than the ", format_int(min_regions, 10), " required"])

_partial_note(region, paths) := " (only a partial copy: a replication rule with a filter)" if {
	some p in paths
	p.status == "known"
	p.full == false
	p.destination.region != region
} else := ""

incomplete_hint := "the input lists only changed resources, so a copy may exist among the unlisted ones: pass the stack export with --state or preview with --show-sames"

# Each customer-data store as the change leaves it (holders excepted), judged once for the
# multi-location and teardown policies.
after_locations := [[r, judge(store_view(r, "after"))] |
	some r in lib.customer_stores
	r.after != null
	not holder(r)
]

# How a message names what a path goes through or needs: listed resources by name.
# (the names of this stack's resources that paths go via or need, listed by the host)
_resource_names := input.change.path_names

_context_names := {urn: c.name | some urn, c in object.get(input.copies, "context", {})}

name_of(urn) := object.get(_resource_names, urn, object.get(_context_names, urn, urn))

# The name of what held a lost path: a destroyed resource it needs, else what made it.
lost_name(p) := concat("", [name_of(urn), " (deleted)"]) if {
	some urn in p.needs
	destroyed[urn]
} else := name_of(p.via[0]) if {
	count(p.via) > 0
} else := p.mechanism
