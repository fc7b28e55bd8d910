# METADATA
# title: EKS cluster secrets are not envelope-encrypted with a KMS key of yours
# description: |
#   The cluster has no encryption configuration with a KMS key, so Kubernetes secrets in
#   etcd are protected only by a key EKS owns: you cannot audit its use in CloudTrail, revoke
#   it, or keep someone with etcd access from the secrets by key policy. (Current EKS versions
#   envelope-encrypt all Kubernetes API data with an AWS owned key by default; older clusters
#   without a key have only EBS-level encryption of etcd.) AWS Foundational Security Best
#   Practices EKS.3.
# custom:
#   id: eks-cluster-secrets-not-encrypted-with-kms
#   severity: medium
#   resource_type: AWS::EKS::Cluster
#   scope: compute.eks_clusters
#   needs: [eks:DescribeCluster]
#   remediation: |
#     `aws eks associate-encryption-config --cluster-name NAME --encryption-config
#     '[{"resources":["secrets"],"provider":{"keyArn":"arn:aws:kms:...:key/..."}}]'` (it
#     cannot be removed afterwards). Terraform: an `encryption_config` block on the
#     `aws_eks_cluster`.
#   references:
#     - https://docs.aws.amazon.com/eks/latest/userguide/envelope-encryption.html
package palisade.eks.cluster_secrets_not_encrypted_with_kms

import rego.v1

checked contains c.arn if some c in input.compute.eks_clusters

deny contains result if {
	some c in input.compute.eks_clusters
	not is_string(c.secrets_kms_key)
	result := {
		"arn": c.arn,
		"message": sprintf("EKS cluster %s in %s (account %s) has no KMS key for envelope encryption of Kubernetes secrets", [c.name, c.region, c.account_id]),
		"evidence": {"secrets_kms_key": null},
	}
}
