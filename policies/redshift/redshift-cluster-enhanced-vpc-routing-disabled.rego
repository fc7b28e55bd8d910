# METADATA
# title: Redshift cluster routes COPY and UNLOAD traffic outside the VPC
# description: |
#   Enhanced VPC routing is off, so the cluster's COPY and UNLOAD traffic to S3 and other
#   services bypasses the VPC: VPC endpoint policies, security groups, network ACLs and flow
#   logs neither control nor record where the data goes. AWS Foundational Security Best
#   Practices Redshift.7.
# custom:
#   id: redshift-cluster-enhanced-vpc-routing-disabled
#   severity: low
#   resource_type: AWS::Redshift::Cluster
#   scope: storage.redshift_clusters
#   needs: [redshift:DescribeClusters]
#   remediation: |
#     `aws redshift modify-cluster --cluster-identifier ID --enhanced-vpc-routing` (give the VPC
#     an S3 gateway endpoint or a NAT route first). Terraform: `enhanced_vpc_routing = true`.
#   references:
#     - https://docs.aws.amazon.com/redshift/latest/mgmt/enhanced-vpc-routing.html
package palisade.redshift.cluster_enhanced_vpc_routing_disabled

import rego.v1

checked contains c.arn if {
	some c in input.storage.redshift_clusters
	is_boolean(c.enhanced_vpc_routing)
}

deny contains result if {
	some c in input.storage.redshift_clusters
	c.enhanced_vpc_routing == false
	result := {
		"arn": c.arn,
		"message": sprintf("Redshift cluster %s in %s (account %s) has enhanced VPC routing off: COPY and UNLOAD traffic bypasses the VPC's controls and flow logs", [c.id, c.region, c.account_id]),
		"evidence": {"enhanced_vpc_routing": false},
	}
}
