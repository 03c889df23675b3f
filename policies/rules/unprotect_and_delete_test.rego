package blastguard.rules.unprotect_and_delete_test

import data.blastguard.lib.testing as t
import data.blastguard.rules.unprotect_and_delete

test_unprotect_and_replace_in_one_change_fails if {
	r := t.resource("table", "replace", t.state({"protect": true}), t.state({"protect": false}))
	some f in unprotect_and_delete.findings with input as t.doc([r])
	f.kind == "violation"
	f.policy == "unprotect-and-delete"
}

test_replace_that_keeps_protect_is_not_this_policy if {
	r := t.resource("table", "replace", t.state({"protect": true}), t.state({"protect": true}))
	count(unprotect_and_delete.findings) == 0 with input as t.doc([r])
}

test_unprotect_without_delete_passes if {
	r := t.resource("table", "update", t.state({"protect": true}), t.state({"protect": false}))
	count(unprotect_and_delete.findings) == 0 with input as t.doc([r])
}

test_delete_of_previously_unprotected_passes if {
	count(unprotect_and_delete.findings) == 0 with input as t.doc([t.deleted("table")])
}

test_unknown_new_protect_cannot_be_verified if {
	r := t.resource("table", "replace", t.state({"protect": true}), t.state({"protect": {"$unknown": true}}))
	some f in unprotect_and_delete.findings with input as t.doc([r])
	f.kind == "unverifiable"
}
