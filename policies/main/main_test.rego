package blastguard.main_test

import data.blastguard.lib.testing as t
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
