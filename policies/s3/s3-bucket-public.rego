# METADATA
# title: S3 bucket is public
# description: |
#   The bucket is open to the public through its bucket policy (an Allow statement for principal "*"
#   with no condition, not neutralised by restrict_public_buckets) or through its ACL (a grant to the
#   AllUsers or AuthenticatedUsers group, not neutralised by ignore_public_acls or by ACLs being
#   disabled with Object Ownership "bucket owner enforced"). Anyone on the internet, or any AWS
#   account holder, can then exercise the granted access; public buckets are a leading cause of
#   large data exposures.
# custom:
#   id: s3-bucket-public
#   severity: critical
#   resource_type: AWS::S3::Bucket
#   scope: storage.s3_buckets
#   inputs: [storage.s3_account_public_access_blocks]
#   needs: [s3:GetBucketLocation, s3:GetBucketPolicy, s3:GetBucketAcl, s3:GetPublicAccessBlock, s3:GetBucketOwnershipControls]
#   remediation: |
#     Remove the public access, then enable Block Public Access so it cannot return:
#     delete or condition the public policy statement (`aws s3api put-bucket-policy` /
#     `aws s3api delete-bucket-policy --bucket <bucket>`), reset the ACL
#     (`aws s3api put-bucket-acl --bucket <bucket> --acl private`) and disable ACLs
#     (`aws s3api put-bucket-ownership-controls --bucket <bucket> --ownership-controls 'Rules=[{ObjectOwnership=BucketOwnerEnforced}]'`),
#     then `aws s3api put-public-access-block --bucket <bucket> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true`.
#     Serve public content through CloudFront with origin access control instead. Terraform:
#     `aws_s3_bucket_public_access_block`, `aws_s3_bucket_ownership_controls`
#     (`object_ownership = "BucketOwnerEnforced"`) and a non-public `aws_s3_bucket_policy`.
#   references:
#     - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
#     - https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html
#     - https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html
package palisade.s3.bucket_public

import data.palisade.lib.aws
import data.palisade.lib.iam
import data.palisade.lib.util
import rego.v1

# Unconditional Allow statements for everyone, with how messages name them.
public_statements(b) := [{"label": iam.statement_label(i, stmt), "statement": stmt} |
	some i, stmt in iam.statements(object.get(b, "policy", null))
	aws.public_policy_statement(stmt)
]

public_grants(b) := [g | some g in object.get(b, "acl_grants", []); aws.public_grant(g)]

# Path (a): the bucket policy, unless restrict_public_buckets is effectively on.
policy_reasons(b) := [msg |
	stmts := public_statements(b)
	count(stmts) > 0
	not aws.pab_on(b, "restrict_public_buckets")
	parts := [sprintf("statement %s allows %s", [s.label, actions(s.statement)]) | some s in stmts]
	msg := sprintf("bucket policy grants everyone access without a condition (%s; restrict_public_buckets is off)", [concat("; ", parts)])
]

# Path (b): the ACL, unless ignore_public_acls is effectively on or ACLs are disabled.
acl_reasons(b) := [msg |
	grants := public_grants(b)
	count(grants) > 0
	not aws.pab_on(b, "ignore_public_acls")
	not aws.acls_disabled(b)
	parts := [sprintf("%s to %s", [g.permission, aws.grantee_name(g.grantee)]) | some g in grants]
	msg := sprintf("ACL grants %s (ignore_public_acls is off and ACLs are enabled)", [concat(", ", parts)])
]

actions(stmt) := concat(", ", util.as_array(stmt.Action)) if is_string_or_array(object.get(stmt, "Action", null))

actions(stmt) := sprintf("all actions except %s", [concat(", ", util.as_array(stmt.NotAction))]) if {
	not is_string_or_array(object.get(stmt, "Action", null))
	is_string_or_array(object.get(stmt, "NotAction", null))
}

actions(stmt) := "access" if {
	not is_string_or_array(object.get(stmt, "Action", null))
	not is_string_or_array(object.get(stmt, "NotAction", null))
}

is_string_or_array(x) if is_string(x)

is_string_or_array(x) if is_array(x)

checked contains b.arn if some b in input.storage.s3_buckets

deny contains result if {
	some b in input.storage.s3_buckets
	reasons := array.concat(policy_reasons(b), acl_reasons(b))
	count(reasons) > 0
	result := {
		"arn": b.arn,
		"message": sprintf("S3 bucket %s (account %s, %s) is public: %s", [b.name, b.account_id, b.region, concat("; ", reasons)]),
		"evidence": {
			"public_statements": [s.statement | some s in public_statements(b)],
			"public_grants": public_grants(b),
			"block_public_access_off": aws.pab_off(b),
			"object_ownership": object.get(b, "object_ownership", null),
		},
	}
}
