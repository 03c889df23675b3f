# Known values and ARNs. Where a resource lives (region, account) is a copy fact, computed once in
# TypeScript (src/copies/locate.ts) and read from input.copies.
package blastguard.lib

known_string(value) if {
	is_string(value)
	not is_unknown(value)
	value != ""
}

# ARNs do not change on an in-place update.
_arn_keeping_ops := {"same", "update", "refresh", "read", "import"}

# How a message names a region that may be unknown.
region_text(region) := region if region != null

else := "an unknown region"
