# Builds every finding from the calling policy's package METADATA, so a policy's id lives in
# exactly one place. Kinds:
#   violation     the change breaks the policy
#   advisory      worth a look, never blocks unless --fail-on warning
#   unverifiable  a value the decision needs is unknown; blocks unless config lowers it
#   undecidable   an input the decision needs is missing; the check cannot decide (exit 2)
package blastguard.lib

finding_kinds := {"violation", "advisory", "unverifiable", "undecidable"}

policy_id(chain) := id if {
	some entry in chain
	entry.annotations.scope == "package"
	id := entry.annotations.custom.id
}

finding(chain, kind, urn, message) := {
	"policy": policy_id(chain),
	"kind": kind,
	"urn": urn,
	"message": message,
	"resources": [],
} if {
	kind in finding_kinds
}

# A finding about the change as a whole that names the resources it counts. A large change is
# judged in shards (src/engine/shards.ts): each judges its slice of the resources, and only the
# first also judges the change as a whole (from the host's facts, input.change), so these
# findings are emitted once.
change_finding(chain, kind, message, urns) := object.union(
	finding(chain, kind, "", message),
	{"resources": urns},
) if judges_change

judges_change if object.get(input, ["shard", "first"], true) == true

# The parameters of the calling policy, from the validated config.
params(chain) := input.config.policies[policy_id(chain)]
