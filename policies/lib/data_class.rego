# What counts as customer data. A known AWS data store is customer data unless its data-class
# tag says otherwise (fail safe); any resource tagged customer is customer data.
package blastguard.lib

data_store_types := {
	"aws:s3/bucket:Bucket",
	"aws:s3/bucketV2:BucketV2",
	"aws:dynamodb/table:Table",
	"aws:rds/instance:Instance",
	"aws:rds/cluster:Cluster",
	"aws:efs/fileSystem:FileSystem",
}

is_data_store(resource) if resource.type in data_store_types

# The declared data class, when the resource carries the tag.
declared_data_class(resource) := tags(resource)[input.config.dataClass.tagKey]

data_class(resource) := class if {
	class := declared_data_class(resource)
	is_string(class)
}

data_class(resource) := "customer" if {
	is_data_store(resource)
	not _has_string_class(resource)
}

_has_string_class(resource) if is_string(declared_data_class(resource))

is_customer_data(resource) if data_class(resource) == "customer"
