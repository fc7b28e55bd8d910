# METADATA
# title: Redshift cluster is not encrypted at rest
# description: |
#   The cluster's data blocks, metadata and snapshots are not encrypted at rest: anyone who
#   obtains the underlying storage or a copy of a snapshot reads the data warehouse. AWS
#   Foundational Security Best Practices Redshift.10.
# custom:
#   id: redshift-cluster-unencrypted
#   severity: high
#   resource_type: AWS::Redshift::Cluster
#   scope: storage.redshift_clusters
#   needs: [redshift:DescribeClusters]
#   remediation: |
#     `aws redshift modify-cluster --cluster-identifier ID --encrypted --kms-key-id KEY`
#     (Redshift migrates the data in the background). Terraform: `encrypted = true` and
#     `kms_key_id` on the `aws_redshift_cluster`.
#   references:
#     - https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html
package palisade.redshift.cluster_unencrypted

import rego.v1

checked contains c.arn if some c in input.storage.redshift_clusters

deny contains result if {
	some c in input.storage.redshift_clusters
	c.encrypted != true
	result := {
		"arn": c.arn,
		"message": sprintf("Redshift cluster %s in %s (account %s) is not encrypted at rest", [c.id, c.region, c.account_id]),
		"evidence": {"encrypted": false},
	}
}
