package blastguard.rules.data_protect_test

import data.blastguard.lib.data_fixtures as d
import data.blastguard.lib.testing as t
import data.blastguard.rules.data_protect as policy

test_an_unprotected_customer_bucket_fails if {
	r := d.same(d.bucket_type, "docs", t.state({}))
	some f in policy.findings with input as t.doc([r])
	f.kind == "violation"
	f.policy == "data-protect"
	contains(f.message, "not protected")
}

test_an_untagged_unprotected_bucket_is_customer_data_by_default_and_warns if {
	some f in policy.findings with input as t.doc([t.kept("docs")])
	f.kind == "advisory"
	contains(f.message, "not protected")
	contains(f.message, "customer data by default")
	d.kinds(policy.findings) == {"advisory"} with input as t.doc([t.kept("docs")])
}

test_a_protected_retained_table_passes if {
	count(policy.findings) == 0 with input as t.doc([d.table("orders", "us-east-1", {})])
}

test_missing_retain_on_delete_is_advisory if {
	r := d.same(d.table_type, "orders", t.state({"protect": true, "props": {}}))
	d.kinds(policy.findings) == {"advisory"} with input as t.doc([r])
}

test_a_legacy_bucket_v2_is_customer_data if {
	r := d.same("aws:s3/bucketV2:BucketV2", "old", t.state({}))
	"violation" in d.kinds(policy.findings) with input as t.doc([r])
}

test_a_store_declared_internal_is_reported_but_not_checked if {
	r := d.same(d.bucket_type, "scratch", d.with_props({"tags": {"blastguard:data-class": "Internal"}}))
	some f in policy.findings with input as t.doc([r])
	f.kind == "advisory"
	contains(f.message, "declared internal by its blastguard:data-class tag; not checked as customer data")
	d.kinds(policy.findings) == {"advisory"} with input as t.doc([r])
}

test_the_tag_key_comes_from_config if {
	r := d.same(d.bucket_type, "scratch", d.with_props({"tags": {"class": "ephemeral"}}))
	doc := t.doc_for([r], object.union(t.default_config, {"dataClass": {"tagKey": "class"}}))
	d.kinds(policy.findings) == {"advisory"} with input as doc
}

test_a_secret_class_tag_leaves_a_store_customer_data if {
	r := d.same(d.bucket_type, "docs", d.with_props({"tags": {"blastguard:data-class": "[secret]"}}))
	"violation" in d.kinds(policy.findings) with input as t.doc([r])
}

test_any_resource_tagged_customer_is_checked if {
	r := d.same("aws:ec2/volume:Volume", "disk", d.with_props({"tags": {"blastguard:data-class": "customer"}}))
	"violation" in d.kinds(policy.findings) with input as t.doc([r])
}

test_an_untagged_volume_is_not_customer_data if {
	r := d.same("aws:ec2/volume:Volume", "disk", t.state({}))
	count(policy.findings) == 0 with input as t.doc([r])
}

test_components_and_providers_are_not_data_stores if {
	component := object.union(t.kept("docs"), {"kind": "component"})
	provider := object.union(t.kept("docs2"), {"kind": "provider"})
	count(policy.findings) == 0 with input as t.doc([component, provider])
}

test_unknown_protect_cannot_be_verified if {
	r := d.same(d.table_type, "orders", t.state({"protect": d.unknown, "retain_on_delete": true}))
	d.kinds(policy.findings) == {"unverifiable"} with input as t.doc([r])
}

test_a_deleted_store_is_left_to_the_deletion_policies if {
	count(policy.findings) == 0 with input as t.doc([t.deleted("docs")])
}

test_a_new_unprotected_store_fails if {
	r := d.res(d.bucket_type, "docs", "create", null, t.state({}))
	"violation" in d.kinds(policy.findings) with input as t.doc([r])
}
