package palisade.acm.certificate_rsa_key_too_small_test

import data.palisade.acm.certificate_rsa_key_too_small as policy
import rego.v1

arn := "arn:aws:acm:us-east-1:111122223333:certificate/1"

cert(alg) := {"storage": {"acm_certificates": [{
	"arn": arn,
	"account_id": "111122223333",
	"region": "us-east-1",
	"domain_name": "legacy.example.com",
	"key_algorithm": alg,
}]}}

test_fail_rsa_1024 if {
	inp := cert("RSA_1024")
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == arn
	r.message == "ACM certificate for legacy.example.com (account 111122223333, us-east-1) has a 1024-bit RSA key (RSA_1024); 2048 bits is the minimum"
}

test_pass_rsa_2048 if {
	inp := cert("RSA_2048")
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_ec_key_not_judged if {
	inp := cert("EC_prime256v1")
	count(policy.checked) == 0 with input as inp
}
