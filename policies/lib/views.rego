# Reading a resource's state in a view of the change ("before": prior states, "after": goal
# states) and the list-or-object properties of Pulumi resources. The copy facts are built the same
# way in TypeScript (src/copies/locate.ts); these helpers serve the policies that still read
# properties themselves (S3 versioning).
package blastguard.lib

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
