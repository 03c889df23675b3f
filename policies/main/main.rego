# The one entrypoint: every finding of every policy under data.blastguard.rules, plus the
# number of resources and steps the policies saw, which the host compares with what its reader
# produced (a pass must prove the policies saw everything). Adding a policy file needs no
# registry here. A document without the host's change-wide facts (input.change) has no report:
# the change-wide policies would count nothing in it.
package blastguard.main

import data.blastguard.lib

report := {
	"findings": [f | some name; some f in data.blastguard.rules[name].findings],
	"resources": count(input.resources),
	"steps": count(input.steps),
	"blast_radius": blast_radius,
	"customer_stores": customer_stores,
	"judged_change": _judged_change,
} if {
	is_object(input.change)
}

# What the host needs to count the blast radius per tenant (it knows every resource's scope), by
# the policies' own classification: the cloud objects the change destroys (retainOnDelete keeps
# them), and which of those hold customer data.
blast_radius := {
	"destroyed": _destroyed_listed,
	"customer_data": [r.urn | some r in _destroyed; lib.is_customer_data(r)],
	"orphaned": [r.urn | some r in lib.customer_stores; r.op == "delete"; r.before != null; lib.is_true(r.before.retain_on_delete)],
}

_destroyed := [r | some r in input.resources; lib.destroys(r)]

# Whether this evaluation judged the change as a whole (a sharded one must have exactly one that did).
default _judged_change := false

_judged_change if lib.judges_change

# The change-wide list, once: from the first shard of a sharded evaluation.
_destroyed_listed := input.change.destroyed if lib.judges_change

else := []

# The customer-data stores the posture policies judge (the stack as the change leaves it), by
# the policies' own classification: what a fleet audit counts as "stores checked".
customer_stores := [r.urn | some r in lib.customer_stores; r.after != null]
