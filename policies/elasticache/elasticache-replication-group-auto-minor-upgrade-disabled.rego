# METADATA
# title: ElastiCache replication group does not take minor version upgrades
# description: |
#   Automatic minor version upgrades are off, so engine patch releases (security fixes among
#   them) are not applied in the maintenance window. AWS Foundational Security Best Practices
#   ElastiCache.2.
# custom:
#   id: elasticache-replication-group-auto-minor-upgrade-disabled
#   severity: low
#   resource_type: AWS::ElastiCache::ReplicationGroup
#   scope: storage.elasticache_replication_groups
#   needs: [elasticache:DescribeReplicationGroups]
#   remediation: |
#     `aws elasticache modify-replication-group --replication-group-id ID
#     --auto-minor-version-upgrade`. Terraform: `auto_minor_version_upgrade = true`.
#   references:
#     - https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/VersionManagement.html
package palisade.elasticache.replication_group_auto_minor_upgrade_disabled

import rego.v1

checked contains g.arn if {
	some g in input.storage.elasticache_replication_groups
	is_boolean(g.auto_minor_version_upgrade)
}

deny contains result if {
	some g in input.storage.elasticache_replication_groups
	g.auto_minor_version_upgrade == false
	result := {
		"arn": g.arn,
		"message": sprintf("ElastiCache replication group %s in %s (account %s) does not take minor version upgrades automatically", [g.id, g.region, g.account_id]),
		"evidence": {"auto_minor_version_upgrade": false},
	}
}
