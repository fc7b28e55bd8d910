# METADATA
# title: ElastiCache replication group has automatic failover off
# description: |
#   Automatic failover is off: when the primary node fails, no replica is promoted, and the
#   group stays read-only or down until someone intervenes. AWS Foundational Security Best
#   Practices ElastiCache.3.
# custom:
#   id: elasticache-replication-group-automatic-failover-disabled
#   severity: low
#   resource_type: AWS::ElastiCache::ReplicationGroup
#   scope: storage.elasticache_replication_groups
#   needs: [elasticache:DescribeReplicationGroups]
#   remediation: |
#     Add a replica in another Availability Zone, then `aws elasticache modify-replication-group
#     --replication-group-id ID --automatic-failover-enabled --multi-az-enabled`. Terraform:
#     `automatic_failover_enabled = true`.
#   references:
#     - https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoFailover.html
package palisade.elasticache.replication_group_automatic_failover_disabled

import rego.v1

checked contains g.arn if {
	some g in input.storage.elasticache_replication_groups
	is_string(g.automatic_failover)
}

deny contains result if {
	some g in input.storage.elasticache_replication_groups
	g.automatic_failover in {"disabled", "disabling"}
	result := {
		"arn": g.arn,
		"message": sprintf("ElastiCache replication group %s in %s (account %s) has automatic failover %s", [g.id, g.region, g.account_id, g.automatic_failover]),
		"evidence": {"automatic_failover": g.automatic_failover},
	}
}
