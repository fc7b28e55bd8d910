# METADATA
# title: ElastiCache replication group accepts unencrypted connections
# description: |
#   The replication group does not require TLS: in-transit encryption is off, or on in
#   `preferred` mode, which still accepts plain connections. Commands, cached data and the
#   AUTH token then cross the network readable by anyone on the path. AWS Foundational
#   Security Best Practices ElastiCache.5.
# custom:
#   id: elasticache-replication-group-not-encrypted-in-transit
#   severity: medium
#   resource_type: AWS::ElastiCache::ReplicationGroup
#   scope: storage.elasticache_replication_groups
#   needs: [elasticache:DescribeReplicationGroups]
#   remediation: |
#     Turn TLS on in `preferred` mode, move every client to TLS, then set `required`
#     (`aws elasticache modify-replication-group --replication-group-id ID
#     --transit-encryption-enabled --transit-encryption-mode required`). Terraform:
#     `transit_encryption_enabled = true` and `transit_encryption_mode = "required"`.
#   references:
#     - https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html
package palisade.elasticache.replication_group_not_encrypted_in_transit

import rego.v1

checked contains g.arn if some g in input.storage.elasticache_replication_groups

why(g) := "in-transit encryption is off" if g.transit_encryption != true

why(g) := "TLS is only preferred, so plain connections are still accepted" if {
	g.transit_encryption == true
	object.get(g, "transit_encryption_mode", null) == "preferred"
}

deny contains result if {
	some g in input.storage.elasticache_replication_groups
	reason := why(g)
	result := {
		"arn": g.arn,
		"message": sprintf("ElastiCache replication group %s in %s (account %s) accepts unencrypted connections: %s", [g.id, g.region, g.account_id, reason]),
		"evidence": {"transit_encryption": g.transit_encryption, "transit_encryption_mode": object.get(g, "transit_encryption_mode", null)},
	}
}
