package blastguard.rules.data_cloud_deletion_protection_test

import data.blastguard.lib.data_fixtures as d
import data.blastguard.lib.testing as t
import data.blastguard.rules.data_cloud_deletion_protection as policy

test_a_table_whose_protection_goes_off_in_a_change_that_replaces_it_fails if {
	before := d.protected(d.table_props("orders", "us-east-1"))
	after := d.protected(object.union(d.table_props("orders", "us-east-1"), {"deletionProtectionEnabled": false}))
	r := d.res(d.table_type, "orders", "replace", before, after)
	some f in policy.findings with input as t.doc([r])
	f.kind == "violation"
	f.message == "replaces orders and turns its deletionProtectionEnabled off in the same change"
	count(policy.findings) == 1 with input as t.doc([r])
}

test_a_protected_table_passes if {
	count(policy.findings) == 0 with input as t.doc([d.table("orders", "us-east-1", {})])
}

test_an_rds_instance_without_deletion_protection_fails if {
	r := d.same(d.rds_type, "db", d.protected({}))
	some f in policy.findings with input as t.doc([r])
	f.message == "db holds customer data and deletionProtection is off"
}

test_unknown_deletion_protection_cannot_be_verified if {
	r := d.same(d.rds_type, "db", d.protected({"deletionProtection": d.unknown}))
	d.kinds(policy.findings) == {"unverifiable"} with input as t.doc([r])
}

test_a_versioned_bucket_passes if {
	count(policy.findings) == 0 with input as t.doc([d.bucket("docs", "eu-west-1", {})])
}

test_a_legacy_bucket_v2_with_versionings_passes if {
	r := d.same("aws:s3/bucketV2:BucketV2", "docs", d.protected({"bucket": "docs", "versionings": [{"enabled": true}]}))
	count(policy.findings) == 0 with input as t.doc([r])
}

test_versioning_through_a_separate_resource_passes if {
	b := d.bucket("docs", "eu-west-1", {"versioning": {"enabled": false}})
	v := d.same("aws:s3/bucketVersioning:BucketVersioning", "docs-v", d.with_props({
		"bucket": "docs",
		"versioningConfiguration": {"status": "Enabled"},
	}))
	count(policy.findings) == 0 with input as t.doc([b, v])
}

test_a_bucket_without_versioning_fails if {
	b := d.bucket("docs", "eu-west-1", {"versioning": {"enabled": false}})
	some f in policy.findings with input as t.doc([b])
	f.kind == "violation"
	contains(f.message, "versioning is not enabled")
}

test_suspended_versioning_fails if {
	b := d.bucket("docs", "eu-west-1", {"versioning": null})
	v := d.same("aws:s3/bucketVersioningV2:BucketVersioningV2", "docs-v", d.with_props({
		"bucket": "docs",
		"versioningConfiguration": {"status": "Suspended"},
	}))
	d.kinds(policy.findings) == {"violation"} with input as t.doc([b, v])
}

test_a_bucket_without_listed_versioning_in_an_incomplete_inventory_is_undecidable if {
	b := d.bucket("docs", "eu-west-1", {"versioning": {"enabled": false}})
	some f in policy.findings with input as d.incomplete([b])
	f.kind == "undecidable"
	contains(f.message, "--show-sames")
}

test_a_versioning_resource_for_an_unknown_bucket_cannot_be_verified if {
	b := d.bucket("docs", "eu-west-1", {"versioning": {"enabled": false}})
	v := d.res("aws:s3/bucketVersioning:BucketVersioning", "v", "create", null, d.with_props({
		"bucket": d.unknown,
		"versioningConfiguration": {"status": "Enabled"},
	}))
	d.kinds(policy.findings) == {"unverifiable"} with input as t.doc([b, v])
}

test_force_destroy_fails if {
	b := d.bucket("docs", "eu-west-1", {"forceDestroy": true})
	some f in policy.findings with input as t.doc([b])
	contains(f.message, "forceDestroy")
}

test_an_efs_file_system_has_no_setting_to_check if {
	r := d.same("aws:efs/fileSystem:FileSystem", "share", d.protected({}))
	count(policy.findings) == 0 with input as t.doc([r])
}
