# The decisions of the restore-readiness policy over copy facts (the prior view's paths).
package blastguard.rules.data_restore_readiness_test

import data.blastguard.lib.data_fixtures as d
import data.blastguard.lib.testing as t
import data.blastguard.rules.data_restore_readiness as policy

_table := d.table("orders", "us-east-1", {"region": "us-east-1"})

_vault := d.vault("dr", d.vault_arn("us-west-2", d.dr_account, "dr"))

_copied(resources, needs) := t.with_paths(t.doc(resources), _table.urn, [t.path("backup", "us-west-2", needs)], [])

test_deleting_a_table_whose_copy_survives_passes if {
	count(policy.findings) == 0 with input as _copied([d.deleted(_table), _vault], [_vault.urn])
}

test_deleting_a_table_with_its_dr_vault_fails if {
	some f in policy.findings with input as _copied([d.deleted(_table), d.deleted(_vault)], [_vault.urn])
	f.kind == "violation"
	f.urn == _table.urn
	f.message == "deletes orders, which has no copy outside us-east-1 that survives this change"
}

test_replicas_that_die_with_their_table_do_not_count if {
	d.kinds(policy.findings) == {"violation"} with input as _copied([d.deleted(_table)], [_table.urn])
}

test_retained_stores_are_not_destroyed if {
	table := object.union(_table, {"op": "delete", "after": null})
	count(policy.findings) == 0 with input as t.doc([table])
}

test_a_delete_without_a_listed_copy_in_an_incomplete_inventory_is_undecidable if {
	doc := object.union(t.doc([d.deleted(_table)]), {"inventory": {"complete": false, "max_prior_resources": 100}})
	some f in policy.findings with input as doc
	f.kind == "undecidable"
	contains(f.message, "--state")
}

test_an_unverifiable_prior_copy_cannot_be_verified if {
	p := object.union(t.path("backup", "us-west-2", []), {"status": "unverifiable", "why": "x"})
	doc := t.with_paths(t.doc([d.deleted(_table)]), _table.urn, [p], [])
	d.kinds(policy.findings) == {"unverifiable"} with input as doc
}

test_a_copy_holder_is_left_to_backup_teardown if {
	doc := t.with_facts(t.doc([d.deleted(_table)]), _table.urn, {"holder": true})
	count(policy.findings) == 0 with input as doc
}

# Hole 4: with two-way replication both buckets copy to each other, so neither is a holder; each
# path needs the other bucket, and deleting both leaves neither a copy.
test_two_way_replicas_deleted_together_fail if {
	a := d.bucket("a", "eu-west-1", {})
	b := d.bucket("b", "us-west-2", {})
	doc := t.with_paths(t.with_paths(t.doc([d.deleted(a), d.deleted(b)]), a.urn, [t.path("a-b", "us-west-2", [b.urn])], []), b.urn, [t.path("b-a", "eu-west-1", [a.urn])], [])
	findings := policy.findings with input as doc
	{f.urn | some f in findings; f.kind == "violation"} == {a.urn, b.urn}
}

test_an_rds_replacement_that_skips_its_final_snapshot_fails if {
	props := {"arn": "arn:aws:rds:us-east-1:111111111111:db:main", "region": "us-east-1", "deletionProtection": true, "skipFinalSnapshot": true}
	db := d.res(d.rds_type, "main", "replace", d.with_props(props), d.protected(props))
	doc := t.with_paths(t.doc([db]), db.urn, [t.path("repl", "us-west-2", [])], [])
	findings := policy.findings with input as doc
	some f in findings
	f.message == "replaces main and skipFinalSnapshot is set: no final snapshot is taken"
	count(findings) == 1
}

test_an_unknown_skip_final_snapshot_cannot_be_verified if {
	db := d.deleted(d.same(d.rds_type, "main", d.protected({"skipFinalSnapshot": d.unknown})))
	"unverifiable" in d.kinds(policy.findings) with input as t.doc([db])
}

# Hole 7: the replacement keeps the store but sets skipFinalSnapshot on the new one.
test_a_replacement_that_turns_on_skip_final_snapshot_fails if {
	before := d.with_props({"region": "us-east-1", "skipFinalSnapshot": false})
	after := d.protected({"region": "us-east-1", "skipFinalSnapshot": true})
	db := d.res(d.rds_type, "main", "replace", before, after)
	doc := t.with_paths(t.doc([db]), db.urn, [t.path("repl", "us-west-2", [])], [])
	some f in policy.findings with input as doc
	f.kind == "violation"
	f.message == "replaces main and the new one sets skipFinalSnapshot: its next delete takes no final snapshot"
}

# Hole 5: the same change re-tags the store internal and replaces it; the cloud held customer data.
test_a_store_re_tagged_internal_in_the_change_that_deletes_it_is_judged_by_its_prior_class if {
	internal := d.protected({"region": "us-east-1", "tags": {"blastguard:data-class": "internal"}})
	before := object.union(_table.before, {"retain_on_delete": false})
	table := d.res(d.table_type, "orders", "replace", before, internal)
	some f in policy.findings with input as t.doc([table])
	f.kind == "violation"
	f.urn == table.urn
}

# Hole 6: a removed resource whose class tag was secret cannot be told apart from customer data.
test_a_removed_resource_with_a_secret_class_tag_cannot_be_verified if {
	queue := d.res("aws:sqs/queue:Queue", "jobs", "delete", d.with_props({"tags": {"blastguard:data-class": "[secret]"}}), null)
	some f in policy.findings with input as t.doc([queue])
	f.kind == "unverifiable"
	contains(f.message, "cannot be told")
}

test_a_removed_resource_with_an_unknown_class_tag_cannot_be_verified if {
	queue := d.res("aws:sqs/queue:Queue", "jobs", "replace", d.with_props({"tags": {"blastguard:data-class": d.unknown}}), d.with_props({"tags": {"blastguard:data-class": "internal"}}))
	d.kinds(policy.findings) == {"unverifiable"} with input as t.doc([queue])
}

# Posture: a customer RDS store that stays, as a fleet audit sees a stack's standing state.
_customer_db(skip) := d.same(d.rds_type, "main", d.protected({
	"region": "us-east-1", "deletionProtection": true, "skipFinalSnapshot": skip,
	"tags": {"blastguard:data-class": "customer"},
}))

test_a_database_that_stays_set_to_skip_its_final_snapshot_fails if {
	db := _customer_db(true)
	r := {[f.kind, f.urn, f.message] | some f in policy.findings with input as t.doc([db])}
	r == {["violation", db.urn, "main holds customer data and skipFinalSnapshot is set: its next delete takes no final snapshot"]}
}

test_a_database_that_stays_with_an_unknown_skip_final_snapshot_cannot_be_verified if {
	db := _customer_db(d.unknown)
	r := {[f.kind, f.message] | some f in policy.findings with input as t.doc([db])}
	r == {["unverifiable", "main holds customer data and whether it skips its final snapshot is unknown"]}
}

test_a_database_that_stays_and_takes_its_final_snapshot_passes if {
	policy.findings == set() with input as t.doc([_customer_db(false)])
}
