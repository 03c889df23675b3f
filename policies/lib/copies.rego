# Second-location copies of data stores, in two views of the stack: "before" the change (prior
# states) and "after" it (goal states). Each copy mechanism is indexed once by the key that links
# it to a store (ARN, tag, plan id, bucket name, table ARN, file system id), so finding a store's
# copies takes a few lookups, never a scan of the stack: the policies stay linear.
#
# A copy is {"via": URN of the mechanism, "target": what holds the copy (a vault or bucket ARN,
# or a URN), "region": string or null, "account": string or null}. null is unknown at preview,
# and so is a copy whose mechanism may or may not cover the store: policies report those as
# unverifiable, never as a pass.
package blastguard.lib

views := {"before", "after"}

view_state(resource, "before") := resource.before if {
	is_cloud(resource)
	resource.before != null
}

# A goal state of a preview lacks outputs (id, arn): an unchanged resource is read from its
# prior state, an updated one keeps its prior id.
view_state(resource, "after") := resource.before if {
	is_cloud(resource)
	resource.op == "same"
	resource.after != null
	resource.before != null
} else := object.union(resource.after, {"id": resource.before.id}) if {
	is_cloud(resource)
	resource.after != null
	resource.op in _arn_keeping_ops
	resource.before != null
	not known_string(resource.after.id)
} else := resource.after if {
	is_cloud(resource)
	resource.after != null
}

# Copy mechanisms by URN (only those: a set of every resource would hash the whole stack).
by_urn[urn] contains r if {
	some r in input.resources
	r.type in copy_mechanism_types
	urn := r.urn
}

# The URNs a property of a state depends on (Pulumi's propertyDependencies), [] when none.
refs(state, key) := object.get(object.get(state, "refs", {}), key, [])

# The items of a list-or-object property; an unknown value is one unknown item.
items(value) := value if is_array(value)

items(value) := [unknown_marker] if is_unknown(value)

items(value) := [value] if {
	is_object(value)
	not is_unknown(value)
}

items(value) := [] if {
	not is_array(value)
	not is_object(value)
	not is_unknown(value)
}

# A field of an object; unknown when the object is unknown, null when absent.
field(obj, _) := unknown_marker if is_unknown(obj)

field(obj, key) := object.get(obj, key, null) if {
	is_object(obj)
	not is_unknown(obj)
}

field(obj, _) := null if {
	not is_object(obj)
	not is_unknown(obj)
}

_region_or_null(arn) := region if region := arn_region(arn)

else := null

_account_or_null(arn) := account if account := arn_account(arn)

else := null

backup_plan_type := "aws:backup/plan:Plan"

backup_selection_type := "aws:backup/selection:Selection"

backup_vault_types := {"aws:backup/vault:Vault", "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault"}

s3_replication_type := "aws:s3/bucketReplicationConfig:BucketReplicationConfig"

rds_backup_replication_type := "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication"

dynamodb_replica_type := "aws:dynamodb/tableReplica:TableReplica"

efs_replication_type := "aws:efs/replicationConfiguration:ReplicationConfiguration"

# Resources whose loss or change can take a store's second-location copy with it.
copy_mechanism_types := {
	backup_plan_type, backup_selection_type, s3_replication_type,
	rds_backup_replication_type, dynamodb_replica_type, efs_replication_type,
} | backup_vault_types

# A store's ARN; an S3 bucket's follows from its name when the ARN is not known yet.
store_arn(resource, state) := arn if {
	arn := resource_arn(resource, state)
	arn != null
} else := concat("", ["arn:aws:s3:::", name]) if {
	resource.type in s3_bucket_types
	name := field(state.props, "bucket")
	known_string(name)
} else := null

view_tags(state) := object.union(
	_tag_map(object.get(state.props, "tagsAll", {})),
	_tag_map(object.get(state.props, "tags", {})),
)

# Every copy of a store in a view.
store_copies(view, resource, state) := (((_backup_copies(view, resource, state) | _s3_copies(view, resource, state)) | _dynamodb_copies(view, resource, state)) | _rds_copies(view, resource, state)) | _efs_copies(view, resource, state)

# What a destroyed resource takes with it: its URN and its ARN.
destroyed_keys := {r.urn | some r in input.resources; destroys(r)} | {arn |
	some r in input.resources
	destroys(r)
	arn := store_arn(r, r.before)
	arn != null
}

# A key lookup, not `in`: membership through `in` scans the set in Wasm.
surviving(copies) := copies if count(destroyed_keys) == 0

else := {c | some c in copies; not destroyed_keys[c.target]}

_unknown_copy(via) := {"via": via, "target": null, "region": null, "account": null}

# The location rule, set once under data-multi-location-backup and used by every data policy:
# the store and its copies span at least minRegions regions (and two accounts when required).
location_params := input.config.policies["data-multi-location-backup"]

_min_regions := object.get(location_params, "minRegions", 2)

_distinct_accounts if is_true(object.get(location_params, "requireDistinctAccounts", false))

_known(values) := {v | some v in values; v != null}

_copy_regions(region, copies) := _known({region} | {c.region | some c in copies})

_accounts_ok(_, _) if not _distinct_accounts

_accounts_ok(account, copies) if {
	_distinct_accounts
	count(_known({account} | {c.account | some c in copies})) >= 2
}

# "ok", "unknown" (a deciding value is unknown at preview) or "missing".
location_verdict(region, account, copies) := "missing" if {
	count(copies) == 0
} else := "ok" if {
	count(_copy_regions(region, copies)) >= _min_regions
	_accounts_ok(account, copies)
} else := "unknown" if {
	_unknown_location(region, account, copies)
} else := "missing"

_unknown_location(_, _, copies) if {
	some c in copies
	c.region == null
}

_unknown_location(region, _, copies) if {
	region == null
	count(copies) > 0
}

_unknown_location(_, account, copies) if {
	_distinct_accounts
	count(copies) > 0
	account == null
}

_unknown_location(_, _, copies) if {
	_distinct_accounts
	some c in copies
	c.account == null
}

# How a message names a region that may be unknown.
region_text(region) := region if region != null

else := "an unknown region"

# The message tail for a store without enough copies, by verdict.
location_shortfall(region, copies) := concat("", ["has no copy outside ", region_text(region)]) if {
	count(_copy_regions(region, copies)) < 2
} else := concat("", ["has copies in ", format_int(count(_copy_regions(region, copies)), 10), " regions, fewer than the ", format_int(_min_regions, 10), " required"])

incomplete_hint := "the input lists only changed resources, so a copy may exist among the unlisted ones: pass the stack export with --state or preview with --show-sames"

# Each customer-data store as the change leaves it, with its surviving copies and their
# verdict: computed once, read by the multi-location and teardown policies.
after_locations := [[r, v] |
	some r in customer_stores
	r.after != null
	not copy_holder(r)
	state := view_state(r, "after")
	copies := surviving(store_copies("after", r, state))
	region := region_of(r, state)
	v := {"region": region, "copies": copies, "verdict": location_verdict(region, account_of(r, state), copies)}
]

# True when the change touches any copy mechanism, or destroys a vault or bucket a copy lands in.
default copies_may_change := false

copies_may_change if {
	some r in input.resources
	r.type in copy_mechanism_types
	r.op != "same"
}

copies_may_change if {
	some target in _copy_targets
	destroyed_keys[target]
}

# Every vault and bucket ARN a listed copy mechanism sends copies to (mechanisms are few).
_copy_targets contains target if {
	some r in input.resources
	r.type == backup_plan_type
	some view in views
	some t in _plan_targets(view, view_state(r, view))
	target := t.target
}

_copy_targets contains target if {
	some r in input.resources
	r.type == s3_replication_type
	some view in views
	some rule in items(field(view_state(r, view).props, "rules"))
	some dest in items(field(rule, "destination"))
	target := field(dest, "bucket")
}

_copy_targets contains target if {
	some r in input.resources
	r.type in s3_bucket_types
	some view in views
	props := view_state(r, view).props
	some conf in array.concat(items(field(props, "replicationConfiguration")), items(field(props, "replicationConfigurations")))
	some rule in items(field(conf, "rules"))
	some dest in array.concat(items(field(rule, "destination")), items(field(rule, "destinations")))
	target := field(dest, "bucket")
}

# A resource that holds copies of other stores (a backup vault, a replication destination
# bucket): it is the second location, so the location rule does not ask for a copy of it.
copy_holder(r) if r.type in backup_vault_types

copy_holder(r) if {
	r.type in s3_bucket_types
	_copy_targets[store_arn(r, current(r))]
}

copy_holder(r) if {
	r.type in s3_bucket_types
	_copy_target_urns[r.urn]
}

# Buckets a replication's rules reference (while the destination ARN is not known yet).
_copy_target_urns contains urn if {
	some r in input.resources
	r.type == s3_replication_type
	some view in views
	some urn in refs(view_state(r, view), "rules")
}

_copy_target_urns contains urn if {
	some r in input.resources
	r.type in s3_bucket_types
	some view in views
	state := view_state(r, view)
	some key in ["replicationConfiguration", "replicationConfigurations"]
	some urn in refs(state, key)
}
