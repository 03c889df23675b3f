package blastguard.rules.data_multi_location_backup_test

import data.blastguard.lib.data_fixtures as d
import data.blastguard.lib.testing as t
import data.blastguard.rules.data_multi_location_backup as policy

_table := d.table("orders", "us-east-1", {"tags": {"backup": "dr"}})

_dr := d.vault_arn("us-west-2", d.dr_account, "dr")

test_backup_copy_to_the_same_region_fails if {
	plan := d.plan("plan", "p-1", [d.vault_arn("us-east-1", d.account, "second")])
	sel := d.selection("sel", "p-1", {"resources": [_table.after.props.arn]})
	some f in policy.findings with input as t.doc([_table, plan, sel])
	f.kind == "violation"
	f.urn == _table.urn
	contains(f.message, "no copy outside us-east-1")
}

test_a_selection_by_tag_that_covers_the_store_passes if {
	plan := d.plan("plan", "p-1", [_dr])
	sel := d.selection("sel", "p-1", {"selectionTags": [{"type": "STRINGEQUALS", "key": "backup", "value": "dr"}]})
	count(policy.findings) == 0 with input as t.doc([_table, plan, sel])
}

test_a_selection_by_tag_condition_that_covers_the_store_passes if {
	plan := d.plan("plan", "p-1", [_dr])
	cond := [{"stringEquals": [{"key": "aws:ResourceTag/backup", "value": "dr"}]}]
	sel := d.selection("sel", "p-1", {"resources": ["*"], "conditions": cond})
	count(policy.findings) == 0 with input as t.doc([_table, plan, sel])
}

test_a_condition_that_excludes_the_store_fails if {
	plan := d.plan("plan", "p-1", [_dr])
	cond := [{"stringNotEquals": [{"key": "aws:ResourceTag/backup", "value": "dr"}]}]
	sel := d.selection("sel", "p-1", {"resources": ["*"], "conditions": cond})
	d.kinds(policy.findings) == {"violation"} with input as t.doc([_table, plan, sel])
}

test_a_selection_tag_for_another_value_fails if {
	plan := d.plan("plan", "p-1", [_dr])
	sel := d.selection("sel", "p-1", {"selectionTags": [{"type": "STRINGEQUALS", "key": "backup", "value": "none"}]})
	d.kinds(policy.findings) == {"violation"} with input as t.doc([_table, plan, sel])
}

test_an_unknown_destination_vault_cannot_be_verified if {
	plan := d.plan("plan", "p-1", [d.unknown])
	sel := d.selection("sel", "p-1", {"resources": [_table.after.props.arn]})
	d.kinds(policy.findings) == {"unverifiable"} with input as t.doc([_table, plan, sel])
}

test_replication_to_a_bucket_whose_region_is_unknown_cannot_be_verified if {
	src := d.bucket("src", "eu-west-1", {})
	repl := d.same("aws:s3/bucketReplicationConfig:BucketReplicationConfig", "repl", d.with_props({
		"bucket": "src",
		"rules": [{"status": "Enabled", "destination": {"bucket": "arn:aws:s3:::elsewhere"}}],
	}))
	some f in policy.findings with input as t.doc([src, repl])
	f.kind == "unverifiable"
	f.urn == src.urn
}

test_replication_to_a_listed_bucket_in_another_region_passes if {
	src := d.bucket("src", "eu-west-1", {})
	dst := d.bucket("dst", "eu-central-1", {"tags": {"blastguard:data-class": "replica"}})
	repl := d.same("aws:s3/bucketReplicationConfig:BucketReplicationConfig", "repl", d.with_props({
		"bucket": "src",
		"rules": [{"status": "Enabled", "destination": {"bucket": "arn:aws:s3:::dst"}}],
	}))
	count(policy.findings) == 0 with input as t.doc([src, dst, repl])
}

test_disabled_replication_is_no_copy if {
	src := d.bucket("src", "eu-west-1", {})
	dst := d.bucket("dst", "eu-central-1", {"tags": {"blastguard:data-class": "replica"}})
	repl := d.same("aws:s3/bucketReplicationConfig:BucketReplicationConfig", "repl", d.with_props({
		"bucket": "src",
		"rules": [{"status": "Disabled", "destination": {"bucket": "arn:aws:s3:::dst"}}],
	}))
	d.kinds(policy.findings) == {"violation"} with input as t.doc([src, dst, repl])
}

test_legacy_inline_replication_passes if {
	dst := d.bucket("dst", "us-west-2", {"tags": {"blastguard:data-class": "replica"}})
	inline := {"role": "r", "rules": [{"status": "Enabled", "destination": {"bucket": "arn:aws:s3:::dst"}}]}
	src := d.bucket("src", "eu-west-1", {"replicationConfiguration": inline})
	count(policy.findings) == 0 with input as t.doc([src, dst])
}

test_dynamodb_replicas_in_another_region_pass if {
	table := d.table("orders", "us-east-1", {"replicas": [{"regionName": "eu-west-1"}]})
	count(policy.findings) == 0 with input as t.doc([table])
}

test_dynamodb_replica_in_the_same_region_fails if {
	table := d.table("orders", "us-east-1", {"replicas": [{"regionName": "us-east-1"}]})
	d.kinds(policy.findings) == {"violation"} with input as t.doc([table])
}

test_rds_automated_backup_replication_to_another_region_passes if {
	arn := "arn:aws:rds:us-east-1:111111111111:db:main"
	db := d.same(d.rds_type, "main", d.protected({"arn": arn, "deletionProtection": true}))
	repl_type := "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication"
	repl := d.same(repl_type, "repl", d.with_props({"sourceDbInstanceArn": arn, "region": "us-west-2"}))
	count(policy.findings) == 0 with input as t.doc([db, repl])
}

test_region_from_the_provider_decides if {
	provider := object.union(d.same("pulumi:providers:aws", "west", d.with_props({"region": "us-west-2"})), {"kind": "provider"})
	table := object.union(d.table("orders", "us-east-1", {"replicas": [{"regionName": "us-west-2"}]}), {"provider": provider.urn})
	no_arn := json.remove(table, ["before/props/arn", "after/props/arn"])
	d.kinds(policy.findings) == {"violation"} with input as t.doc([provider, no_arn])
}

test_region_from_the_stack_config_decides if {
	table := d.table("orders", "us-east-1", {"replicas": [{"regionName": "eu-west-1"}]})
	no_arn := json.remove(table, ["before/props/arn", "after/props/arn"])
	doc := object.union(t.doc([no_arn]), {"stack_config": {"aws:region": "eu-west-1"}})
	d.kinds(policy.findings) == {"violation"} with input as doc
}

test_an_unknown_store_region_with_one_copy_cannot_be_verified if {
	table := d.table("orders", "us-east-1", {"replicas": [{"regionName": "eu-west-1"}]})
	no_arn := json.remove(table, ["before/props/arn", "after/props/arn"])
	d.kinds(policy.findings) == {"unverifiable"} with input as t.doc([no_arn])
}

test_distinct_accounts_when_required if {
	same_account := d.plan("plan", "p-1", [d.vault_arn("us-west-2", d.account, "dr")])
	other_account := d.plan("plan", "p-1", [_dr])
	sel := d.selection("sel", "p-1", {"resources": [_table.after.props.arn]})
	params := {"minRegions": 2, "requireDistinctAccounts": true}
	d.kinds(policy.findings) == {"violation"} with input as d.with_params(t.doc([_table, same_account, sel]), "data-multi-location-backup", params)
	count(policy.findings) == 0 with input as d.with_params(t.doc([_table, other_account, sel]), "data-multi-location-backup", params)
}

test_an_incomplete_inventory_without_a_listed_copy_is_undecidable if {
	some f in policy.findings with input as d.incomplete([_table])
	f.kind == "undecidable"
	contains(f.message, "--state")
}

test_a_store_declared_internal_is_not_checked if {
	table := d.table("scratch", "us-east-1", {"tags": {"blastguard:data-class": "internal"}})
	count(policy.findings) == 0 with input as t.doc([table])
}

test_a_selection_of_a_plan_not_created_yet_cannot_be_verified if {
	sel := d.selection("sel", d.unknown, {"resources": [_table.after.props.arn]})
	d.kinds(policy.findings) == {"unverifiable"} with input as t.doc([_table, sel])
}

test_a_new_table_is_matched_by_name_and_region_against_a_wildcard_selection if {
	props := {"name": "orders", "region": "us-east-1", "deletionProtectionEnabled": true, "arn": d.unknown, "tags": {"tenant": "acme"}}
	table := d.res(d.table_type, "orders", "create", null, d.protected(props))
	plan := d.plan("plan", "p-1", [_dr])
	cond := [{"stringEquals": [{"key": "aws:ResourceTag/tenant", "value": "acme"}]}]
	sel := d.selection("sel", "p-1", {"resources": ["arn:aws:dynamodb:us-east-1:*:table/*"], "conditions": cond})
	count(policy.findings) == 0 with input as t.doc([table, plan, sel])
	other_region := d.selection("sel", "p-1", {"resources": ["arn:aws:dynamodb:eu-west-1:*:table/*"], "conditions": cond})
	d.kinds(policy.findings) == {"violation"} with input as t.doc([table, plan, other_region])
}

test_a_vault_tagged_customer_is_a_copy_not_a_store_needing_one if {
	vault := d.same("aws:backup/vault:Vault", "dr", d.protected({"arn": _dr, "tags": {"blastguard:data-class": "customer"}}))
	count(policy.findings) == 0 with input as t.doc([vault])
}
