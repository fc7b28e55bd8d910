# METADATA
# title: ElastiCache replication group is not encrypted at rest
# description: |
#   The Redis OSS or Valkey replication group keeps its data, swap and backups unencrypted on
#   disk: cached sessions, tokens or records are readable from the storage and from every
#   backup exported to S3. Encryption at rest can only be chosen when the group is created.
#   AWS Foundational Security Best Practices ElastiCache.4.
# custom:
#   id: elasticache-replication-group-not-encrypted-at-rest
#   severity: medium
#   resource_type: AWS::ElastiCache::ReplicationGroup
#   scope: storage.elasticache_replication_groups
#   needs: [elasticache:DescribeReplicationGroups]
#   remediation: |
#     Create a new replication group with `--at-rest-encryption-enabled` (and a KMS key),
#     restore it from a backup of the old one, move clients, delete the old one. Terraform:
#     `at_rest_encryption_enabled = true` on the `aws_elasticache_replication_group` (forces a
#     new group).
#   references:
#     - https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html
package palisade.elasticache.replication_group_not_encrypted_at_rest

import rego.v1

checked contains g.arn if some g in input.storage.elasticache_replication_groups

deny contains result if {
	some g in input.storage.elasticache_replication_groups
	g.at_rest_encryption != true
	result := {
		"arn": g.arn,
		"message": sprintf("ElastiCache replication group %s in %s (account %s) is not encrypted at rest", [g.id, g.region, g.account_id]),
		"evidence": {"at_rest_encryption": false},
	}
}
