# AWS Backup copies: a selection covers a store (by ARN, by selection tag, or by tag condition),
# its plan's rules copy each recovery point to a destination vault, and the destination vault's
# ARN gives the copy's region and account. Resources, selection tags and conditions must all
# match when a selection sets more than one of them (the stricter reading: it never finds a copy
# AWS would not make).
package blastguard.lib

_plans[view][id] contains r.urn if {
	some r in input.resources
	r.type == backup_plan_type
	some view in views
	state := view_state(r, view)
	known_string(state.id)
	id := state.id
}

# Where a plan's copy actions send copies: {"target", "region", "account"} per destination
# vault, from its ARN, or, while the ARN is not known yet, from the one vault the rules reference.
_plan_targets(view, state) := {t |
	some rule in items(field(state.props, "rules"))
	some action in items(field(rule, "copyActions"))
	t := _vault_target(view, state, rule, field(action, "destinationVaultArn"))
}

_vault_target(view, state, rule, arn) := {"target": arn, "region": _region_or_null(arn), "account": _account_or_null(arn)} if {
	known_string(arn)
} else := {"target": vault.urn, "region": region_of(vault, vs), "account": account_of(vault, vs)} if {
	vaults := _copy_vaults(view, state, rule)
	count(vaults) == 1
	vault := vaults[0]
	vs := view_state(vault, view)
} else := {"target": null, "region": null, "account": null}

# The vaults a plan's rules reference, less the rule's own target vault (by name): the copy
# destinations. Used only while their ARNs are unknown.
_copy_vaults(view, state, rule) := [v |
	some u in refs(state, "rules")
	some v in by_urn[u]
	v.type in backup_vault_types
	not field(view_state(v, view).props, "name") == field(rule, "targetVaultName")
]

_selection_states[view] contains [r.urn, state] if {
	some r in input.resources
	r.type == backup_selection_type
	some view in views
	state := view_state(r, view)
}

_selections_by_arn[view][arn] contains urn if {
	some [urn, state] in _selection_states[view]
	some arn in items(field(state.props, "resources"))
	known_string(arn)
	not _has_wildcard(arn)
}

# Selections whose resources are not known yet but reference stores, by the store's URN.
_selections_by_ref[view][store] contains urn if {
	some [urn, state] in _selection_states[view]
	some store in refs(state, "resources")
}

_selections_by_tag[view][key][value] contains urn if {
	some [urn, state] in _selection_states[view]
	some t in items(field(state.props, "selectionTags"))
	key := field(t, "key")
	value := field(t, "value")
	known_string(key)
	known_string(value)
}

_selections_by_tag[view][key][value] contains urn if {
	some [urn, state] in _selection_states[view]
	some condition in items(field(state.props, "conditions"))
	some equals in items(field(condition, "stringEquals"))
	key := _condition_tag_key(field(equals, "key"))
	value := field(equals, "value")
	known_string(value)
}

# Selections no index can reach: wildcards, unknown items, or no anchor at all. Every store is
# checked against these (a stack has few).
_open_selections[view] contains urn if {
	some [urn, state] in _selection_states[view]
	some item in items(field(state.props, "resources"))
	not _exact_arn(item)
	not _referenced(item, state)
}

# An unknown resources item that Pulumi says comes from referenced resources.
_referenced(item, state) if {
	is_unknown(item)
	count(refs(state, "resources")) > 0
}

_open_selections[view] contains urn if {
	some [urn, state] in _selection_states[view]
	some t in items(field(state.props, "selectionTags"))
	not known_string(field(t, "key"))
}

_open_selections[view] contains urn if {
	some [urn, state] in _selection_states[view]
	some t in items(field(state.props, "selectionTags"))
	not known_string(field(t, "value"))
}

_open_selections[view] contains urn if {
	some [urn, state] in _selection_states[view]
	count(items(field(state.props, "resources"))) == 0
	count(items(field(state.props, "selectionTags"))) == 0
}

_exact_arn(item) if {
	known_string(item)
	not _has_wildcard(item)
}

_has_wildcard(s) if contains(s, "*")

_has_wildcard(s) if contains(s, "?")

_condition_tag_key(key) := substring(key, count("aws:ResourceTag/"), -1) if {
	known_string(key)
	startswith(key, "aws:ResourceTag/")
}

# Matches are 2 (yes), 1 (cannot tell at preview) or 0 (no).
_pattern_match(pattern, value) := 1 if not known_string(pattern)

else := 2 if pattern == "*"

else := 2 if pattern == value

else := 0 if not _has_wildcard(pattern)

else := 1 if not known_string(value)

else := 1 if not regex.match("^[A-Za-z0-9:/_.*?=+@,-]*$", pattern)

else := 2 if glob.match(pattern, [], value)

else := 0

_any_match(matches) := 3 if count(matches) == 0

else := max(matches)

# A selection whose resources reference the store by URN covers it by resource.
_resources_anchor(state, arns, store) := 2 if store in refs(state, "resources")

else := _resources_match(state.props, arns)

_resources_match(props, arns) := _any_match([_match_all(item, arns) | some item in items(field(props, "resources"))])

# A pattern against every candidate ARN: the same answer for all, or "cannot tell".
_match_all(pattern, arns) := m if {
	answers := {_pattern_match(pattern, a) | some a in arns}
	count(answers) == 1
	some m in answers
} else := 1

# The ARNs a store may have: its own, or, while it is not created yet, its ARN built from its
# name and region under two different accounts (a pattern that matches both matches any account).
_match_arns(resource, state, arn) := [arn] if arn != null

else := [_probe_arn(resource, state, "000000000000"), _probe_arn(resource, state, "999999999999")] if {
	region_of(resource, state) != null
	_probe_arn(resource, state, "000000000000")
} else := [null]

_probe_arn(resource, state, account) := concat("", ["arn:aws:dynamodb:", region_of(resource, state), ":", account, ":table/", name]) if {
	resource.type == "aws:dynamodb/table:Table"
	name := field(state.props, "name")
	known_string(name)
}

_probe_arn(resource, state, account) := concat("", ["arn:aws:rds:", region_of(resource, state), ":", account, ":db:", name]) if {
	resource.type == "aws:rds/instance:Instance"
	name := field(state.props, "identifier")
	known_string(name)
}

_probe_arn(resource, state, account) := concat("", ["arn:aws:rds:", region_of(resource, state), ":", account, ":cluster:", name]) if {
	resource.type == "aws:rds/cluster:Cluster"
	name := field(state.props, "clusterIdentifier")
	known_string(name)
}

_tag_match(t, tags) := 1 if not known_string(field(t, "key"))

else := 1 if not known_string(field(t, "value"))

else := 1 if upper(field(t, "type")) != "STRINGEQUALS"

else := 2 if tags[field(t, "key")] == field(t, "value")

else := 0

_tags_match(props, tags) := _any_match([_tag_match(t, tags) | some t in items(field(props, "selectionTags"))])

_condition_kinds := {"stringEquals": "eq", "stringNotEquals": "ne", "stringLikes": "like", "stringNotLikes": "unlike"}

_condition_results(props, tags) := {m |
	some condition in items(field(props, "conditions"))
	some name, kind in _condition_kinds
	some c in items(field(condition, name))
	m := _condition_match(kind, c, tags)
}

_condition_match(kind, c, tags) := m if {
	key := _condition_tag_key(field(c, "key"))
	expected := field(c, "value")
	known_string(expected)
	m := _tag_test(kind, object.get(tags, key, null), expected)
} else := 1

_tag_equals(actual, expected) := 1 if {
	actual != null
	not known_string(actual)
} else := 2 if {
	actual == expected
} else := 0

_tag_test("eq", actual, expected) := _tag_equals(actual, expected)

_tag_test("ne", actual, expected) := 2 - _tag_equals(actual, expected)

_tag_like(actual, expected) := 0 if {
	actual == null
} else := m if {
	m := _pattern_match(expected, actual)
}

_tag_test("like", actual, expected) := _tag_like(actual, expected)

_tag_test("unlike", actual, expected) := 2 - _tag_like(actual, expected)

# How surely a selection (its state) covers a store with these ARNs (see _match_arns) and tags.
selection_match(state, arns, tags, store) := m if {
	props := state.props
	anchors := {_resources_anchor(state, arns, store), _tags_match(props, tags)} - {3}
	count(anchors) > 0
	excluded := max({0} | {_match_all(i, arns) | some i in items(field(props, "notResources"))})
	m := min(({min(anchors), 2 - excluded} | _condition_results(props, tags)))
} else := 0

_selection_candidates(view, store, arn, tags) := ((_arn_candidates(view, arn) | _tag_candidates(view, tags)) | object.get(_open_selections, view, set())) | {u | some u in _selections_by_ref[view][store]}

_arn_candidates(view, arn) := {u | some u in _selections_by_arn[view][arn]} if known_string(arn)

else := set()

_tag_candidates(view, tags) := {u |
	some key, value in tags
	is_string(value)
	some u in _selections_by_tag[view][key][value]
} if _selections_by_tag[view]

else := set()

# Views that have any backup selection: without one, no store needs the lookups below.
_selection_views := {view | some view in views; count(object.get(_selection_states, view, set())) > 0}

_backup_copies(view, _, _) := set() if not view in _selection_views

_backup_copies(view, resource, state) := {c |
	view in _selection_views
	arn := store_arn(resource, state)
	tags := view_tags(state)
	arns := _match_arns(resource, state, arn)
	some urn in _selection_candidates(view, resource.urn, arn, tags)
	some selection in by_urn[urn]
	sel_state := view_state(selection, view)
	m := selection_match(sel_state, arns, tags, resource.urn)
	m > 0
	some c in _selection_copies(view, urn, sel_state, m)
}

# A selection's copies, computed once per selection (not once per store it covers).
_plan_dests[view][id] contains target if {
	some id, urns in _plans[view]
	some plan_urn in urns
	some plan in by_urn[plan_urn]
	some target in _plan_targets(view, view_state(plan, view))
}

_selection_dests(view, state) := {t | some t in _plan_dests[view][field(state.props, "planId")]} if {
	known_string(field(state.props, "planId"))
} else := {t |
	some plan_urn in refs(state, "planId")
	some plan in by_urn[plan_urn]
	plan.type == backup_plan_type
	some t in _plan_targets(view, view_state(plan, view))
}

# The plan is not known yet and no plan is referenced.
_plan_unknown(state) if {
	not known_string(field(state.props, "planId"))
	count(refs(state, "planId")) == 0
}

_sure_copies[view][urn] contains _backup_copy(urn, dest, 2) if {
	some [urn, state] in _selection_states[view]
	some dest in _selection_dests(view, state)
}

_selection_copies(view, urn, state, m) := {_unknown_copy(urn)} if {
	_plan_unknown(state)
} else := copies if {
	m == 2
	copies := {c | some c in _sure_copies[view][urn]}
} else := {_backup_copy(urn, dest, 1) | some dest in _selection_dests(view, state)}

_backup_copy(via, t, 2) := {"via": via, "target": t.target, "region": t.region, "account": t.account}

_backup_copy(via, t, 1) := {"via": via, "target": t.target, "region": null, "account": null}
