package blastguard.rules.cross_tenant_delete_test

import data.blastguard.lib.testing_scope as s
import data.blastguard.rules.cross_tenant_delete

two_tenants := [
	s.deleted("a1", s.scope("tenant-a", "site-1", "app-1")),
	s.deleted("b1", s.scope("tenant-b", "site-2", "app-2")),
	s.deleted("role", s.scope(null, null, null)),
]

test_names_the_undeclared_tenant if {
	d := s.doc(two_tenants, {}, s.intent([s.target("app", "app-1")]))
	some f in cross_tenant_delete.findings with input as d
	f.message == "plan deletes in 2 tenants (tenant-a, tenant-b); intent names app app-1; not declared: tenant-b"
	f.resources == [two_tenants[1].urn]
}

test_blocks_without_an_intent if {
	some f in cross_tenant_delete.findings with input as s.doc(two_tenants, {}, null)
	contains(f.message, "not declared: tenant-a, tenant-b")
}

test_passes_when_both_tenants_are_declared_through_their_units if {
	tg := object.union(s.target("site", "site-2"), {"tenant": "tenant-b"})
	d := s.doc(two_tenants, {}, s.intent([s.target("app", "app-1"), tg]))
	count(cross_tenant_delete.findings) == 0 with input as d
}

test_one_tenant_and_shared_resources_are_not_cross_tenant if {
	rs := [two_tenants[0], two_tenants[2]]
	count(cross_tenant_delete.findings) == 0 with input as s.doc(rs, {}, null)
}

test_a_change_that_deletes_only_shared_resources_passes if {
	rs := [two_tenants[2], s.kept("a2", s.scope("tenant-a", "site-1", "app-1"))]
	count(cross_tenant_delete.findings) == 0 with input as s.doc(rs, {}, null)
}
