# The decisions of the multi-location policy over copy facts. Which mechanisms give which paths is
# tested on the TypeScript adapters (test/copies/).
package blastguard.rules.data_multi_location_backup_test

import data.blastguard.lib.data_fixtures as d
import data.blastguard.lib.testing as t
import data.blastguard.rules.data_multi_location_backup as policy

_table := d.table("orders", "us-east-1", {"region": "us-east-1"})

_doc(paths) := t.with_paths(t.doc([_table]), _table.urn, [], paths)

test_a_copy_in_another_region_passes if {
	count(policy.findings) == 0 with input as _doc([t.path("p", "us-west-2", [])])
}

test_no_copy_fails if {
	some f in policy.findings with input as _doc([])
	f.kind == "violation"
	f.urn == _table.urn
	f.message == "orders holds customer data and has no copy outside us-east-1"
}

test_a_copy_in_the_same_region_fails if {
	d.kinds(policy.findings) == {"violation"} with input as _doc([t.path("p", "us-east-1", [])])
}

test_a_partial_copy_fails_and_says_so if {
	partial := object.union(t.path("p", "us-west-2", []), {"full": false})
	some f in policy.findings with input as _doc([partial])
	f.kind == "violation"
	contains(f.message, "only a partial copy")
}

test_an_unverifiable_copy_cannot_be_verified if {
	p := object.union(t.path("p", "us-west-2", []), {"status": "unverifiable", "why": "vault unknown"})
	d.kinds(policy.findings) == {"unverifiable"} with input as _doc([p])
}

test_a_copy_whose_destination_this_change_destroys_does_not_count if {
	vault := d.vault("dr", "arn:aws:backup:us-west-2:2:backup-vault:dr")
	doc := t.with_paths(t.doc([_table, d.deleted(vault)]), _table.urn, [], [t.path("p", "us-west-2", [vault.urn])])
	d.kinds(policy.findings) == {"violation"} with input as doc
}

test_an_incomplete_inventory_without_a_listed_copy_is_undecidable if {
	doc := object.union(_doc([]), {"inventory": {"complete": false, "max_prior_resources": 100}})
	some f in policy.findings with input as doc
	f.kind == "undecidable"
	contains(f.message, "--state")
}

test_a_store_declared_internal_is_not_checked if {
	table := d.table("scratch", "us-east-1", {"tags": {"blastguard:data-class": "internal"}})
	count(policy.findings) == 0 with input as t.doc([table])
}

test_a_copy_holder_needs_no_copy_of_its_own if {
	doc := t.with_facts(_doc([]), _table.urn, {"holder": true})
	count(policy.findings) == 0 with input as doc
}

test_an_untagged_store_without_copy_is_advisory if {
	d.kinds(policy.findings) == {"advisory"} with input as t.doc([t.kept("docs")])
}

test_a_resource_of_a_configured_store_type_is_a_store if {
	r := d.same("gcp:storage/bucket:Bucket", "media", t.state({"props": {"labels": {"blastguard:data-class": "customer"}}}))
	doc := t.with_facts(t.doc([r]), r.urn, {"data_store": true})
	d.kinds(policy.findings) == {"violation"} with input as doc
}
