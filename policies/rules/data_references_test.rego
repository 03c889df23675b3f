# A preview of new resources: values that link a store to its copies are unknown until apply,
# but Pulumi's propertyDependencies (refs) say which resources they come from.
package blastguard.rules.data_references_test

import data.blastguard.lib.data_fixtures as d
import data.blastguard.lib.testing as t
import data.blastguard.rules.data_cloud_deletion_protection as cloud
import data.blastguard.rules.data_multi_location_backup as multi

_new(type, name, props, refs) := d.res(type, name, "create", null, object.union(d.protected(props), {"refs": refs}))

_table := _new(d.table_type, "orders", {"name": "orders", "region": "us-east-1", "arn": d.unknown, "deletionProtectionEnabled": true}, {})

_vault := _new("aws:backup/vault:Vault", "dr", {"arn": d.unknown, "region": "us-west-2"}, {})

_plan := _new("aws:backup/plan:Plan", "plan", d.plan_props([d.unknown]), {"rules": [_vault.urn]})

_selection(refs) := _new("aws:backup/selection:Selection", "sel", {"planId": d.unknown, "resources": [d.unknown]}, refs)

test_a_new_table_backed_up_through_references_passes if {
	sel := _selection({"planId": [_plan.urn], "resources": [_table.urn]})
	count(multi.findings) == 0 with input as t.doc([_table, _vault, _plan, sel])
}

test_a_new_selection_for_another_store_does_not_cover_the_table if {
	sel := _selection({"planId": [_plan.urn], "resources": ["urn:pulumi:dev::proj::aws:dynamodb/table:Table::other"]})
	d.kinds(multi.findings) == {"violation"} with input as t.doc([_table, _vault, _plan, sel])
}

test_a_new_selection_without_references_cannot_be_verified if {
	d.kinds(multi.findings) == {"unverifiable"} with input as t.doc([_table, _vault, _plan, _selection({})])
}

test_a_copy_to_a_referenced_vault_in_the_same_region_fails if {
	vault := _new("aws:backup/vault:Vault", "dr", {"arn": d.unknown, "region": "us-east-1"}, {})
	sel := _selection({"planId": [_plan.urn], "resources": [_table.urn]})
	d.kinds(multi.findings) == {"violation"} with input as t.doc([_table, vault, _plan, sel])
}

_src := _new(d.bucket_type, "src", {"bucket": "src", "region": "eu-west-1", "versioning": null}, {})

_dst := _new(d.bucket_type, "dst", {"bucket": "dst", "region": "us-west-2", "tags": {"blastguard:data-class": "replica"}}, {})

test_a_new_bucket_replicated_through_references_passes if {
	repl := _new(
		"aws:s3/bucketReplicationConfig:BucketReplicationConfig", "repl", {
			"bucket": d.unknown,
			"rules": [{"status": "Enabled", "destination": {"bucket": d.unknown}}],
		},
		{"bucket": [_src.urn], "rules": [_dst.urn]},
	)
	count(multi.findings) == 0 with input as t.doc([_src, _dst, repl])
}

test_versioning_through_a_reference_passes if {
	v := _new(
		"aws:s3/bucketVersioning:BucketVersioning", "v", {
			"bucket": d.unknown,
			"versioningConfiguration": {"status": "Enabled"},
		},
		{"bucket": [_src.urn]},
	)
	count(cloud.findings) == 0 with input as t.doc([_src, v])
}

test_suspended_versioning_through_a_reference_fails if {
	v := _new(
		"aws:s3/bucketVersioning:BucketVersioning", "v", {
			"bucket": d.unknown,
			"versioningConfiguration": {"status": "Suspended"},
		},
		{"bucket": [_src.urn]},
	)
	d.kinds(cloud.findings) == {"violation"} with input as t.doc([_src, v])
}

test_the_rule_target_vault_among_the_references_is_not_the_copy if {
	primary := _new("aws:backup/vault:Vault", "main", {"arn": d.unknown, "name": "main", "region": "us-east-1"}, {})
	plan := _new("aws:backup/plan:Plan", "plan", d.plan_props([d.unknown]), {"rules": [primary.urn, _vault.urn]})
	sel := _selection({"planId": [plan.urn], "resources": [_table.urn]})
	count(multi.findings) == 0 with input as t.doc([_table, primary, _vault, plan, sel])
}

test_a_new_replication_destination_is_a_copy_not_a_store_needing_one if {
	repl := _new(
		"aws:s3/bucketReplicationConfig:BucketReplicationConfig", "repl", {
			"bucket": d.unknown,
			"rules": [{"status": "Enabled", "destination": {"bucket": d.unknown}}],
		},
		{"bucket": [_src.urn], "rules": [_dst.urn]},
	)
	dst := object.union(_dst, {"after": {"props": {"tags": {}}}})
	count(multi.findings) == 0 with input as t.doc([_src, dst, repl])
}
