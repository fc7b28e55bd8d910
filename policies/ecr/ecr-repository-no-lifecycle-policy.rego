# METADATA
# title: ECR repository has no lifecycle policy
# description: |
#   The repository keeps every image ever pushed: old images with known vulnerabilities stay
#   pullable (and deployable by mistake) indefinitely, and storage grows without bound. A
#   lifecycle policy expires untagged and superseded images. Repositories whose lifecycle
#   policy could not be read are `not-evaluated`. AWS Foundational Security Best Practices
#   ECR.3.
# custom:
#   id: ecr-repository-no-lifecycle-policy
#   severity: low
#   resource_type: AWS::ECR::Repository
#   scope: compute.ecr_repositories
#   needs: [ecr:DescribeRepositories, ecr:GetLifecyclePolicy]
#   remediation: |
#     `aws ecr put-lifecycle-policy --repository-name NAME --lifecycle-policy-text
#     file://policy.json`, e.g. expiring untagged images after 14 days and keeping the last N
#     release tags. Terraform: `aws_ecr_lifecycle_policy`.
#   references:
#     - https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html
package palisade.ecr.repository_no_lifecycle_policy

import rego.v1

checked contains r.arn if {
	some r in input.compute.ecr_repositories
	is_boolean(r.has_lifecycle_policy)
}

deny contains result if {
	some r in input.compute.ecr_repositories
	r.has_lifecycle_policy == false
	result := {
		"arn": r.arn,
		"message": sprintf("ECR repository %s in %s (account %s) has no lifecycle policy: old and untagged images are kept forever", [r.name, r.region, r.account_id]),
		"evidence": {"has_lifecycle_policy": false},
	}
}
