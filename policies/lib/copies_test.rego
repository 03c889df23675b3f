package blastguard.lib.copies_test

import data.blastguard.lib.copies
import data.blastguard.lib.data_fixtures as d
import data.blastguard.lib.testing as t

_west := t.path("p1", "us-west-2", [])

test_no_path_is_missing if {
	copies.verdict("us-east-1", null, []) == "missing"
}

test_a_full_known_path_in_another_region_is_ok if {
	copies.verdict("us-east-1", null, [_west]) == "ok" with input as t.doc([])
}

test_a_path_in_the_same_region_is_missing if {
	copies.verdict("us-east-1", null, [t.path("p1", "us-east-1", [])]) == "missing" with input as t.doc([])
}

test_a_partial_copy_does_not_count if {
	partial := object.union(_west, {"full": false})
	copies.verdict("us-east-1", null, [partial]) == "missing" with input as t.doc([])
	contains(copies.shortfall("us-east-1", [partial]), "only a partial copy") with input as t.doc([])
}

test_an_unverifiable_path_is_unknown if {
	p := object.union(_west, {"status": "unverifiable", "why": "x", "destination": {"region": null}})
	copies.verdict("us-east-1", null, [p]) == "unknown" with input as t.doc([])
}

test_an_unknown_store_region_with_a_copy_is_unknown if {
	copies.verdict(null, null, [_west]) == "unknown" with input as t.doc([])
}

test_distinct_accounts_when_required if {
	doc := d.with_params(t.doc([]), "data-multi-location-backup", {"minRegions": 2, "requireDistinctAccounts": true})
	same := object.union(_west, {"destination": {"account": "111111111111"}})
	other := object.union(_west, {"destination": {"account": "222222222222"}})
	copies.verdict("us-east-1", "111111111111", [same]) == "missing" with input as doc
	copies.verdict("us-east-1", "111111111111", [other]) == "ok" with input as doc
	copies.verdict("us-east-1", "111111111111", [_west]) == "unknown" with input as doc
}

test_three_regions_when_required if {
	doc := d.with_params(t.doc([]), "data-multi-location-backup", {"minRegions": 3})
	copies.verdict("us-east-1", null, [_west]) == "missing" with input as doc
	copies.verdict("us-east-1", null, [_west, t.path("p2", "eu-west-1", [])]) == "ok" with input as doc
}

test_a_path_survives_unless_what_it_needs_is_destroyed if {
	vault := d.vault("dr", "arn:aws:backup:us-west-2:2:backup-vault:dr")
	p := t.path("p1", "us-west-2", [vault.urn])
	copies.survives(p) with input as t.doc([vault])
	not copies.survives(p) with input as t.doc([d.deleted(vault)])
	retained := object.union(vault, {"op": "delete", "after": null, "before": {"retain_on_delete": true}})
	copies.survives(p) with input as t.doc([retained])
}

test_a_context_resource_destroyed_by_its_own_change_takes_its_paths if {
	p := t.path("p1", "us-west-2", ["urn:other"])
	doc := object.union(t.doc([]), {"copies": {"context": {"urn:other": {"urn": "urn:other", "name": "dr", "type": "aws:backup/vault:Vault", "op": "delete", "destroyed": true}}}})
	not copies.survives(p) with input as doc
	copies.lost_name(p) == "dr (deleted)" with input as doc
}

test_an_unknown_verdict_says_why if {
	p := object.union(_west, {"status": "unverifiable", "why": "the destination vault of backup plan daily is unknown at preview"})
	copies.unknown_reason([_west, p]) == ": the destination vault of backup plan daily is unknown at preview"
	copies.unknown_reason([_west]) == ""
}
