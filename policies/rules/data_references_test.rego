# A preview of new resources: the bucket a versioning resource configures is unknown until
# apply, but Pulumi's propertyDependencies (refs) say which resource it comes from. (Copy
# references are tested on the TypeScript adapters, test/copies/.)
package blastguard.rules.data_references_test

import data.blastguard.lib.data_fixtures as d
import data.blastguard.lib.testing as t
import data.blastguard.rules.data_cloud_deletion_protection as cloud

_new(type, name, props, refs) := d.res(type, name, "create", null, object.union(d.protected(props), {"refs": refs}))

_src := _new(d.bucket_type, "src", {"bucket": "src", "region": "eu-west-1", "versioning": null}, {})

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
