package blastguard.rules.bulk_delete_test

import data.blastguard.lib.testing as t
import data.blastguard.rules.bulk_delete

deleted_n(n) := [t.deleted(sprintf("d%d", [i])) | some i in numbers.range(1, n)]

kept_n(n) := [t.kept(sprintf("k%d", [i])) | some i in numbers.range(1, n)]

test_ten_deletes_in_a_large_stack_pass if {
	count(bulk_delete.findings) == 0 with input as t.doc(array.concat(deleted_n(10), kept_n(100)))
}

test_eleven_deletes_fail_on_count if {
	some f in bulk_delete.findings with input as t.doc(array.concat(deleted_n(11), kept_n(100)))
	f.kind == "violation"
	count(f.resources) == 11
	contains(f.message, "deletes 11 cloud resources")
}

test_share_over_thirty_percent_fails if {
	some f in bulk_delete.findings with input as t.doc(array.concat(deleted_n(4), kept_n(8)))
	f.kind == "violation"
	contains(f.message, "4 of the stack's 12")
}

test_share_ignored_below_min_stack_size if {
	count(bulk_delete.findings) == 0 with input as t.doc(array.concat(deleted_n(3), kept_n(5)))
}

test_retained_resources_do_not_count if {
	retained := [t.resource(sprintf("r%d", [i]), "delete", t.state({"retain_on_delete": true}), null) | some i in numbers.range(1, 20)]
	count(bulk_delete.findings) == 0 with input as t.doc(array.concat(retained, kept_n(100)))
}

test_unknown_retain_counts_as_deleted if {
	unknown := [t.resource(sprintf("u%d", [i]), "delete", t.state({"retain_on_delete": {"$unknown": true}}), null) | some i in numbers.range(1, 11)]
	count(bulk_delete.findings) == 1 with input as t.doc(array.concat(unknown, kept_n(100)))
}

test_replacements_count if {
	replaced := [t.resource(sprintf("p%d", [i]), "replace", t.state({}), t.state({})) | some i in numbers.range(1, 11)]
	count(bulk_delete.findings) == 1 with input as t.doc(array.concat(replaced, kept_n(100)))
}

test_components_do_not_count if {
	components := [object.union(t.deleted(sprintf("c%d", [i])), {"kind": "component"}) | some i in numbers.range(1, 20)]
	count(bulk_delete.findings) == 0 with input as t.doc(array.concat(components, kept_n(100)))
}

incomplete(resources, max_prior) := object.union(t.doc(resources), {"inventory": {"complete": false, "max_prior_resources": max_prior}})

test_incomplete_inventory_share_decided_by_upper_bound if {
	some f in bulk_delete.findings with input as incomplete(array.concat(deleted_n(5), kept_n(5)), 12)
	f.kind == "violation"
}

test_incomplete_inventory_clearly_small_share_passes if {
	count(bulk_delete.findings) == 0 with input as incomplete(deleted_n(2), 500)
}

test_incomplete_inventory_ambiguous_share_is_undecidable if {
	some f in bulk_delete.findings with input as incomplete(deleted_n(4), 100)
	f.kind == "undecidable"
	contains(f.message, "--state")
}
