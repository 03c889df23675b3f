package blastguard.rules.scope_identity_test

import data.blastguard.lib.testing_scope as s
import data.blastguard.rules.scope_identity
import data.blastguard.rules.undeclared_delete

# The same app ID in two tenants: two units.
rs := [
	s.deleted("acme-data", s.scope("tenant-acme", "site-1", "app-7")),
	s.deleted("initech-data", s.scope("tenant-initech", "site-2", "app-7")),
]

test_an_id_in_two_parents_without_its_outer_units_is_refused if {
	d := s.doc(rs, {}, s.intent([s.target("app", "app-7")]))
	scope_identity.findings == {{
		"policy": "scope-identity",
		"kind": "violation",
		"urn": "",
		"message": "the intent's app ID app-7 matches 2 apps (in tenant-acme/site-1, tenant-initech/site-2); name its outer units in the intent to say which",
		"resources": ["urn:pulumi:dev::proj::aws:s3/bucket:Bucket::acme-data", "urn:pulumi:dev::proj::aws:s3/bucket:Bucket::initech-data"],
	}} with input as d

	# and it declares neither app
	some f in undeclared_delete.findings with input as d
	count(f.resources) == 2
}

test_naming_the_tenant_declares_only_that_tenants_app if {
	d := s.doc(rs, {}, s.intent([object.union(s.target("app", "app-7"), {"tenant": "tenant-acme"})]))
	scope_identity.findings == set() with input as d
	some f in undeclared_delete.findings with input as d
	f.resources == ["urn:pulumi:dev::proj::aws:s3/bucket:Bucket::initech-data"]
}

test_a_wrong_outer_unit_is_named_with_where_the_id_is if {
	target := object.union(s.target("app", "app-7"), {"tenant": "tenant-acme", "site": "site-2"})
	d := s.doc(rs, {}, s.intent([target]))
	scope_identity.findings == {{
		"policy": "scope-identity",
		"kind": "violation",
		"urn": "",
		"message": "site site-2 of tenant tenant-acme has no app app-7; app-7 is in site site-1 of tenant tenant-acme, site site-2 of tenant tenant-initech: the intent names the wrong site or tenant",
		"resources": ["urn:pulumi:dev::proj::aws:s3/bucket:Bucket::acme-data", "urn:pulumi:dev::proj::aws:s3/bucket:Bucket::initech-data"],
	}} with input as d
}

test_a_tag_conflict_is_reported if {
	r := s.deleted("data", s.scope("tenant-a", "site-1", null))
	d := object.union(s.doc([r], {}, null), {"scope_problems": [{"urn": r.urn, "name": r.name, "level": "site", "kind": "conflict", "id": "site-1", "other": "site-9", "source": "tag"}]})
	scope_identity.findings == {{
		"policy": "scope-identity", "kind": "violation", "urn": r.urn,
		"message": "data is tagged site site-1 but sits inside site site-9", "resources": [],
	}} with input as d
}

test_an_id_of_the_wrong_format_is_reported if {
	r := s.deleted("data", s.scope("tenant-a", "s-1", null))
	d := object.union(s.doc([r], {}, null), {"scope_problems": [{"urn": r.urn, "name": r.name, "level": "site", "kind": "format", "id": "s-1", "other": null, "source": "tag"}]})
	scope_identity.findings == {{
		"policy": "scope-identity", "kind": "violation", "urn": r.urn,
		"message": "data names site s-1 by its tag, which does not match the site ID format ^site-[0-9]+$", "resources": [],
	}} with input as d
}

test_silent_on_a_consistent_stack if {
	scope_identity.findings == set() with input as s.doc(rs, {}, s.intent([object.union(s.target("app", "app-7"), {"tenant": "tenant-initech"})]))
}
