# Builders for the customer-data policy tests: typed resources, stores, backup plans,
# selections and vaults, each stating only what a test needs.
package blastguard.lib.data_fixtures

import data.blastguard.lib.testing as t

account := "111111111111"

dr_account := "222222222222"

# Data stores are declared customer data by tag, as the infra/ program does (their own tags
# win); untagged stores are customer data only by default and are tested with t.resource.
res(type, name, op, before, after) := object.union(t.resource(name, op, _tagged(type, before), _tagged(type, after)), {
	"type": type,
	"urn": sprintf("urn:pulumi:dev::proj::%s::%s", [type, name]),
})

same(type, name, state) := res(type, name, "same", state, state)

with_props(props) := t.state({"props": props})

protected(props) := t.state({"protect": true, "retain_on_delete": true, "props": props})

table_type := "aws:dynamodb/table:Table"

bucket_type := "aws:s3/bucket:Bucket"

rds_type := "aws:rds/instance:Instance"

table_arn(region, name) := sprintf("arn:aws:dynamodb:%s:%s:table/%s", [region, account, name])

vault_arn(region, acct, name) := sprintf("arn:aws:backup:%s:%s:backup-vault:%s", [region, acct, name])

customer_tags := {"tags": {"blastguard:data-class": "customer"}}

_tagged(type, state) := object.union({"props": customer_tags}, state) if {
	is_object(state)
	type in t.store_types
} else := state

table_props(name, region) := {"arn": table_arn(region, name), "deletionProtectionEnabled": true}

# A protected table in a region, with extra props.
table(name, region, props) := same(table_type, name, protected(object.union(table_props(name, region), props)))

bucket(name, region, props) := same(bucket_type, name, protected(object.union(
	{"arn": sprintf("arn:aws:s3:::%s", [name]), "bucket": name, "region": region, "versioning": {"enabled": true}},
	props,
)))

plan_props(dests) := {"rules": [{"ruleName": "daily", "targetVaultName": "main", "copyActions": [{"destinationVaultArn": d} | some d in dests]}]}

plan(name, id, dests) := same("aws:backup/plan:Plan", name, t.state({"id": id, "props": plan_props(dests)}))

selection(name, plan_id, props) := same("aws:backup/selection:Selection", name, t.state({"id": name, "props": object.union({"planId": plan_id}, props)}))

vault(name, arn) := same("aws:backup/vault:Vault", name, t.state({"id": name, "props": {"arn": arn, "name": name}}))

# Deleted from the cloud too: retainOnDelete off.
deleted(r) := object.union(r, {"op": "delete", "after": null, "before": {"retain_on_delete": false}})

unknown := {"$unknown": true}

incomplete(resources) := object.union(t.doc(resources), {"inventory": {"complete": false, "max_prior_resources": 100}})

with_params(doc, id, params) := object.union(doc, {"config": {"policies": {id: params}}})

kinds(findings) := {f.kind | some f in findings}
