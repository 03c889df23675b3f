# METADATA
# title: Customer data without copies in two regions
# description: >-
#   Every customer-data store, as the change leaves it, must have full copies so that the data
#   lives in at least two regions (and two accounts when configured). Recognised copies: AWS
#   Backup plan rules with copy actions (the destination vault ARN gives region and account)
#   reached through a selection that covers the store by ARN or pattern, selection tag or tag
#   condition; S3 replication to a bucket in another region (a rule with a filter is a partial
#   copy and does not count); DynamoDB replicas; RDS automated backup replication and read
#   replicas; EFS replication. A store's region comes from its ARN, its own region, its
#   provider's region, or the stack's aws:region.
# scope: package
# custom:
#   id: data-multi-location-backup
#   severity: high
#   enforcement: mandatory
#   remediation: >-
#     Add a copy in another region: an AWS Backup plan rule with a copy action to a vault in
#     another region plus a selection that covers the store, S3 replication to a bucket in
#     another region, DynamoDB replicas, or RDS automated backup replication.
package blastguard.rules.data_multi_location_backup

import data.blastguard.lib
import data.blastguard.lib.copies

# Built once per evaluation, not once per finding.
_chain := rego.metadata.chain()

findings contains f if {
	some [r, v] in copies.after_locations
	v.verdict != "ok"
	f := _finding(r, v.verdict, v.region, v.paths)
}

_finding(r, "unknown", region, paths) := lib.posture_finding(
	_chain, "unverifiable", r,
	concat("", [r.name, " (in ", lib.region_text(region), "): whether its copies are in another location is unknown", copies.unknown_reason(paths)]),
)

_finding(r, "missing", region, paths) := lib.posture_finding(
	_chain, "violation", r,
	concat("", [r.name, " holds customer data and ", copies.shortfall(region, paths)]),
) if input.inventory.complete

_finding(r, "missing", region, paths) := lib.posture_finding(
	_chain, "undecidable", r,
	concat("", [r.name, " ", copies.shortfall(region, paths), " among the listed resources; ", copies.incomplete_hint]),
) if not input.inventory.complete
