# Replication copies: S3 replication rules (the separate BucketReplicationConfig resource and
# the legacy inline replicationConfiguration), DynamoDB replicas (inline and TableReplica), RDS
# automated backup replication, EFS replication. A copy's region is the destination's.
package blastguard.lib

_bucket_regions[view][arn] contains region if {
	some r in input.resources
	r.type in s3_bucket_types
	some view in views
	state := view_state(r, view)
	arn := store_arn(r, state)
	arn != null
	region := region_of(r, state)
}

_replications_by_bucket[view][name] contains [r.urn, state] if {
	some r in input.resources
	r.type == s3_replication_type
	some view in views
	state := view_state(r, view)
	name := field(state.props, "bucket")
	known_string(name)
}

# A source bucket not known yet, but referenced: indexed by the bucket's URN.
_replications_by_bucket_urn[view][store] contains [r.urn, state] if {
	some r in input.resources
	r.type == s3_replication_type
	some view in views
	state := view_state(r, view)
	not known_string(field(state.props, "bucket"))
	some store in refs(state, "bucket")
}

_open_replications[view] contains r.urn if {
	some r in input.resources
	r.type == s3_replication_type
	some view in views
	state := view_state(r, view)
	not known_string(field(state.props, "bucket"))
	count(refs(state, "bucket")) == 0
}

_bucket_regions_by_urn[view][r.urn] contains region if {
	some r in input.resources
	r.type in s3_bucket_types
	some view in views
	state := view_state(r, view)
	region := region_of(r, state)
}

# The buckets a replication's rules reference, with their regions: [[urn, region], ...].
_referenced_buckets(view, state, key) := [[u, region] |
	some u in refs(state, key)
	some region in _bucket_regions_by_urn[view][u]
]

# The region of a destination bucket, when the stack lists it.
_bucket_region(view, arn) := region if {
	regions := {region | some region in _bucket_regions[view][arn]}
	count(regions) == 1
	some region in regions
} else := null

_rule_copies(view, via, rule, referenced) := {c |
	status := field(rule, "status")
	not _disabled(status)
	some dest in array.concat(items(field(rule, "destination")), items(field(rule, "destinations")))
	c := _s3_copy(view, via, status, dest, referenced)
}

_disabled(status) if {
	known_string(status)
	status != "Enabled"
}

_s3_copy(view, via, status, dest, referenced) := {"via": via, "target": arn, "region": _bucket_region(view, arn), "account": account} if {
	known_string(status)
	arn := field(dest, "bucket")
	known_string(arn)
	account := _first_known([field(dest, "account"), field(dest, "accountId")])
} else := {"via": via, "target": target, "region": region, "account": null} if {
	# the destination bucket is not created yet: the one bucket the rules reference
	known_string(status)
	count(referenced) == 1
	[target, region] := referenced[0]
} else := _unknown_copy(via)

_first_known(values) := value if {
	some value in values
	known_string(value)
} else := null

_s3_copies(view, resource, state) := (inline | separate) | open if {
	resource.type in s3_bucket_types
	confs := array.concat(items(field(state.props, "replicationConfiguration")), items(field(state.props, "replicationConfigurations")))
	inline_refs := array.concat(_referenced_buckets(view, state, "replicationConfiguration"), _referenced_buckets(view, state, "replicationConfigurations"))
	inline := {c | some conf in confs; some rule in items(field(conf, "rules")); some c in _rule_copies(view, resource.urn, rule, inline_refs)}
	separate := {c |
		some [urn, cfg] in _replications_of(view, resource, state)
		some rule in items(field(cfg.props, "rules"))
		some c in _rule_copies(view, urn, rule, _referenced_buckets(view, cfg, "rules"))
	}
	open := {_unknown_copy(urn) | some urn in _open_replications[view]}
} else := set()

_table_replicas[view][table_arn] contains [r, state] if {
	some r in input.resources
	r.type == dynamodb_replica_type
	some view in views
	state := view_state(r, view)
	table_arn := field(state.props, "globalTableArn")
	known_string(table_arn)
}

_dynamodb_copies(view, resource, state) := inline | separate if {
	resource.type == "aws:dynamodb/table:Table"
	account := account_of(resource, state)
	inline := {c |
		some replica in items(field(state.props, "replicas"))
		c := {"via": resource.urn, "target": resource.urn, "region": _or_null(field(replica, "regionName")), "account": account}
	}
	separate := {c |
		arn := store_arn(resource, state)
		known_string(arn)
		some [r, st] in _table_replicas[view][arn]
		c := {"via": r.urn, "target": r.urn, "region": region_of(r, st), "account": account}
	}
} else := set()

_rds_replications[view][source] contains [r, state] if {
	some r in input.resources
	r.type == rds_backup_replication_type
	some view in views
	state := view_state(r, view)
	source := field(state.props, "sourceDbInstanceArn")
	known_string(source)
}

_open_rds_replications[view] contains r.urn if {
	some r in input.resources
	r.type == rds_backup_replication_type
	some view in views
	not known_string(field(view_state(r, view).props, "sourceDbInstanceArn"))
}

_rds_copies(view, resource, state) := {c |
	arn := store_arn(resource, state)
	known_string(arn)
	some [r, st] in _rds_replications[view][arn]
	c := {"via": r.urn, "target": r.urn, "region": region_of(r, st), "account": account_of(r, st)}
} | {_unknown_copy(urn) | some urn in _open_rds_replications[view]} if {
	resource.type == "aws:rds/instance:Instance"
} else := set()

_efs_replications[view][source] contains [r, state] if {
	some r in input.resources
	r.type == efs_replication_type
	some view in views
	state := view_state(r, view)
	source := field(state.props, "sourceFileSystemId")
	known_string(source)
}

_efs_copies(view, resource, state) := {c |
	known_string(state.id)
	some [r, st] in _efs_replications[view][state.id]
	some dest in items(field(st.props, "destination"))
	c := {"via": r.urn, "target": r.urn, "region": _or_null(field(dest, "region")), "account": account_of(resource, state)}
} if {
	resource.type == "aws:efs/fileSystem:FileSystem"
} else := set()

# The separate replication configurations of a bucket: by its name, or by its URN when the
# configuration's bucket is not known yet.
_replications_of(view, resource, state) := {x |
	name := field(state.props, "bucket")
	known_string(name)
	some x in _replications_by_bucket[view][name]
} | {x | some x in _replications_by_bucket_urn[view][resource.urn]}
