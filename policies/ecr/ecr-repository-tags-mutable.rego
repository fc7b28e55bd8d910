# METADATA
# title: ECR repository allows image tags to be overwritten
# description: |
#   The repository's tags are mutable: pushing an image with an existing tag silently moves
#   the tag, so `app:1.4.2` deployed tomorrow may not be the image that was scanned, reviewed
#   or signed today, and anyone with push rights can replace a release in place. Repositories
#   that are immutable with exclusions (`IMMUTABLE_WITH_EXCLUSION`) pass; mutable ones with
#   exclusions do not. AWS Foundational Security Best Practices ECR.2.
# custom:
#   id: ecr-repository-tags-mutable
#   severity: medium
#   resource_type: AWS::ECR::Repository
#   scope: compute.ecr_repositories
#   needs: [ecr:DescribeRepositories]
#   remediation: |
#     `aws ecr put-image-tag-mutability --repository-name NAME --image-tag-mutability
#     IMMUTABLE` and deploy by digest or by unique tags. Terraform: `image_tag_mutability =
#     "IMMUTABLE"` on the `aws_ecr_repository`.
#   references:
#     - https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html
package palisade.ecr.repository_tags_mutable

import rego.v1

checked contains r.arn if {
	some r in input.compute.ecr_repositories
	is_string(r.image_tag_mutability)
}

deny contains result if {
	some r in input.compute.ecr_repositories
	is_string(r.image_tag_mutability)
	startswith(r.image_tag_mutability, "MUTABLE")
	result := {
		"arn": r.arn,
		"message": sprintf("ECR repository %s in %s (account %s) has image tag mutability %s: a push can replace the image behind an existing tag", [r.name, r.region, r.account_id, r.image_tag_mutability]),
		"evidence": {"image_tag_mutability": r.image_tag_mutability},
	}
}
