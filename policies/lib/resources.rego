# Helpers every policy uses to read the normalised change document.
# Values the document could not know arrive as {"$unknown": true}; secret values as "[secret]".
# A helper that answers "is it true?" must never be negated to mean "is it false?": use the
# explicit is_false / is_unknown helpers so an unknown value is never read as a pass.
package blastguard.lib

unknown_marker := {"$unknown": true}

is_unknown(value) if value == unknown_marker

is_unknown("[secret]")

is_true(value) if value == true

is_false(value) if value == false

# Neither a known true nor a known false.
not_known_bool(value) if not is_boolean(value)

# Resource ops that take a resource out of the stack (the old copy of a replacement included).
removing_ops := {"delete", "replace"}

removes(resource) if resource.op in removing_ops

is_cloud(resource) if resource.kind == "cloud"

# The cloud object itself goes away: removed from the stack and not kept by retainOnDelete.
# An unknown retainOnDelete counts as a deletion (fail safe), and so does a missing prior state
# (a plan without --state): the helper keeps `not` from reading an absent field as "retained".
destroys(resource) if {
	is_cloud(resource)
	removes(resource)
	not _retained(resource)
}

_retained(resource) if is_true(resource.before.retain_on_delete)

# A cloud resource that existed before the change.
existed(resource) if {
	is_cloud(resource)
	resource.before != null
}

# How a message names what the change does to a resource.
verb(resource) := "deletes" if resource.op == "delete"

verb(resource) := "replaces" if resource.op == "replace"

# The state that describes a resource now: the goal when it has one, else the prior state.
current(resource) := resource.after if resource.after != null

current(resource) := resource.before if resource.after == null

_tag_map(value) := value if is_object(value)

_tag_map(value) := {} if not is_object(value)

# A resource's tags (tagsAll as the provider reports them, overlaid by the declared tags).
tags(resource) := object.union(
	_tag_map(object.get(current(resource).props, "tagsAll", {})),
	_tag_map(object.get(current(resource).props, "tags", {})),
)
