# What counts as customer data. A known AWS data store is customer data unless its data-class
# tag declares another class (fail safe); any cloud resource tagged customer is customer data.
# Providers and components are never data stores. A tag value that is unknown at preview or
# secret cannot declare anything: a data store then stays customer data.
package blastguard.lib

data_store_types := {
	"aws:s3/bucket:Bucket",
	"aws:s3/bucketV2:BucketV2",
	"aws:dynamodb/table:Table",
	"aws:rds/instance:Instance",
	"aws:rds/cluster:Cluster",
	"aws:efs/fileSystem:FileSystem",
}

s3_bucket_types := {"aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"}

rds_types := {"aws:rds/instance:Instance", "aws:rds/cluster:Cluster"}

customer_class := "customer"

is_data_store(resource) if {
	is_cloud(resource)
	resource.type in data_store_types
}

# The raw value of the data-class tag, when the resource carries it (tags over tagsAll).
declared_data_class(resource) := _tag_value(current(resource).props, input.config.dataClass.tagKey)

_tag_value(props, key) := value if {
	is_object(props.tags)
	value := props.tags[key]
} else := value if {
	is_object(props.tagsAll)
	value := props.tagsAll[key]
}

_normalised(raw) := lower(trim_space(raw)) if known_string(raw)

# The declared class, normalised; undefined when absent, unknown or secret.
_known_class(resource) := _normalised(declared_data_class(resource))

data_class(resource) := class if {
	is_cloud(resource)
	class := _known_class(resource)
}

data_class(resource) := customer_class if {
	is_data_store(resource)
	not _known_class(resource)
}

is_customer_data(resource) if data_class(resource) == customer_class

# One pass over the stack: each cloud resource with its raw class tag (null when absent).
_classified := [[r, raw] |
	some r in input.resources
	is_cloud(r)
	raw := _raw_or_null(r)
]

_raw_or_null(r) := raw if raw := declared_data_class(r)

else := null

_customer(_, raw) if _normalised(raw) == customer_class

_customer(r, raw) if {
	r.type in data_store_types
	not _normalised(raw)
}

# Every resource that holds customer data, classified once per evaluation for all policies.
customer_stores := [r | some [r, raw] in _classified; _customer(r, raw)]

# Data stores whose tag declares another class (internal, ephemeral, ...), with that class.
declared_not_customer := [[r, class] |
	some [r, raw] in _classified
	r.type in data_store_types
	class := _normalised(raw)
	class != customer_class
]

# Other resources whose class tag is there but cannot be read (unknown at preview or secret).
class_unknown := [r |
	some [r, raw] in _classified
	raw != null
	not r.type in data_store_types
	not _normalised(raw)
]

# Data stores that carry no data-class tag at all. They are customer data by default (fail safe:
# deleting one is checked in full), but nobody declared them, so the posture rules (protect,
# deletion protection, copies) warn about them instead of blocking; tagging one `customer`
# makes those rules block. A tag that is present but unknown or secret stays strict.
_untagged_stores := {r.urn: true |
	some [r, raw] in _classified
	raw == null
	r.type in data_store_types
}

posture_finding(chain, kind, resource, message) := finding(chain, kind, resource.urn, message) if {
	not _untagged_stores[resource.urn]
}

posture_finding(chain, _, resource, message) := finding(chain, "advisory", resource.urn, msg) if {
	_untagged_stores[resource.urn]
	msg := concat("", [message, " (customer data by default: it has no ", input.config.dataClass.tagKey, " tag; tag it to enforce this)"])
}
