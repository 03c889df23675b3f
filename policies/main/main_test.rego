package blastguard.main_test

import data.blastguard.lib.testing as t
import data.blastguard.lib.testing_scope as s
import data.blastguard.main

test_report_counts_every_resource_and_step if {
	doc := t.doc([t.deleted("a"), t.kept("b"), t.kept("c")])
	r := main.report with input as doc
	r.resources == 3
	r.steps == 3
}

test_no_report_without_the_change_wide_facts if {
	doc := json.remove(t.doc(array.concat([t.deleted(sprintf("d%d", [i])) | some i in numbers.range(1, 20)], [t.kept("k")])), ["change"])
	not main.report with input as doc
}

test_report_gathers_findings_from_every_policy if {
	r := t.resource("table", "replace", t.state({"protect": true}), t.state({"protect": false}))
	ids := t.ids(main.report.findings) with input as t.doc([r])

	# the bucket is also unprotected customer data after the change, so the data policies add theirs
	{"protected-delete", "unprotect-and-delete"} - ids == set()
}

# A sharded evaluation (src/engine/shards.ts): the first shard judges the change as a whole and
# its slice; any other shard only its slice.
_sharded(doc, first) := object.union(doc, {"shard": {"first": first}})

test_only_the_first_shard_judges_the_change_as_a_whole if {
	doc := t.doc(array.concat([t.deleted(sprintf("d%d", [i])) | some i in numbers.range(1, 20)], [t.resource("p", "delete", t.state({"protect": true}), null)]))
	whole := main.report with input as doc
	first := main.report with input as _sharded(doc, true)
	other := main.report with input as _sharded(doc, false)
	"bulk-delete" in t.ids(whole.findings)
	first == object.union(whole, {"judged_change": true})
	whole.judged_change == true
	other.judged_change == false
	not "bulk-delete" in t.ids(other.findings)
	other.blast_radius.destroyed == []

	# a finding about one resource is its shard's to give
	"protected-delete" in t.ids(other.findings)
}

test_unit_findings_come_from_the_first_shard_only if {
	some f in main.report.findings with input as _unit_doc
	f.policy == "tenant-delete-budget"
	other := main.report with input as object.union(_unit_doc, {"shard": {"first": false}})
	not "tenant-delete-budget" in t.ids(other.findings)
}

_a := s.scope("tenant-a", "site-1", "app-1")

_unit_doc := s.doc([s.deleted("d1", _a), s.deleted("d2", _a), s.deleted("d3", _a), s.kept("k1", _a)], {}, null)
