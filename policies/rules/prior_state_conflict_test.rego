package blastguard.rules.prior_state_conflict_test

import data.blastguard.lib.testing as t
import data.blastguard.rules.prior_state_conflict

test_protect_disagreement_blocks_naming_both_values if {
	r := object.union(t.deleted("table"), {"conflicts": [{"field": "protect", "change": false, "state": true}]})
	some f in prior_state_conflict.findings with input as t.doc([r])
	f.kind == "violation"
	f.policy == "prior-state-conflict"
	f.message == "table: the change's prior state says protect is false, the --state export says true"
}

test_tag_disagreement_names_the_tag if {
	c := {"field": "tag blastguard:tenant", "change": "tenant-acme", "state": null}
	r := object.union(t.kept("bucket"), {"conflicts": [c]})
	some f in prior_state_conflict.findings with input as t.doc([r])
	f.message == "bucket: the change's prior state says tag blastguard:tenant is \"tenant-acme\", the --state export says absent"
}

test_no_conflict_no_finding if {
	count(prior_state_conflict.findings) == 0 with input as t.doc([t.deleted("table"), t.kept("bucket")])
}
