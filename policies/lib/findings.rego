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

# A finding about the change as a whole that names the resources it counts.
change_finding(chain, kind, message, urns) := object.union(
	finding(chain, kind, "", message),
	{"resources": urns},
)

# The parameters of the calling policy, from the validated config.
params(chain) := input.config.policies[policy_id(chain)]
