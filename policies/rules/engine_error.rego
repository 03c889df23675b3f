# METADATA
# title: The Pulumi engine reported an error
# description: >-
#   The engine's own output says the run failed (an error diagnostic, a failed step, a failed or
#   possibly corrupt summary) for a reason other than refusing to delete protected resources. Its
#   steps may then not list everything the change would do, so no policy can vouch for it. A
#   failed preview that only refuses protected deletions still lists every step and is judged
#   by the other policies.
# scope: package
# custom:
#   id: engine-error
#   severity: critical
#   enforcement: mandatory
#   remediation: >-
#     Read the engine's error in the preview's output, fix the program, provider or
#     configuration error it names, and preview again.
package blastguard.rules.engine_error

import data.blastguard.lib

_diagnostics := object.get(input, "diagnostics", [])

_errors := [d | some d in _diagnostics; d.kind == "error"]

_named := sort({_resource_name(d.urn) | some d in _errors; d.urn != null})

_unnamed := count([d | some d in _errors; d.urn == null])

_refused if {
	some d in _diagnostics
	d.kind == "protected-delete-refused"
}

_resource_name(urn) := name if {
	parts := split(urn, "::")
	count(parts) >= 4
	name := concat("::", array.slice(parts, 3, count(parts)))
}

_resource_name(urn) := urn if count(split(urn, "::")) < 4

_where := concat("; ", [x | some x in [_on_resources, _on_stack]; x != ""])

_on_resources := sprintf("on %s", [lib.list_summary(_named, 5)]) if count(_named) > 0

_on_resources := "" if count(_named) == 0

_on_stack := sprintf("%d not about a resource", [_unnamed]) if _unnamed > 0

_on_stack := "" if _unnamed == 0

findings contains f if {
	count(_errors) > 0
	msg := sprintf(
		"the engine failed with %d error%s (%s); its output may not list everything the change does",
		[count(_errors), _plural(count(_errors)), _where],
	)
	urns := sort({d.urn | some d in _errors; d.urn != null})
	f := lib.change_finding(rego.metadata.chain(), "undecidable", msg, urns)
}

findings contains f if {
	input.source.failed
	count(_errors) == 0
	not _refused
	msg := "the engine says the run failed without naming why; its output may not list everything the change does"
	f := lib.change_finding(rego.metadata.chain(), "undecidable", msg, [])
}

_plural(1) := ""

_plural(n) := "s" if n != 1
