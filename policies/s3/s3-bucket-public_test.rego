package palisade.s3.bucket_public_test

import data.palisade.s3.bucket_public as policy
import rego.v1

arn := "arn:aws:s3:::web-bucket"

all_on := {"block_public_acls": true, "ignore_public_acls": true, "block_public_policy": true, "restrict_public_buckets": true}

inp(extra, account_cfg) := {"storage": {
	"s3_buckets": [object.union(
		{
			"arn": arn,
			"account_id": "111122223333",
			"region": "us-east-1",
			"name": "web-bucket",
			"public_access_block": null,
			"policy": null,
			"acl_grants": [],
			"object_ownership": "ObjectWriter",
		},
		extra,
	)],
	"s3_account_public_access_blocks": [{"account_id": "111122223333", "config": account_cfg}],
}}

public_read := {
	"Sid": "PublicRead",
	"Effect": "Allow",
	"Principal": "*",
	"Action": "s3:GetObject",
	"Resource": "arn:aws:s3:::web-bucket/*",
}

all_users := {"grantee_type": "Group", "grantee": "http://acs.amazonaws.com/groups/global/AllUsers", "permission": "READ"}

auth_users := {"grantee_type": "Group", "grantee": "http://acs.amazonaws.com/groups/global/AuthenticatedUsers", "permission": "WRITE"}

owner := {"grantee_type": "CanonicalUser", "grantee": "abc123", "permission": "FULL_CONTROL"}

test_fail_public_policy_statement if {
	i := inp({"policy": {"Version": "2012-10-17", "Statement": [public_read]}}, null)
	count(policy.deny) == 1 with input as i
	some r in policy.deny with input as i
	r.arn == arn
	contains(r.message, "bucket policy grants everyone access")
	contains(r.message, "statement \"PublicRead\" allows s3:GetObject")
	not contains(r.message, "ACL")
}

test_fail_aws_star_principal_statement_object if {
	stmt := object.union(public_read, {"Principal": {"AWS": "*"}, "Action": ["s3:GetObject", "s3:ListBucket"]})
	some r in policy.deny with input as inp({"policy": {"Statement": object.remove(stmt, ["Sid"])}}, null)
	contains(r.message, "statement #1 allows s3:GetObject, s3:ListBucket")
}

test_fail_public_acl_all_users if {
	i := inp({"acl_grants": [owner, all_users]}, null)
	count(policy.deny) == 1 with input as i
	some r in policy.deny with input as i
	contains(r.message, "ACL grants READ to AllUsers")
	not contains(r.message, "bucket policy")
	r.evidence.public_grants == [all_users]
}

test_fail_public_acl_authenticated_users if {
	some r in policy.deny with input as inp({"acl_grants": [auth_users]}, null)
	contains(r.message, "WRITE to AuthenticatedUsers")
}

test_fail_both_paths_named if {
	some r in policy.deny with input as inp({"policy": {"Statement": [public_read]}, "acl_grants": [all_users]}, null)
	contains(r.message, "bucket policy grants everyone access")
	contains(r.message, "ACL grants READ to AllUsers")
}

test_fail_policy_public_when_only_ignore_public_acls_is_on if {
	i := inp({"policy": {"Statement": [public_read]}, "acl_grants": [all_users]}, {"ignore_public_acls": true})
	some r in policy.deny with input as i
	contains(r.message, "bucket policy")
	not contains(r.message, "ACL grants")
}

test_fail_acl_public_when_only_restrict_public_buckets_is_on if {
	i := inp({"policy": {"Statement": [public_read]}, "acl_grants": [all_users], "public_access_block": {"restrict_public_buckets": true}}, null)
	some r in policy.deny with input as i
	contains(r.message, "ACL grants")
	not contains(r.message, "bucket policy")
}

test_fail_policy_stored_as_json_text if {
	count(policy.deny) == 1 with input as inp({"policy": json.marshal({"Statement": [public_read]})}, null)
}

test_pass_private_bucket if {
	i := inp({"acl_grants": [owner], "policy": {"Statement": [object.union(public_read, {"Principal": {"AWS": "arn:aws:iam::444455556666:root"}})]}}, null)
	count(policy.deny) == 0 with input as i
	arn in policy.checked with input as i
}

test_pass_public_principal_with_condition if {
	stmt := object.union(public_read, {"Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1"}}})
	count(policy.deny) == 0 with input as inp({"policy": {"Statement": [stmt]}}, null)
}

test_pass_public_deny_statement if {
	stmt := object.union(public_read, {"Effect": "Deny"})
	count(policy.deny) == 0 with input as inp({"policy": {"Statement": [stmt]}}, null)
}

test_pass_restrict_public_buckets_at_account_level if {
	i := inp({"policy": {"Statement": [public_read]}}, {"restrict_public_buckets": true})
	count(policy.deny) == 0 with input as i
	arn in policy.checked with input as i
}

test_pass_ignore_public_acls_at_bucket_level if {
	count(policy.deny) == 0 with input as inp({"acl_grants": [all_users], "public_access_block": {"ignore_public_acls": true}}, null)
}

test_pass_acls_disabled_by_object_ownership if {
	count(policy.deny) == 0 with input as inp({"acl_grants": [all_users], "object_ownership": "BucketOwnerEnforced"}, null)
}

test_pass_everything_blocked_by_account if {
	i := inp({"policy": {"Statement": [public_read]}, "acl_grants": [all_users, auth_users]}, all_on)
	count(policy.deny) == 0 with input as i
	arn in policy.checked with input as i
}
