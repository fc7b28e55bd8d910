# METADATA
# title: Redshift cluster is publicly accessible
# description: |
#   The cluster is set publicly accessible: it has a public IP address and its endpoint
#   resolves to it from the internet, so only its security groups stand between the data
#   warehouse and anyone who can guess or steal a database password. (Whether those security
#   groups admit the internet is not judged here.) AWS Foundational Security Best Practices
#   Redshift.1.
# custom:
#   id: redshift-cluster-publicly-accessible
#   severity: high
#   resource_type: AWS::Redshift::Cluster
#   scope: storage.redshift_clusters
#   needs: [redshift:DescribeClusters]
#   remediation: |
#     `aws redshift modify-cluster --cluster-identifier ID --no-publicly-accessible`, and reach
#     it through the VPC (VPN, Direct Connect, a bastion or Redshift-managed VPC endpoints).
#     Terraform: `publicly_accessible = false` on the `aws_redshift_cluster`.
#   references:
#     - https://docs.aws.amazon.com/redshift/latest/mgmt/managing-clusters-vpc.html
package palisade.redshift.cluster_publicly_accessible

import rego.v1

checked contains c.arn if some c in input.storage.redshift_clusters

deny contains result if {
	some c in input.storage.redshift_clusters
	c.publicly_accessible == true
	result := {
		"arn": c.arn,
		"message": sprintf("Redshift cluster %s in %s (account %s) is publicly accessible: it has a public endpoint, guarded only by its security groups", [c.id, c.region, c.account_id]),
		"evidence": {"publicly_accessible": true, "security_group_ids": object.get(c, "security_group_ids", [])},
	}
}
