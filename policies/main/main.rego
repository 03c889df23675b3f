# The one entrypoint: every finding of every policy under data.blastguard.rules, plus the
# number of resources and steps the policies saw, which the host compares with what its reader
# produced (a pass must prove the policies saw everything). Adding a policy file needs no
# registry here.
package blastguard.main

report := {
	"findings": [f | some name; some f in data.blastguard.rules[name].findings],
	"resources": count(input.resources),
	"steps": count(input.steps),
}
