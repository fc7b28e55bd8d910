# METADATA
# title: S3 bucket has no default encryption
# description: |
#   The bucket reports no default server-side encryption configuration, so objects uploaded without
#   an explicit encryption header may be stored unencrypted (buckets created before January 2023, or
#   whose configuration was removed). Default encryption guarantees every new object is encrypted at
#   rest, with SSE-S3 or, for key-level access control and audit, SSE-KMS.
# custom:
#   id: s3-bucket-default-encryption-disabled
#   severity: medium
#   resource_type: AWS::S3::Bucket
#   scope: storage.s3_buckets
#   needs: [s3:GetBucketLocation, s3:GetBucketEncryption]
#   remediation: |
#     Configure default encryption (SSE-KMS shown; use `AES256` for SSE-S3):
#     `aws s3api put-bucket-encryption --bucket <bucket> --server-side-encryption-configuration '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"<key>"},"BucketKeyEnabled":true}]}'`.
#     Existing objects keep their encryption state; re-copy them to encrypt. Terraform:
#     `aws_s3_bucket_server_side_encryption_configuration`.
#   references:
#     - https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html
package palisade.s3.bucket_default_encryption_disabled

import rego.v1

checked contains b.arn if some b in input.storage.s3_buckets

deny contains result if {
	some b in input.storage.s3_buckets
	object.get(b, "encryption", null) == null
	result := {
		"arn": b.arn,
		"message": sprintf("S3 bucket %s (account %s, %s) has no default encryption configured", [b.name, b.account_id, b.region]),
		"evidence": {"encryption": null},
	}
}
