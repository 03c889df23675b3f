# Where a resource lives. Its region comes from its ARN, then its own `region` property
# (@pulumi/aws 7 gives every resource one), then its provider's `region`, then the stack's
# `aws:region` config. Its account comes from its ARN. null means unknown: callers report that
# as unverifiable, never as a pass.
package blastguard.lib

known_string(value) if {
	is_string(value)
	not is_unknown(value)
	value != ""
}

_arn_part(arn, i) := part if {
	known_string(arn)
	startswith(arn, "arn:")
	parts := split(arn, ":")
	count(parts) >= 6
	part := parts[i]
	part != ""
}

arn_region(arn) := _arn_part(arn, 3)

arn_account(arn) := _arn_part(arn, 4)

# A state's ARN: its arn property, or an id that is an ARN.
state_arn(state) := state.props.arn if known_string(state.props.arn)

else := state.id if {
	known_string(state.id)
	startswith(state.id, "arn:")
}

# ARNs do not change on an in-place update, so an update whose new ARN is not known yet keeps
# the old one.
_arn_keeping_ops := {"same", "update", "refresh", "read", "import"}

resource_arn(resource, state) := arn if {
	arn := state_arn(state)
}

else := state_arn(resource.before) if {
	resource.op in _arn_keeping_ops
	resource.before != null
}

else := null

_or_null(value) := value if known_string(value)

else := null

region_of(resource, state) := region if {
	region := arn_region(resource_arn(resource, state))
} else := region if {
	region := state.props.region
	known_string(region)
} else := null if {
	object.get(state.props, "region", null) != null
} else := _provider_region(resource)

account_of(resource, state) := account if {
	account := arn_account(resource_arn(resource, state))
} else := null

_providers[urn] contains p if {
	some p in input.resources
	p.kind == "provider"
	urn := p.urn
}

stack_region := input.stack_config["aws:region"] if known_string(input.stack_config["aws:region"])

_provider_region(resource) := region if {
	some p in _providers[resource.provider]
	region := current(p).props.region
	known_string(region)
} else := null if {
	some p in _providers[resource.provider]
	object.get(current(p).props, "region", null) != null
} else := region if {
	_uses_stack_region(resource)
	region := stack_region
} else := null

# A default provider, or a listed provider without a region, reads the stack's aws:region.
_uses_stack_region(resource) if resource.provider == null

_uses_stack_region(resource) if _providers[resource.provider]

_uses_stack_region(resource) if {
	parts := split(resource.provider, "::")
	startswith(parts[count(parts) - 1], "default")
}
