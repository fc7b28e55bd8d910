package palisade.secretsmanager.secret_rotation_disabled_test

import data.palisade.secretsmanager.secret_rotation_disabled as policy
import rego.v1

arn := "arn:aws:secretsmanager:us-east-1:111122223333:secret:claims-db-AbCdEf"

secret(rotation, owner) := {"storage": {"secrets": [{
	"arn": arn,
	"account_id": "111122223333",
	"region": "us-east-1",
	"name": "claims-db",
	"rotation_enabled": rotation,
	"owning_service": owner,
}]}}

test_fail_not_rotated if {
	inp := secret(false, null)
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "Secrets Manager secret claims-db (account 111122223333, us-east-1) has no automatic rotation"
}

test_pass_rotated if {
	inp := secret(true, null)
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_service_owned_secret_not_judged if {
	inp := secret(false, "rds")
	count(policy.checked) == 0 with input as inp
	count(policy.deny) == 0 with input as inp
}
