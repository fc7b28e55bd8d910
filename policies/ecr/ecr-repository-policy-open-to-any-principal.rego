# METADATA
# title: ECR repository policy allows any principal
# description: |
#   The repository policy has an Allow statement whose principal is `*` (or `{"AWS": "*"}`)
#   with no Condition, so any AWS account may call the actions it lists: pulling
#   (`ecr:BatchGetImage`, `ecr:GetDownloadUrlForLayer`) hands out your images, with whatever
#   code, configuration and embedded credentials they carry; push actions let anyone replace
#   them. Repositories whose policy could not be read are `not-evaluated`.
# custom:
#   id: ecr-repository-policy-open-to-any-principal
#   severity: high
#   resource_type: AWS::ECR::Repository
#   scope: compute.ecr_repositories
#   needs: [ecr:DescribeRepositories, ecr:GetRepositoryPolicy]
#   remediation: |
#     Name the accounts that pull as principals, or add a condition such as
#     `aws:PrincipalOrgID`; `aws ecr set-repository-policy --repository-name NAME
#     --policy-text file://policy.json`. Publish public images through ECR Public instead.
#     Terraform: `aws_ecr_repository_policy`.
#   references:
#     - https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policies.html
package palisade.ecr.repository_policy_open_to_any_principal

import data.palisade.lib.iam
import rego.v1

checked contains r.arn if some r in input.compute.ecr_repositories

deny contains result if {
	some r in input.compute.ecr_repositories
	some i, stmt in iam.open_statements(object.get(r, "policy", null))
	result := {
		"arn": r.arn,
		"message": sprintf("ECR repository %s in %s (account %s): repository policy %s", [r.name, r.region, r.account_id, iam.open_text(i, stmt)]),
		"evidence": {"statement": stmt},
	}
}
