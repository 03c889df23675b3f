# The decisions of the teardown policy over copy facts: a store that stays had enough copies
# before the change and has fewer after it.
package blastguard.rules.backup_teardown_test

import data.blastguard.lib.data_fixtures as d
import data.blastguard.lib.testing as t
import data.blastguard.rules.backup_teardown as policy

_table := d.table("orders", "us-east-1", {"region": "us-east-1"})

_vault := d.vault("dr", d.vault_arn("us-west-2", d.dr_account, "dr"))

_sel := d.selection("sel", "p-1", {})

_path := object.union(t.path("backup", "us-west-2", [_vault.urn]), {"via": [_sel.urn]})

_doc(resources, after) := t.with_paths(t.doc(resources), _table.urn, [_path], after)

test_deleting_only_the_dr_vault_fails if {
	findings := policy.findings with input as _doc([_table, _sel, d.deleted(_vault)], [_path])
	some f in findings
	f.kind == "violation"
	f.urn == _table.urn
	f.message == "orders loses its only copy in another location: dr (deleted)"
	count(findings) == 1
}

test_deleting_the_selection_fails if {
	some f in policy.findings with input as _doc([_table, d.deleted(_sel), _vault], [])
	f.message == "orders loses its only copy in another location: sel"
}

test_an_unchanged_copy_passes if {
	count(policy.findings) == 0 with input as _doc([_table, _sel, _vault], [_path])
}

test_removing_one_of_two_remote_copies_passes if {
	other := t.path("replica", "eu-west-1", [_table.urn])
	doc := t.with_paths(t.doc([_table, _sel, d.deleted(_vault)]), _table.urn, [_path, other], [_path, other])
	count(policy.findings) == 0 with input as doc
}

test_a_store_that_had_no_remote_copy_is_left_to_the_multi_location_policy if {
	count(policy.findings) == 0 with input as t.doc([_table, d.deleted(_vault)])
}

test_a_replacement_copy_that_cannot_be_verified_is_unverifiable if {
	p := object.union(_path, {"via": ["new"], "status": "unverifiable", "why": "x", "needs": []})
	d.kinds(policy.findings) == {"unverifiable"} with input as _doc([_table, _sel, d.deleted(_vault)], [p])
}

test_a_context_selection_deleted_by_its_own_change_is_a_teardown if {
	ctx := {"urn:ctx:sel": {"urn": "urn:ctx:sel", "name": "fleet-sel", "type": "aws:backup/selection:Selection", "op": "delete", "destroyed": true}}
	p := object.union(_path, {"via": ["urn:ctx:sel"], "needs": []})
	doc := object.union(t.with_paths(t.doc([_table]), _table.urn, [p], []), {"copies": {"context": ctx}})
	some f in policy.findings with input as doc
	f.message == "orders loses its only copy in another location: fleet-sel"
}

test_deleting_a_vault_in_an_incomplete_inventory_is_undecidable if {
	doc := object.union(t.doc([d.deleted(_vault)]), {"inventory": {"complete": false, "max_prior_resources": 100}})
	some f in policy.findings with input as doc
	f.kind == "undecidable"
	f.urn == _vault.urn
	contains(f.message, "--state")
}
