# What the policies read of each resource: the one list of it. The host hands Wasm every resource
# projected down to these fields (src/engine/project.ts, from policies/dist/reads.json, which the
# build writes from this package), and the Rego tests' documents are projected the same way
# (lib/testing.rego), so a policy that reads anything else fails its own tests. Everything else
# the readers keep (ARNs, regions, replication rules) feeds the copy and scope facts computed in
# TypeScript, and the reports.
package blastguard.lib.reads

# Fields of a resource.
resource_fields := ["urn", "type", "name", "kind", "op", "before", "after", "scope", "unit_keys", "conflicts"]

# Fields of its prior and goal states.
state_fields := ["id", "protect", "retain_on_delete", "props", "refs"]

# Properties read as they are.
properties := [
	"deletionProtection", "deletionProtectionEnabled", "forceDestroy", "skipFinalSnapshot",
	"bucket", "versioning", "versionings", "versioningConfiguration",
]

# Tag bags: of these only the data-class tag (config dataClass.tagKey) is read and kept.
tag_properties := ["tags", "tagsAll", "labels"]

# Property dependencies (Pulumi's propertyDependencies) read.
ref_properties := ["bucket"]

# The whole list, as the build writes it for the host.
fields := {
	"resource": resource_fields,
	"state": state_fields,
	"properties": properties,
	"tag_properties": tag_properties,
	"ref_properties": ref_properties,
}
