package blastguard.rules.protected_delete_test

import data.blastguard.lib.testing as t
import data.blastguard.rules.protected_delete

test_deleting_a_protected_resource_fails if {
	r := t.resource("data", "delete", t.state({"protect": true}), null)
	some f in protected_delete.findings with input as t.doc([r])
	f.kind == "violation"
	f.urn == r.urn
	f.policy == "protected-delete"
}

test_replacing_a_protected_resource_fails if {
	r := t.resource("data", "replace", t.state({"protect": true}), t.state({"protect": true}))
	some f in protected_delete.findings with input as t.doc([r])
	contains(f.message, "replaces data")
}

test_deleting_an_unprotected_resource_passes if {
	count(protected_delete.findings) == 0 with input as t.doc([t.deleted("data")])
}

test_protected_but_kept_passes if {
	r := t.resource("data", "update", t.state({"protect": true}), t.state({"protect": true}))
	count(protected_delete.findings) == 0 with input as t.doc([r])
}

test_unknown_protect_cannot_be_verified if {
	r := t.resource("data", "delete", t.state({"protect": {"$unknown": true}}), null)
	some f in protected_delete.findings with input as t.doc([r])
	f.kind == "unverifiable"
}

test_missing_prior_state_cannot_be_verified if {
	r := t.resource("data", "delete", null, null)
	some f in protected_delete.findings with input as t.doc([r])
	f.kind == "unverifiable"
	contains(f.message, "--state")
}
