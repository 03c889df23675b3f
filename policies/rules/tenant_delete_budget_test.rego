package blastguard.rules.tenant_delete_budget_test

import data.blastguard.lib.testing_scope as s
import data.blastguard.rules.tenant_delete_budget

a := s.scope("tenant-a", "site-1", "app-1")

# tenant-a: 2 of 4 deleted (50 %, allowed), or 3 of 4 (75 %, refused)
half := [s.deleted("d1", a), s.deleted("d2", a), s.kept("k1", a), s.kept("k2", a)]

most := [s.deleted("d1", a), s.deleted("d2", a), s.deleted("d3", a), s.kept("k1", a)]

test_half_of_a_tenant_is_within_budget if {
	count(tenant_delete_budget.findings) == 0 with input as s.doc(half, {}, null)
}

test_more_than_half_of_a_tenant_is_refused if {
	some f in tenant_delete_budget.findings with input as s.doc(most, {}, null)
	f.kind == "violation"
	f.message == "plan deletes 3 of the 4 cloud resources of tenant tenant-a, more than 50 % without an intent"
}

test_an_intent_lifts_the_budget if {
	d := s.doc(most, {}, s.intent([s.target("app", "app-1")]))
	count(tenant_delete_budget.findings) == 0 with input as d
}

test_a_tenant_with_a_single_resource_cannot_lose_it if {
	rs := [s.deleted("only", s.scope("tenant-z", null, null))]
	some f in tenant_delete_budget.findings with input as s.doc(rs, {}, null)
	f.message == "plan deletes tenant tenant-z itself (1 cloud resources) without an intent"
}

test_deleting_the_tenant_component_is_refused if {
	rs := [s.deleted("d1", a), s.kept("k1", a), s.kept("k2", a)]
	some f in tenant_delete_budget.findings with input as s.doc(rs, {"tenant:tenant-a": "deleted"}, null)
	contains(f.message, "tenant tenant-a itself")
}

test_replacements_do_not_count if {
	rs := [s.member("p1", "replace", a), s.member("p2", "replace", a), s.kept("k1", a)]
	count(tenant_delete_budget.findings) == 0 with input as s.doc(rs, {}, null)
}

test_incomplete_inventory_is_undecidable_when_listed_resources_do_not_settle_it if {
	some f in tenant_delete_budget.findings with input as s.incomplete(s.doc([s.deleted("d1", a)], {"tenant:tenant-a": "unlisted"}, null))
	f.kind == "undecidable"
	contains(f.message, "--state")
	contains(f.message, "--show-sames")
}

test_incomplete_inventory_passes_when_listed_resources_settle_it if {
	rs := [s.deleted("d1", a), s.kept("k1", a), s.kept("k2", a)]
	count(tenant_delete_budget.findings) == 0 with input as s.incomplete(s.doc(rs, {"tenant:tenant-a": "unlisted"}, null))
}

test_a_change_that_deletes_only_shared_resources_passes if {
	rs := [s.deleted("role", s.scope(null, null, null)), s.kept("k1", a)]
	count(tenant_delete_budget.findings) == 0 with input as s.doc(rs, {}, null)
}
