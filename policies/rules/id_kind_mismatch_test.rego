package blastguard.rules.id_kind_mismatch_test

import data.blastguard.lib.testing_scope as s
import data.blastguard.rules.id_kind_mismatch

rs := [
	s.deleted("b1", s.scope("tenant-a", "site-9", "app-1")),
	s.deleted("b2", s.scope("tenant-a", "site-10", "app-2")),
	s.deleted("b3", s.scope("tenant-a", "site-11", "app-3")),
	s.kept("b4", s.scope("tenant-a", "site-12", "app-4")),
]

test_names_site_ids_given_as_app_ids if {
	d := s.doc(rs, {}, s.intent([s.target("app", "site-9"), s.target("app", "site-10"), s.target("app", "site-11"), s.target("app", "app-4")]))
	some f in id_kind_mismatch.findings with input as d
	f.message == "3 of the app IDs are site IDs: site-10, site-11, site-9"
	count(f.resources) == 3
}

test_same_format_ids_told_apart_by_the_inventory if {
	# IDs of both kinds are plain numbers: only the inventory can tell them apart
	numeric := [
		s.deleted("b1", s.scope("tenant-a", "9", "123")),
		s.kept("b2", s.scope("tenant-a", "10", "124")),
	]
	d := s.doc(numeric, {}, s.intent([s.target("app", "9")]))
	some f in id_kind_mismatch.findings with input as d
	f.message == "1 of the app IDs are site IDs: 9"
}

test_passes_a_correct_app_id if {
	d := s.doc(rs, {}, s.intent([s.target("app", "app-1")]))
	count(id_kind_mismatch.findings) == 0 with input as d
}

test_an_absent_id_with_another_kinds_format_is_named_on_a_complete_inventory if {
	d := s.doc(rs, {}, s.intent([s.target("app", "site-77")]))
	some f in id_kind_mismatch.findings with input as d
	f.message == "1 of the app IDs name no app in the stack and have the format of site IDs: site-77"
}

test_format_alone_proves_nothing_on_an_incomplete_inventory if {
	d := s.incomplete(s.doc(rs, {}, s.intent([s.target("app", "site-77")])))
	count(id_kind_mismatch.findings) == 0 with input as d
}

test_silent_without_an_intent if {
	count(id_kind_mismatch.findings) == 0 with input as s.doc(rs, {}, null)
}

test_shared_targets_are_not_checked if {
	d := s.doc(rs, {}, s.intent([s.target("shared", "site-9")]))
	count(id_kind_mismatch.findings) == 0 with input as d
}
