# METADATA
# title: ElastiCache replication group lets clients in without authenticating
# description: |
#   The replication group has neither an AUTH token nor an RBAC user group, so any client
#   that can reach its port (anything in the VPC its security groups admit) can read, change
#   and flush the data with no credential at all. AWS Foundational Security Best Practices
#   ElastiCache.6 (AUTH for Redis OSS before 6.0; RBAC user groups from 6.0).
# custom:
#   id: elasticache-replication-group-auth-disabled
#   severity: high
#   resource_type: AWS::ElastiCache::ReplicationGroup
#   scope: storage.elasticache_replication_groups
#   needs: [elasticache:DescribeReplicationGroups]
#   remediation: |
#     Attach an RBAC user group (`aws elasticache modify-replication-group
#     --replication-group-id ID --user-group-ids-to-add GROUP`) whose default user is
#     disabled, or set an AUTH token (which needs in-transit encryption). Terraform:
#     `user_group_ids` or `auth_token` on the `aws_elasticache_replication_group`.
#   references:
#     - https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html
#     - https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth.html
package palisade.elasticache.replication_group_auth_disabled

import rego.v1

checked contains g.arn if some g in input.storage.elasticache_replication_groups

deny contains result if {
	some g in input.storage.elasticache_replication_groups
	g.auth_token_enabled != true
	count(object.get(g, "user_group_ids", [])) == 0
	result := {
		"arn": g.arn,
		"message": sprintf("ElastiCache replication group %s in %s (account %s) has no AUTH token and no RBAC user group: any client that reaches it runs commands unauthenticated", [g.id, g.region, g.account_id]),
		"evidence": {"auth_token_enabled": false, "user_group_ids": []},
	}
}
