package blastguard.rules.backup_teardown_test

import data.blastguard.lib.data_fixtures as d
import data.blastguard.lib.testing as t
import data.blastguard.rules.backup_teardown as policy

_table := d.table("orders", "us-east-1", {})

_dr := d.vault_arn("us-west-2", d.dr_account, "dr")

_plan := d.plan("plan", "p-1", [_dr])

_selection := d.selection("sel", "p-1", {"resources": [_table.after.props.arn]})

_vault := d.vault("dr", _dr)

test_deleting_only_the_dr_vault_of_a_protected_table_fails if {
	findings := policy.findings with input as t.doc([_table, _plan, _selection, d.deleted(_vault)])
	some f in findings
	f.kind == "violation"
	f.urn == _table.urn
	f.message == "orders loses its only copy in another location: dr (deleted)"
	count(findings) == 1
}

test_deleting_the_selection_fails if {
	some f in policy.findings with input as t.doc([_table, _plan, d.deleted(_selection), _vault])
	f.message == "orders loses its only copy in another location: sel"
}

test_dropping_the_copy_action_fails if {
	same_region := d.plan_props([d.vault_arn("us-east-1", d.account, "local")])
	plan := object.union(_plan, {"op": "update", "after": t.state({"id": "p-1", "props": same_region})})
	d.kinds(policy.findings) == {"violation"} with input as t.doc([_table, plan, _selection, _vault])
}

test_an_unchanged_copy_passes if {
	count(policy.findings) == 0 with input as t.doc([_table, _plan, _selection, _vault])
}

test_removing_one_of_two_remote_copies_passes if {
	table := d.table("orders", "us-east-1", {"replicas": [{"regionName": "eu-west-1"}]})
	count(policy.findings) == 0 with input as t.doc([table, _plan, _selection, d.deleted(_vault)])
}

test_a_store_that_had_no_remote_copy_is_left_to_the_multi_location_policy if {
	count(policy.findings) == 0 with input as t.doc([_table, d.deleted(_vault)])
}

test_a_replacement_copy_with_an_unknown_vault_cannot_be_verified if {
	plan := object.union(_plan, {"op": "update", "after": t.state({"id": "p-1", "props": d.plan_props([d.unknown])})})
	d.kinds(policy.findings) == {"unverifiable"} with input as t.doc([_table, plan, _selection, d.deleted(_vault)])
}

test_deleting_a_vault_in_an_incomplete_inventory_is_undecidable if {
	some f in policy.findings with input as d.incomplete([d.deleted(_vault)])
	f.kind == "undecidable"
	f.urn == _vault.urn
	contains(f.message, "--state")
}

test_deleting_the_replication_of_a_bucket_fails if {
	dst := d.bucket("dst", "us-west-2", {"tags": {"blastguard:data-class": "replica"}})
	src := d.bucket("src", "eu-west-1", {})
	repl := d.same("aws:s3/bucketReplicationConfig:BucketReplicationConfig", "repl", d.with_props({
		"bucket": "src",
		"rules": [{"status": "Enabled", "destination": {"bucket": "arn:aws:s3:::dst"}}],
	}))
	some f in policy.findings with input as t.doc([src, dst, d.deleted(repl)])
	f.message == "src loses its only copy in another location: repl"
}
