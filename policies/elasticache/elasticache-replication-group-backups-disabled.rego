# METADATA
# title: ElastiCache replication group has automatic backups off
# description: |
#   The replication group's automatic backups are off (retention 0 days): if the data is not
#   only a cache (sessions, queues, leaderboards kept nowhere else), a flush, a bad deploy or
#   losing the group loses it for good. AWS Foundational Security Best Practices
#   ElastiCache.1.
# custom:
#   id: elasticache-replication-group-backups-disabled
#   severity: low
#   resource_type: AWS::ElastiCache::ReplicationGroup
#   scope: storage.elasticache_replication_groups
#   needs: [elasticache:DescribeReplicationGroups]
#   remediation: |
#     `aws elasticache modify-replication-group --replication-group-id ID
#     --snapshot-retention-limit 7 --snapshot-window 05:00-06:00`. Terraform:
#     `snapshot_retention_limit` on the `aws_elasticache_replication_group`.
#   references:
#     - https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-automatic.html
package palisade.elasticache.replication_group_backups_disabled

import rego.v1

checked contains g.arn if {
	some g in input.storage.elasticache_replication_groups
	is_number(g.snapshot_retention_days)
}

deny contains result if {
	some g in input.storage.elasticache_replication_groups
	g.snapshot_retention_days == 0
	result := {
		"arn": g.arn,
		"message": sprintf("ElastiCache replication group %s in %s (account %s) has automatic backups off (retention 0 days)", [g.id, g.region, g.account_id]),
		"evidence": {"snapshot_retention_days": 0},
	}
}
