# METADATA
# title: Deletion across tenants not all declared
# description: >-
#   The change deletes or replaces cloud resources in more than one tenant (the outermost scope
#   level), and the intent does not declare every one of them (or no intent is given).
# scope: package
# custom:
#   id: cross-tenant-delete
#   severity: critical
#   enforcement: mandatory
#   remediation: >-
#     Change one tenant at a time, or declare every tenant the change deletes in, with its units,
#     in the intent file.
package blastguard.rules.cross_tenant_delete

import data.blastguard.lib

# The tenants with removed cloud resources, and their URNs (listed by the host, src/engine/change-facts.ts).
_removed := input.change.removed_by_root

_tenants := {t | some t, _ in _removed}

_declared := {t | some action in input.intent.actions; t := action.resolution.root; t != null}

_undeclared := sort([t | some t in _tenants; not _declared[t]])

findings contains f if {
	count(_tenants) > 1
	count(_undeclared) > 0
	msg := sprintf(
		"plan deletes in %d %ss (%s); %s; not declared: %s",
		[count(_tenants), lib.root_level, lib.list_summary(sort(_tenants), 5), lib.intent_summary, lib.list_summary(_undeclared, 5)],
	)
	urns := [urn | some t in _undeclared; some urn in _removed[t]]
	f := lib.change_finding(rego.metadata.chain(), "violation", msg, urns)
}
