# METADATA
# title: Amazon Inspector does not scan the Lambda functions of a region
# description: |
#   The account runs Lambda functions in a region where Amazon Inspector's Lambda standard
#   scanning is not enabled (or Inspector itself is not): nothing reports a function, or a
#   layer it uses, that packages a dependency with a known vulnerability (CVE). Regions
#   without functions pass. Regions whose Inspector status or functions could not be read
#   are `not-evaluated`. AWS Foundational Security Best Practices Inspector.4 (Lambda code
#   scanning, Inspector.3, is not judged).
# custom:
#   id: inspector2-lambda-scanning-disabled
#   severity: medium
#   resource_type: AWS::Inspector2::Enabler
#   scope: logging.inspector2
#   inputs: [compute.lambda_functions]
#   needs: [inspector2:BatchGetAccountStatus]
#   remediation: |
#     `aws inspector2 enable --resource-types LAMBDA` in the region (add `LAMBDA_CODE` to scan
#     the functions' own code too), or from the delegated administrator with auto-enable for
#     members. Terraform: `aws_inspector2_enabler` with `resource_types = ["LAMBDA"]`.
#   references:
#     - https://docs.aws.amazon.com/inspector/latest/user/scanning-lambda.html
package palisade.inspector2.lambda_scanning_disabled

import data.palisade.lib.index
import data.palisade.lib.inspector
import rego.v1

checked contains i.arn if some i in input.logging.inspector2

functions(i) := [f.name | some f in index.lookup("lambda_functions_by_place", [i.account_id, i.region])]

deny contains result if {
	some i in input.logging.inspector2
	result := inspector.unscanned(i, "lambda", "Lambda functions", functions(i))
}
