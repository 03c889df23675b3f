package blastguard.rules.orphaned_store_test

import data.blastguard.lib.testing as t
import data.blastguard.rules.orphaned_store

_store(name, retain, scope) := object.union(
	t.resource(name, "delete", t.state({"retain_on_delete": retain, "props": {"tags": {"blastguard:data-class": "customer"}}}), null),
	{"scope": scope},
)

_acme := {"tenant": "tenant-acme", "site": "site-9", "app": "app-123", "level": "app"}

test_a_retained_store_removed_from_the_stack_is_named_with_its_tenant if {
	fs := orphaned_store.findings with input as t.doc([_store("app-123-data-dr", true, _acme)])
	some f in fs
	f.policy == "orphaned-store"
	f.kind == "violation"
	f.message == "deletes app-123-data-dr from the stack but retainOnDelete leaves it in the cloud, unmanaged (tenant tenant-acme)"
}

test_an_unknown_scope_is_shown_as_unknown if {
	unknown := {"tenant": null, "site": null, "app": null, "level": null}
	some f in orphaned_store.findings with input as t.doc([_store("orphan", true, unknown)])
	f.message == "deletes orphan from the stack but retainOnDelete leaves it in the cloud, unmanaged (tenant unknown)"
}

test_a_store_deleted_for_real_is_not_orphaned if {
	count(orphaned_store.findings) == 0 with input as t.doc([_store("app-123-data", false, _acme)])
}
