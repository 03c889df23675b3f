# What counts as customer data. A data store (by type: the built-in AWS list and config
# dataClass.storeTypes, decided once in src/copies/stores.ts and given as
# input.copies.stores[urn].data_store) is customer data unless its data-class tag declares another
# class (fail safe); any cloud resource tagged customer is customer data. Tags are read from
# `tags`, `tagsAll` and GCP-style `labels`. A tag value that is unknown at preview or secret cannot
# declare anything: a data store then stays customer data. A destroyed resource is judged by its
# prior state, which is what the cloud holds: a change that re-tags a store and deletes it in one
# go still deletes customer data.
package blastguard.lib

s3_bucket_types := {"aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"}

# Stores that take a final snapshot on delete unless skipFinalSnapshot is set.
rds_types := {
	"aws:rds/instance:Instance", "aws:rds/cluster:Cluster", "aws:docdb/cluster:Cluster",
	"aws:neptune/cluster:Cluster", "aws:redshift/cluster:Cluster",
}

customer_class := "customer"

is_data_store(resource) if {
	is_cloud(resource)
	input.copies.stores[resource.urn].data_store == true
}

# The raw value of the data-class tag in a state, when it carries it (tags over tagsAll, then labels).
_state_class(state) := _tag_value(state.props, input.config.dataClass.tagKey)

declared_data_class(resource) := _state_class(current(resource))

_tag_value(props, key) := value if {
	is_object(props.tags)
	value := props.tags[key]
} else := value if {
	is_array(props.tags)
	some t in props.tags
	t.key == key
	value := t.value
} else := value if {
	is_object(props.tagsAll)
	value := props.tagsAll[key]
} else := value if {
	is_object(props.labels)
	value := props.labels[key]
}

_normalised(raw) := lower(trim_space(raw)) if known_string(raw)

# The class a resource declares now, normalised; undefined when absent, unknown or secret.
_known_class(resource) := _normalised(declared_data_class(resource))

data_class(resource) := class if {
	is_cloud(resource)
	class := _known_class(resource)
}

data_class(resource) := customer_class if {
	is_data_store(resource)
	not _known_class(resource)
}

# One pass over the stack: each cloud resource with its raw class tag now and before the change
# (null when absent or when there is no such state).
_classified := [[r, raw, prior] |
	some r in input.resources
	is_cloud(r)
	raw := _raw_or_null(current(r))
	prior := _prior_raw(r)
]

_raw_or_null(state) := raw if raw := _state_class(state)

else := null

_prior_raw(r) := _raw_or_null(r.before) if r.before != null

else := null

_customer(_, raw) if _normalised(raw) == customer_class

_customer(r, raw) if {
	is_data_store(r)
	not _normalised(raw)
}

# Every resource that holds customer data now, or held it before a change that removes it.
customer_stores := [r |
	some [r, raw, prior] in _classified
	_customer_now_or_before(r, raw, prior)
]

_customer_now_or_before(r, raw, _) if _customer(r, raw)

_customer_now_or_before(r, _, prior) if {
	removes(r)
	r.before != null
	_customer(r, prior)
}

_customer_urns := {r.urn: true | some r in customer_stores}

is_customer_data(resource) if _customer_urns[resource.urn]

# Removed resources that held customer data before the change (their prior class decides).
removed_customer_stores := [r |
	some [r, _, prior] in _classified
	removes(r)
	r.before != null
	_customer(r, prior)
]

# Removed resources (not data stores) whose prior class tag is there but cannot be read.
removed_class_unknown := [r |
	some [r, _, prior] in _classified
	removes(r)
	prior != null
	not is_data_store(r)
	not _normalised(prior)
]

# Data stores whose tag declares another class (internal, ephemeral, ...), with that class.
declared_not_customer := [[r, class] |
	some [r, raw, _] in _classified
	is_data_store(r)
	class := _normalised(raw)
	class != customer_class
]

# Other resources whose class tag is there but cannot be read (unknown at preview or secret).
class_unknown := [r |
	some [r, raw, _] in _classified
	raw != null
	not is_data_store(r)
	not _normalised(raw)
]

# Data stores that carry no data-class tag at all. They are customer data by default (fail safe:
# deleting one is checked in full), but nobody declared them, so the posture rules (protect,
# deletion protection, copies) warn about them instead of blocking; tagging one `customer`
# makes those rules block. A tag that is present but unknown or secret stays strict.
_untagged_stores := {r.urn: true |
	some [r, raw, _] in _classified
	raw == null
	is_data_store(r)
}

posture_finding(chain, kind, resource, message) := finding(chain, kind, resource.urn, message) if {
	not _untagged_stores[resource.urn]
}

posture_finding(chain, _, resource, message) := finding(chain, "advisory", resource.urn, msg) if {
	_untagged_stores[resource.urn]
	msg := concat("", [message, " (customer data by default: it has no ", input.config.dataClass.tagKey, " tag; tag it to enforce this)"])
}
