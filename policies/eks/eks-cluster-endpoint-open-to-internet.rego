# METADATA
# title: EKS cluster API endpoint is open to the whole internet
# description: |
#   The cluster's Kubernetes API server has public endpoint access on and accepts connections
#   from `0.0.0.0/0` (or `::/0`; an empty CIDR list means the same): anyone on the internet
#   can reach the control plane and try stolen kubeconfigs or tokens, or exploit the next
#   API-server vulnerability. The endpoint is reachable from the internet by construction (EKS
#   serves it outside your VPC's security groups and network ACLs), so this finding needs no
#   reachability analysis to be true. Clusters whose public endpoint is limited to named
#   CIDRs pass. AWS Foundational Security Best Practices EKS.1 asks for no public endpoint at
#   all; this policy reports the open one.
# custom:
#   id: eks-cluster-endpoint-open-to-internet
#   severity: high
#   resource_type: AWS::EKS::Cluster
#   scope: compute.eks_clusters
#   needs: [eks:DescribeCluster]
#   remediation: |
#     Turn on private endpoint access and turn public access off (`aws eks
#     update-cluster-config --name NAME --resources-vpc-config
#     endpointPublicAccess=false,endpointPrivateAccess=true`), or keep it public but limit
#     `publicAccessCidrs` to your offices and CI runners. Terraform: `vpc_config {
#     endpoint_public_access = false }` on the `aws_eks_cluster`.
#   references:
#     - https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html
package palisade.eks.cluster_endpoint_open_to_internet

import data.palisade.lib.util
import rego.v1

checked contains c.arn if some c in input.compute.eks_clusters

world_cidrs(c) := ["0.0.0.0/0"] if count(object.get(c, "public_access_cidrs", [])) == 0

world_cidrs(c) := [x | some x in c.public_access_cidrs; util.world(x)] if count(object.get(c, "public_access_cidrs", [])) > 0

deny contains result if {
	some c in input.compute.eks_clusters
	c.endpoint_public_access == true
	open := world_cidrs(c)
	count(open) > 0
	result := {
		"arn": c.arn,
		"message": sprintf("EKS cluster %s in %s (account %s): the Kubernetes API endpoint is public and accepts %s, so it is reachable from the whole internet", [c.name, c.region, c.account_id, concat(", ", open)]),
		"evidence": {"endpoint_public_access": true, "endpoint_private_access": c.endpoint_private_access, "public_access_cidrs": object.get(c, "public_access_cidrs", []), "reachable_from": "internet"},
	}
}
