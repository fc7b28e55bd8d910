package palisade.lib.aws_test

import data.palisade.lib.aws
import rego.v1

test_pass_denies_insecure_transport_variants if {
	aws.denies_insecure_transport(tls_deny({"Bool": {"aws:SecureTransport": "false"}}, "s3:*"))
	aws.denies_insecure_transport(tls_deny({"Bool": {"aws:SecureTransport": false}}, ["s3:*"]))
	aws.denies_insecure_transport(tls_deny({"BoolIfExists": {"aws:securetransport": "False"}}, "*"))
	aws.denies_insecure_transport(tls_deny({"Bool": {"aws:SecureTransport": ["false"]}}, ["s3:GetObject", "S3:*"]))
}

test_pass_denies_insecure_transport_rejects_weaker_statements if {
	not aws.denies_insecure_transport(tls_deny({"Bool": {"aws:SecureTransport": "true"}}, "s3:*"))
	not aws.denies_insecure_transport(tls_deny({"Bool": {"aws:SecureTransport": "false"}}, "s3:GetObject"))
	not aws.denies_insecure_transport(tls_deny({"StringEquals": {"aws:SecureTransport": "false"}}, "s3:*"))
	not aws.denies_insecure_transport(object.union(tls_deny({"Bool": {"aws:SecureTransport": "false"}}, "s3:*"), {"Effect": "Allow"}))
	not aws.denies_insecure_transport(object.union(tls_deny({"Bool": {"aws:SecureTransport": "false"}}, "s3:*"), {"Principal": {"AWS": "arn:aws:iam::111122223333:user/x"}}))
}

bucket(pab) := {"account_id": "111122223333", "name": "b", "public_access_block": pab}

test_pass_pab_effective_is_bucket_or_account if {
	inp := {"storage": {"s3_account_public_access_blocks": [
		{"account_id": "111122223333", "config": {"block_public_acls": true, "ignore_public_acls": false, "block_public_policy": false, "restrict_public_buckets": false}},
		{"account_id": "444455556666", "config": null},
	]}}
	aws.pab_off(bucket({"ignore_public_acls": true, "block_public_policy": true})) == ["restrict_public_buckets"] with input as inp
	aws.pab_off(bucket(null)) == ["ignore_public_acls", "block_public_policy", "restrict_public_buckets"] with input as inp
	aws.pab_off({"account_id": "444455556666", "public_access_block": null}) == aws.pab_switches with input as inp
}

test_pass_config_off if {
	aws.config_off(null) == aws.pab_switches
	aws.config_off({"block_public_acls": true, "ignore_public_acls": true, "block_public_policy": true, "restrict_public_buckets": true}) == []
	aws.config_off({"block_public_acls": true}) == ["ignore_public_acls", "block_public_policy", "restrict_public_buckets"]
}

test_pass_public_grants_and_statements if {
	aws.public_grant({"grantee": "http://acs.amazonaws.com/groups/global/AllUsers"})
	aws.public_grant({"grantee": "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"})
	not aws.public_grant({"grantee": "http://acs.amazonaws.com/groups/s3/LogDelivery"})
	aws.public_policy_statement({"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject"})
	not aws.public_policy_statement({"Effect": "Allow", "Principal": "*", "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1"}}})
	not aws.public_policy_statement({"Effect": "Deny", "Principal": "*"})
}

test_pass_nacl_port_coverage if {
	aws.nacl_covers_port({"protocol": "-1"}, 22)
	aws.nacl_covers_port({"protocol": "6", "from_port": 0, "to_port": 1024}, 22)
	aws.nacl_covers_port({"protocol": "6", "from_port": null, "to_port": null}, 3389)
	not aws.nacl_covers_port({"protocol": "6", "from_port": 80, "to_port": 443}, 22)
	not aws.nacl_covers_port({"protocol": "17", "from_port": 0, "to_port": 65535}, 22)
}

test_pass_nacl_first_world_ingress_is_lowest_number if {
	acl := {"entries": [
		{"rule_number": 100, "egress": false, "protocol": "6", "action": "allow", "cidr_block": "0.0.0.0/0", "from_port": 22, "to_port": 22},
		{"rule_number": 50, "egress": false, "protocol": "-1", "action": "deny", "cidr_block": "0.0.0.0/0"},
		{"rule_number": 10, "egress": true, "protocol": "-1", "action": "allow", "cidr_block": "0.0.0.0/0"},
		{"rule_number": 20, "egress": false, "protocol": "-1", "action": "allow", "cidr_block": "10.0.0.0/8"},
	]}
	aws.nacl_first_world_ingress(acl, 22, "IPv4").rule_number == 50
	not aws.nacl_first_world_ingress(acl, 22, "IPv6")
}

tls_deny(condition, action) := {
	"Effect": "Deny",
	"Principal": "*",
	"Action": action,
	"Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
	"Condition": condition,
}
