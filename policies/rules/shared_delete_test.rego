package blastguard.rules.shared_delete_test

import data.blastguard.lib.testing_scope as s
import data.blastguard.rules.shared_delete

shared := s.scope(null, null, null)

a := s.scope("tenant-a", "site-1", "app-1")

test_refuses_a_shared_delete_while_tenant_resources_stay if {
	rs := [s.deleted("backup-role", shared), s.kept("k1", a), s.kept("k2", a)]
	some f in shared_delete.findings with input as s.doc(rs, {}, null)
	f.kind == "violation"
	f.message == "deletes shared resource backup-role while 2 tenant resources stay in the stack; no intent declares it"
	f.urn == rs[0].urn
}

test_an_intent_lets_it_through if {
	# (undeclared-delete then checks that the intent names it)
	rs := [s.deleted("backup-role", shared), s.kept("k1", a)]
	d := s.doc(rs, {}, s.intent([s.target("shared", "backup-role")]))
	count(shared_delete.findings) == 0 with input as d
}

test_a_stack_without_tenants_is_not_concerned if {
	rs := [s.deleted("role", shared), s.kept("other", shared)]
	count(shared_delete.findings) == 0 with input as s.doc(rs, {}, null)
}

test_undecidable_when_no_listed_tenant_resource_stays if {
	rs := [s.deleted("role", shared), s.deleted("d1", a)]
	some f in shared_delete.findings with input as s.incomplete(s.doc(rs, {}, null))
	f.kind == "undecidable"
}

test_passes_when_the_whole_stack_goes if {
	rs := [s.deleted("role", shared), s.deleted("d1", a)]
	count(shared_delete.findings) == 0 with input as s.doc(rs, {}, null)
}

test_a_tenant_with_a_single_resource_keeps_the_shared_role_in_use if {
	rs := [s.member("role", "replace", shared), s.kept("only", s.scope("tenant-z", null, null))]
	some f in shared_delete.findings with input as s.doc(rs, {}, null)
	startswith(f.message, "replaces shared resource role while 1 tenant resources")
}
