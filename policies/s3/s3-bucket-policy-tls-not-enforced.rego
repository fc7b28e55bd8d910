# METADATA
# title: S3 bucket policy does not enforce TLS
# description: |
#   The bucket policy has no statement denying all S3 actions to everyone when
#   `aws:SecureTransport` is false, so clients may read and write objects over plain HTTP, where
#   data and request signatures can be observed or tampered with in transit. Only an explicit Deny
#   makes HTTPS mandatory; a bucket without a policy does not enforce it either.
# custom:
#   id: s3-bucket-policy-tls-not-enforced
#   severity: medium
#   resource_type: AWS::S3::Bucket
#   scope: storage.s3_buckets
#   needs: [s3:GetBucketLocation, s3:GetBucketPolicy]
#   remediation: |
#     Add this statement to the bucket policy (merge it with existing statements):
#     `{"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::<bucket>","arn:aws:s3:::<bucket>/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}`
#     with `aws s3api put-bucket-policy --bucket <bucket> --policy file://policy.json`.
#     Terraform: include the statement in the `aws_s3_bucket_policy` document.
#   references:
#     - https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html
#     - https://repost.aws/knowledge-center/s3-bucket-policy-for-config-rule
package palisade.s3.bucket_policy_tls_not_enforced

import data.palisade.lib.aws
import data.palisade.lib.iam
import rego.v1

enforces_tls(b) if {
	some stmt in iam.statements(object.get(b, "policy", null))
	aws.denies_insecure_transport(stmt)
}

checked contains b.arn if some b in input.storage.s3_buckets

deny contains result if {
	some b in input.storage.s3_buckets
	not enforces_tls(b)
	result := {
		"arn": b.arn,
		"message": sprintf("S3 bucket %s (account %s, %s) does not enforce TLS: %s", [b.name, b.account_id, b.region, reason(b)]),
		"evidence": {"policy": object.get(b, "policy", null)},
	}
}

reason(b) := "it has no bucket policy" if object.get(b, "policy", null) == null

reason(b) := "its bucket policy has no Deny statement for s3:* when aws:SecureTransport is false" if object.get(b, "policy", null) != null
