# Builders for Rego unit tests: small normalised documents, so each test states only what
# matters to it.
package blastguard.lib.testing

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

doc(resources) := {
	"schema_version": 1,
	"source": {"format": "preview", "failed": false},
	"stack_config": {},
	"inventory": {"complete": true, "max_prior_resources": count(resources)},
	"config": default_config,
	"steps": [{"urn": r.urn, "op": r.op} | some r in resources],
	"resources": resources,
	"intent": null,
}

ids(findings) := {f.policy | some f in findings}
