package blastguard.main.blast_radius_test

import data.blastguard.lib.testing as t
import data.blastguard.main

tagged(name, op, class) := t.resource(
	name, op,
	t.state({"props": {"tags": {"blastguard:data-class": class}}}),
	t.state({"props": {"tags": {"blastguard:data-class": class}}}),
)

test_blast_radius_names_the_destroyed_objects_and_customer_data_stores if {
	retained := t.resource("dr-copy", "delete", t.state({"retain_on_delete": true, "props": {"tags": {"blastguard:data-class": "customer"}}}), null)
	rs := [tagged("gone", "delete", "customer"), tagged("new", "replace", "customer"), tagged("kept", "same", "customer"), tagged("logs", "delete", "internal"), retained]
	r := main.report with input as t.doc(rs)
	r.blast_radius.destroyed == [rs[0].urn, rs[1].urn, rs[3].urn]
	r.blast_radius.customer_data == [rs[0].urn, rs[1].urn]
}
