package blastguard.rules.scope_escalation_test

import data.blastguard.lib.testing_scope as s
import data.blastguard.rules.scope_escalation

site9_app1 := s.scope("tenant-a", "site-9", "app-1")

site9_app2 := s.scope("tenant-a", "site-9", "app-2")

site10_app3 := s.scope("tenant-a", "site-10", "app-3")

# site-9 deleted whole (two apps), site-10 kept.
whole_site_9 := [
	s.deleted("b1", site9_app1), s.deleted("t1", site9_app1),
	s.deleted("b2", site9_app2),
	s.kept("b3", site10_app3),
]

site_9_deleted := {"site:site-9": "deleted", "site:site-10": "kept", "tenant:tenant-a": "kept"}

test_blocks_a_whole_site_deleted_under_an_app_intent if {
	d := s.doc(whole_site_9, site_9_deleted, s.intent([s.target("app", "site-9")]))
	some f in scope_escalation.findings with input as d
	f.kind == "violation"
	f.message == "plan deletes all 3 cloud resources of site site-9; intent names app site-9"
	count(f.resources) == 3
	f.urn == "urn:pulumi:dev::proj::component::site:site-9"
}

test_blocks_a_whole_site_deleted_without_an_intent if {
	d := s.doc(whole_site_9, site_9_deleted, null)
	some f in scope_escalation.findings with input as d
	contains(f.message, "of site site-9; no intent was given")
}

test_passes_when_the_intent_declares_the_site if {
	d := s.doc(whole_site_9, site_9_deleted, s.intent([s.target("site", "site-9")]))
	count(scope_escalation.findings) == 0 with input as d
}

test_passes_when_the_intent_declares_the_tenant_around_the_site if {
	d := s.doc(whole_site_9, site_9_deleted, s.intent([s.target("tenant", "tenant-a")]))
	count(scope_escalation.findings) == 0 with input as d
}

test_an_emptied_site_whose_component_stays_is_not_deleted if {
	# site-10 has one app; deleting it empties the site, but the program still declares site-10.
	rs := [s.deleted("b3", site10_app3), s.kept("b1", site9_app1)]
	d := s.doc(rs, {"site:site-10": "kept", "tenant:tenant-a": "kept", "app:app-3": "deleted"}, s.intent([s.target("app", "app-3")]))
	count(scope_escalation.findings) == 0 with input as d
}

test_an_unlisted_site_component_means_the_site_stays if {
	rs := [s.deleted("b3", site10_app3)]
	d := s.incomplete(s.doc(rs, {"site:site-10": "unlisted", "tenant:tenant-a": "unlisted"}, s.intent([s.target("app", "app-3")])))
	count(scope_escalation.findings) == 0 with input as d
}

test_blocks_a_tenant_with_a_single_resource_deleted_by_tags_only if {
	rs := [s.deleted("only", s.scope("tenant-z", null, null)), s.kept("other", s.scope("tenant-y", null, null))]
	d := s.doc(rs, {}, null)
	some f in scope_escalation.findings with input as d
	f.message == "plan deletes all 1 cloud resources of tenant tenant-z; no intent was given"
	f.urn == ""
}

test_tag_only_unit_with_incomplete_inventory_is_undecidable if {
	rs := [s.deleted("b1", s.scope("tenant-a", "site-9", null))]
	d := s.incomplete(s.doc(rs, {}, s.intent([s.target("app", "app-1")])))
	kinds := {f.kind | some f in scope_escalation.findings} with input as d
	kinds == {"undecidable"}
}

test_ignores_a_change_that_deletes_only_shared_resources if {
	rs := [s.deleted("role", s.scope(null, null, null)), s.kept("b1", site9_app1)]
	count(scope_escalation.findings) == 0 with input as s.doc(rs, {}, null)
}

test_the_narrowest_level_is_never_an_escalation if {
	rs := [s.deleted("b1", site9_app1), s.kept("b2", site9_app2)]
	d := s.doc(rs, {"app:app-1": "deleted", "site:site-9": "kept", "tenant:tenant-a": "kept"}, null)
	count(scope_escalation.findings) == 0 with input as d
}

test_an_outer_unit_named_wrongly_declares_nothing if {
	# the intent says site-9 belongs to tenant-b; the input says tenant-a
	tg := object.union(s.target("site", "site-9"), {"tenant": "tenant-b"})
	d := s.doc(whole_site_9, site_9_deleted, s.intent([tg]))
	count(scope_escalation.findings) == 1 with input as d
}

test_deletions_of_unknown_scope_are_undecidable if {
	# a plan without --state: the deleted resource has neither prior state nor parent
	r := object.union(s.deleted("b1", s.scope(null, null, null)), {"before": null, "scope": {"tenant": null, "site": null, "app": null, "level": "unknown"}})
	some f in scope_escalation.findings with input as s.doc([r], {}, null)
	f.kind == "undecidable"
	contains(f.message, "--state")
}
