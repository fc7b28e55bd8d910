# METADATA
# title: ECR repository images are not scanned for vulnerabilities
# description: |
#   Images pushed to the repository are not scanned: the repository's own scan-on-push
#   setting is off and no rule of the registry's scanning configuration (basic or Amazon
#   Inspector enhanced scanning) matches the repository with scan on push or continuous
#   scanning. Known vulnerabilities in base images and packages reach production unnoticed.
#   Repositories in a region whose registry scanning configuration could not be read are
#   `not-evaluated`. AWS Foundational Security Best Practices ECR.1.
# custom:
#   id: ecr-repository-image-scanning-disabled
#   severity: medium
#   resource_type: AWS::ECR::Repository
#   scope: compute.ecr_repositories
#   needs: [ecr:DescribeRepositories, ecr:GetRegistryScanningConfiguration]
#   remediation: |
#     Scan the whole registry: `aws ecr put-registry-scanning-configuration --scan-type
#     ENHANCED --rules '[{"scanFrequency":"CONTINUOUS_SCAN","repositoryFilters":[{"filter":"*","filterType":"WILDCARD"}]}]'`
#     (Amazon Inspector), or at least `--scan-type BASIC` with `SCAN_ON_PUSH`. Terraform:
#     `aws_ecr_registry_scanning_configuration`.
#   references:
#     - https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html
package palisade.ecr.repository_image_scanning_disabled

import rego.v1

scanning_frequencies := {"SCAN_ON_PUSH", "CONTINUOUS_SCAN"}

checked contains r.arn if {
	some r in input.compute.ecr_repositories
	is_string(r.registry_scan_frequency)
}

deny contains result if {
	some r in input.compute.ecr_repositories
	is_string(r.registry_scan_frequency)
	not r.scan_on_push
	not r.registry_scan_frequency in scanning_frequencies
	result := {
		"arn": r.arn,
		"message": sprintf("ECR repository %s in %s (account %s) is not scanned: scan on push is off and the registry's %s scanning rules give it %s", [r.name, r.region, r.account_id, r.registry_scan_type, frequency_text(r.registry_scan_frequency)]),
		"evidence": {"scan_on_push": r.scan_on_push, "registry_scan_type": r.registry_scan_type, "registry_scan_frequency": r.registry_scan_frequency},
	}
}

frequency_text("NONE") := "no rule"

frequency_text(f) := sprintf("frequency %s", [f]) if f != "NONE"
