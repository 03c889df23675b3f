package blastguard.rules.engine_error_test

import data.blastguard.lib.testing as t
import data.blastguard.rules.engine_error

_urn := "urn:pulumi:dev::proj::aws:s3/bucket:Bucket::data"

_failed(diagnostics) := object.union(t.doc([t.kept("data")]), {"source": {"format": "preview", "failed": true}, "diagnostics": diagnostics})

test_a_program_error_cannot_be_decided if {
	doc := _failed([{"severity": "error", "urn": null, "kind": "error"}, {"severity": "error", "urn": null, "kind": "failed"}])
	engine_error.findings == {{
		"policy": "engine-error",
		"kind": "undecidable",
		"urn": "",
		"message": "the engine failed with 1 error (1 not about a resource); its output may not list everything the change does",
		"resources": [],
	}} with input as doc
}

test_errors_on_resources_are_named if {
	doc := _failed([{"severity": "error", "urn": _urn, "kind": "error"}, {"severity": "error", "urn": null, "kind": "error"}])
	engine_error.findings == {{
		"policy": "engine-error",
		"kind": "undecidable",
		"urn": "",
		"message": "the engine failed with 2 errors (on data; 1 not about a resource); its output may not list everything the change does",
		"resources": [_urn],
	}} with input as doc
}

test_a_failure_without_a_named_cause_cannot_be_decided if {
	some f in engine_error.findings with input as _failed([{"severity": "error", "urn": null, "kind": "failed"}])
	f.kind == "undecidable"
	contains(f.message, "without naming why")
}

test_refused_protected_deletes_alone_stay_decidable if {
	doc := _failed([{"severity": "error", "urn": _urn, "kind": "protected-delete-refused"}, {"severity": "error", "urn": null, "kind": "failed"}])
	engine_error.findings == set() with input as doc
}

test_refused_protected_deletes_beside_another_error_cannot_be_decided if {
	doc := _failed([{"severity": "error", "urn": _urn, "kind": "protected-delete-refused"}, {"severity": "error", "urn": null, "kind": "error"}])
	count(engine_error.findings) == 1 with input as doc
}

test_a_successful_run_has_no_finding if {
	engine_error.findings == set() with input as t.doc([t.kept("data")])
}
