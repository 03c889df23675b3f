# Builders for Rego unit tests: small normalised documents, so each test states only what
# matters to it.
package blastguard.lib.testing

import data.blastguard.lib
import data.blastguard.lib.reads

default_config := {
	"unverifiable": "violation", "dataClass": {"tagKey": "blastguard:data-class"}, "policies": {
		"bulk-delete": {"maxDeletes": 10, "maxPercent": 30, "minResources": 10},
		"protected-delete": {},
		"unprotect-and-delete": {},
		"data-protect": {},
		"data-cloud-deletion-protection": {},
		"data-restore-readiness": {},
		"data-multi-location-backup": {"minRegions": 2, "requireDistinctAccounts": false},
		"backup-teardown": {},
		"scope-escalation": {},
		"undeclared-delete": {},
		"id-kind-mismatch": {},
		"cross-tenant-delete": {},
		"tenant-delete-budget": {"maxPercent": 50, "refuseRootUnitDelete": true},
		"shared-delete": {},
		"prior-state-conflict": {},
		"orphaned-store": {},
	},
	"scopes": {"levels": [
		{"name": "tenant", "tagKey": "blastguard:tenant", "idPattern": "^tenant-[a-z0-9]+$", "componentTypes": ["blastguard:tenancy:Tenant"]},
		{"name": "site", "tagKey": "blastguard:site", "idPattern": "^site-[0-9]+$", "componentTypes": ["blastguard:tenancy:Site"]},
		{"name": "app", "tagKey": "blastguard:app", "idPattern": "^app-[0-9]+$", "componentTypes": ["blastguard:tenancy:App"]},
	]},
}

state(overrides) := object.union(
	{"id": "id-1", "protect": false, "retain_on_delete": false, "external": false, "deleted_with": null, "props": {}},
	overrides,
)

resource(name, op, before, after) := {
	"urn": sprintf("urn:pulumi:dev::proj::aws:s3/bucket:Bucket::%s", [name]),
	"type": "aws:s3/bucket:Bucket",
	"name": name,
	"kind": "cloud",
	"parent": null,
	"provider": null,
	"op": op,
	"before": before,
	"after": after,
	"source_position": null,
}

deleted(name) := resource(name, "delete", state({}), null)

kept(name) := resource(name, "same", state({}), state({}))

doc(resources) := doc_for(resources, default_config)

# A document under a config, its resources projected as the host projects them (lib/reads.rego):
# a policy that reads a field the host does not send fails its tests.
doc_for(resources, config) := {
	"schema_version": 1,
	"source": {"format": "preview", "failed": false},
	"stack_config": {},
	"inventory": {"complete": true, "max_prior_resources": count(resources)},
	"config": config,
	"steps": [{"urn": r.urn, "op": r.op} | some r in resources],
	"resources": [project(r, config.dataClass.tagKey) | some r in resources],
	"copies": {"stores": {r.urn: default_facts(r) | some r in resources; r.kind == "cloud"}, "context": {}},
	"intent": null,
	"change": change_facts(resources, config.scopes.levels[0].name),
}

# The change-wide facts as src/engine/change-facts.ts counts them, from the policies' own
# per-resource helpers.
change_facts(resources, root) := {
	"destroyed": [r.urn | some r in resources; lib.destroys(r)],
	"listed_prior": count([r | some r in resources; lib.existed(r)]),
	"removed": [{k: v | some k in ["urn", "name", "scope", "unit_keys"]; v := r[k]} | some r in resources; lib.removed_cloud(r)],
	"removed_by_root": {t: urns |
		some r in resources
		lib.removed_cloud(r)
		t := r.scope[root]
		t != null
		urns := [u.urn | some u in resources; lib.removed_cloud(u); u.scope[root] == t]
	},
	"removed_unknown_scope": [r.urn | some r in resources; lib.removed_cloud(r); r.scope.level == lib.unknown_scope],
	"scoped_staying": count([r |
		some r in resources
		lib.is_cloud(r)
		not r.scope.level in {lib.shared, lib.unknown_scope}
		not lib.removes(r)
	]),
	"scoped": _scoped(resources),
	"versioning": versioning_index(resources),
	"path_names": {},
}

# The S3 versioning index as src/engine/versioning-index.ts builds it.
versioning_index(resources) := {
	"by_bucket": {name: statuses |
		some r in _versionings(resources)
		name := lib.field(r.state.props, "bucket")
		lib.known_string(name)
		statuses := {_status(v.state) | some v in _versionings(resources); lib.field(v.state.props, "bucket") == name}
	},
	"by_bucket_urn": {urn: statuses |
		some r in _versionings(resources)
		not lib.known_string(lib.field(r.state.props, "bucket"))
		some urn in lib.refs(r.state, "bucket")
		statuses := {_status(v.state) |
			some v in _versionings(resources)
			not lib.known_string(lib.field(v.state.props, "bucket"))
			urn in lib.refs(v.state, "bucket")
		}
	},
	"open": _open(resources),
	"any": _any(resources),
}

_versionings(resources) := [{"urn": r.urn, "state": s} |
	some r in resources
	r.type in lib.s3_versioning_types
	s := lib.view_state(r, "after")
]

_status(state) := lib.field(lib.field(state.props, "versioningConfiguration"), "status")

_open(resources) if {
	some v in _versionings(resources)
	not lib.known_string(lib.field(v.state.props, "bucket"))
	count(lib.refs(v.state, "bucket")) == 0
} else := false

_any(resources) if {
	some r in resources
	r.type in lib.s3_versioning_types
} else := false

_scoped(resources) if {
	some r in resources
	not r.scope.level in {lib.shared, lib.unknown_scope}
} else := false

# A resource as the host hands it to the policies (src/engine/project.ts does the same).
project(r, tag_key) := {k: v | some k in reads.resource_fields; v := _resource_field(r, k, tag_key)}

_resource_field(r, k, tag_key) := project_state(r[k], tag_key) if k in {"before", "after"}

else := r[k]

project_state(null, _) := null

project_state(s, tag_key) := {k: v | some k in reads.state_fields; v := _state_field(s, k, tag_key)} if is_object(s)

_state_field(s, "props", tag_key) := {k: v | some k, raw in s.props; v := _property(k, raw, tag_key)}

_state_field(s, "refs", _) := refs if {
	refs := {k: v | some k in reads.ref_properties; v := s.refs[k]}
	count(refs) > 0
}

_state_field(s, k, _) := s[k] if not k in {"props", "refs"}

_property(k, raw, _) := raw if k in reads.properties

_property(k, raw, tag_key) := tag_bag(raw, tag_key) if k in reads.tag_properties

# A tag bag down to the data-class tag: a map keeps that key, a list of {key, value} its entries.
tag_bag(bag, tag_key) := {k: v | some k, v in bag; k == tag_key} if {
	is_object(bag)
	bag != {"$unknown": true}
} else := [e | some e in bag; e.key == tag_key] if {
	is_array(bag)
} else := bag

# The data-store types the tests use (the real list and its config patterns live in
# src/copies/stores.ts, which hands Rego `data_store` per resource).
store_types := {
	"aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2", "aws:dynamodb/table:Table",
	"aws:rds/instance:Instance", "aws:rds/cluster:Cluster", "aws:efs/fileSystem:FileSystem",
}

# Copy facts as src/copies/ would give a resource with no copy: its ARN and region from its
# props, no paths.
default_facts(r) := {"data_store": r.type in store_types, "holder": false, "before": _view(r.before), "after": _view(r.after), "paths": []}

_view(s) := null if s == null

else := {"arn": object.get(s.props, "arn", null), "region": object.get(s.props, "region", null), "account": null}

# A document whose store has these copy paths before and after the change (a path in both lists
# is one path that exists in both views).
# The host names the resources the paths go via or need (input.change.path_names).
with_paths(doc, urn, before, after) := json.patch(doc, array.concat(
	[{"op": "add", "path": sprintf("/copies/stores/%s/paths", [_escape(urn)]), "value": _merged(before, after)}],
	[{"op": "add", "path": sprintf("/change/path_names/%s", [_escape(u)]), "value": r.name} |
		some r in doc.resources
		some u in {u | some p in array.concat(before, after); some u in array.concat(p.needs, array.slice(p.via, 0, 1))}
		r.urn == u
	],
))

_merged(before, after) := [object.union(p, {"before": p in before, "after": p in after}) | some p in ({p | some p in before} | {p | some p in after})]

# A document whose store's facts are changed (e.g. {"holder": true}).
with_facts(doc, urn, facts) := json.patch(doc, [{"op": "add", "path": sprintf("/copies/stores/%s/%s", [_escape(urn), k]), "value": v} | some k, v in facts])

_escape(urn) := replace(replace(urn, "~", "~0"), "/", "~1")

# A copy path as src/copies/facts.ts describes it.
path(id, region, needs) := {
	"mechanism": "backup", "via": [id], "destination": {"region": region, "account": null},
	"full": true, "status": "known", "why": null, "needs": needs,
}

ids(findings) := {f.policy | some f in findings}
