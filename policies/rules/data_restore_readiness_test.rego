package blastguard.rules.data_restore_readiness_test

import data.blastguard.lib.data_fixtures as d
import data.blastguard.lib.testing as t
import data.blastguard.rules.data_restore_readiness as policy

_table := d.table("orders", "us-east-1", {})

_dr := d.vault_arn("us-west-2", d.dr_account, "dr")

_backed_up := [
	d.plan("plan", "p-1", [_dr]),
	d.selection("sel", "p-1", {"resources": [_table.after.props.arn]}),
	d.vault("dr", _dr),
]

test_an_rds_replacement_that_skips_its_final_snapshot_fails if {
	arn := "arn:aws:rds:us-east-1:111111111111:db:main"
	props := {"arn": arn, "deletionProtection": true, "skipFinalSnapshot": true}
	db := d.res(d.rds_type, "main", "replace", d.with_props(props), d.protected(props))
	repl_type := "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication"
	repl := d.same(repl_type, "repl", d.with_props({"sourceDbInstanceArn": arn, "region": "us-west-2"}))
	findings := policy.findings with input as t.doc([db, repl])
	some f in findings
	f.kind == "violation"
	f.message == "replaces main and skipFinalSnapshot is set: no final snapshot is taken"
	count(findings) == 1
}

test_an_unknown_skip_final_snapshot_cannot_be_verified if {
	db := d.deleted(d.same(d.rds_type, "main", d.protected({"skipFinalSnapshot": d.unknown})))
	"unverifiable" in d.kinds(policy.findings) with input as t.doc([db])
}

test_deleting_a_table_whose_backup_copy_survives_passes if {
	count(policy.findings) == 0 with input as t.doc(array.concat([d.deleted(_table)], _backed_up))
}

test_deleting_a_table_with_its_dr_vault_fails if {
	resources := [d.deleted(_table), _backed_up[0], _backed_up[1], d.deleted(_backed_up[2])]
	some f in policy.findings with input as t.doc(resources)
	f.kind == "violation"
	f.urn == _table.urn
	f.message == "deletes orders, which has no copy outside us-east-1 that survives this change"
}

test_a_copy_made_by_a_plan_deleted_with_the_table_still_survives if {
	resources := [d.deleted(_table), d.deleted(_backed_up[0]), d.deleted(_backed_up[1]), _backed_up[2]]
	count(policy.findings) == 0 with input as t.doc(resources)
}

test_a_copy_set_up_in_the_same_change_does_not_count if {
	new_plan := d.res("aws:backup/plan:Plan", "plan", "create", null, _backed_up[0].after)
	new_sel := d.res("aws:backup/selection:Selection", "sel", "create", null, _backed_up[1].after)
	d.kinds(policy.findings) == {"violation"} with input as t.doc([d.deleted(_table), new_plan, new_sel])
}

test_replicas_die_with_their_table if {
	table := d.table("orders", "us-east-1", {"replicas": [{"regionName": "eu-west-1"}]})
	d.kinds(policy.findings) == {"violation"} with input as t.doc([d.deleted(table)])
}

test_a_bucket_replicated_to_a_surviving_bucket_may_go if {
	dst := d.bucket("dst", "us-west-2", {"tags": {"blastguard:data-class": "replica"}})
	inline := {"role": "r", "rules": [{"status": "Enabled", "destination": {"bucket": "arn:aws:s3:::dst"}}]}
	src := d.bucket("src", "eu-west-1", {"replicationConfiguration": inline})
	count(policy.findings) == 0 with input as t.doc([d.deleted(src), dst])
}

test_retained_stores_are_not_destroyed if {
	table := object.union(_table, {"op": "delete", "after": null})
	count(policy.findings) == 0 with input as t.doc([table])
}

test_a_delete_without_a_listed_copy_in_an_incomplete_inventory_is_undecidable if {
	some f in policy.findings with input as d.incomplete([d.deleted(_table)])
	f.kind == "undecidable"
	contains(f.message, "--state")
}
