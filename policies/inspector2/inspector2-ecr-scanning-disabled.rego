# METADATA
# title: Amazon Inspector does not scan the ECR repositories of a region
# description: |
#   The account keeps ECR repositories in a region where Amazon Inspector's ECR scanning is
#   not enabled (or Inspector itself is not): images are not scanned when pushed, nor again
#   when a new vulnerability (CVE) is published for a package they hold. (A repository's own
#   basic scan on push is judged by `ecr-repository-image-scanning-disabled`.) Regions
#   without repositories pass. Regions whose Inspector status or repositories could not be
#   read are `not-evaluated`. AWS Foundational Security Best Practices Inspector.2.
# custom:
#   id: inspector2-ecr-scanning-disabled
#   severity: medium
#   resource_type: AWS::Inspector2::Enabler
#   scope: logging.inspector2
#   inputs: [compute.ecr_repositories]
#   needs: [inspector2:BatchGetAccountStatus]
#   remediation: |
#     `aws inspector2 enable --resource-types ECR` in the region (or from the delegated
#     administrator, with auto-enable for members); the registry's scanning configuration
#     then switches to enhanced scanning. Terraform: `aws_inspector2_enabler` with
#     `resource_types = ["ECR"]`.
#   references:
#     - https://docs.aws.amazon.com/inspector/latest/user/scanning-ecr.html
package palisade.inspector2.ecr_scanning_disabled

import data.palisade.lib.index
import data.palisade.lib.inspector
import rego.v1

checked contains i.arn if some i in input.logging.inspector2

repositories(i) := [r.name | some r in index.lookup("ecr_repositories_by_place", [i.account_id, i.region])]

deny contains result if {
	some i in input.logging.inspector2
	result := inspector.unscanned(i, "ecr", "ECR repositories", repositories(i))
}
