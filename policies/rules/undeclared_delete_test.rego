package blastguard.rules.undeclared_delete_test

import data.blastguard.lib.testing_scope as s
import data.blastguard.rules.undeclared_delete

app1 := s.scope("tenant-a", "site-9", "app-1")

app2 := s.scope("tenant-a", "site-9", "app-2")

shared := s.scope(null, null, null)

test_lists_deletions_outside_the_declared_app if {
	rs := [s.deleted("b1", app1), s.deleted("b2", app2), s.deleted("role", shared)]
	d := s.doc(rs, {}, s.intent([s.target("app", "app-1")]))
	some f in undeclared_delete.findings with input as d
	f.message == "plan deletes or replaces 2 cloud resources outside the units the intent declares (intent names app app-1); they belong to app app-2, shared"
	count(f.resources) == 2
}

test_replacements_count_as_deletions if {
	rs := [s.member("b2", "replace", app2)]
	d := s.doc(rs, {}, s.intent([s.target("app", "app-1")]))
	count(undeclared_delete.findings) == 1 with input as d
}

test_passes_when_every_deletion_is_declared if {
	rs := [s.deleted("b1", app1), s.deleted("b2", app2), s.kept("b3", app2)]
	d := s.doc(rs, {}, s.intent([s.target("app", "app-1"), s.target("app", "app-2")]))
	count(undeclared_delete.findings) == 0 with input as d
}

test_a_declared_site_covers_its_apps if {
	rs := [s.deleted("b1", app1), s.deleted("b2", app2)]
	d := s.doc(rs, {}, s.intent([s.target("site", "site-9")]))
	count(undeclared_delete.findings) == 0 with input as d
}

test_a_shared_resource_can_be_declared_by_name if {
	rs := [s.deleted("role", shared)]
	d := s.doc(rs, {}, s.intent([s.target("shared", "role")]))
	count(undeclared_delete.findings) == 0 with input as d
}

test_a_change_that_deletes_only_shared_resources_is_listed if {
	rs := [s.deleted("role", shared), s.kept("b1", app1)]
	d := s.doc(rs, {}, s.intent([s.target("app", "app-1")]))
	some f in undeclared_delete.findings with input as d
	contains(f.message, "they belong to shared")
}

test_silent_without_an_intent if {
	rs := [s.deleted("b1", app1)]
	count(undeclared_delete.findings) == 0 with input as s.doc(rs, {}, null)
}
