# METADATA
# title: Customer-managed policy document cannot be parsed
# description: |
#   The default version of a customer-managed IAM policy could not be parsed as an IAM policy
#   document: it is not valid JSON, has an unknown Version, a statement without Effect or
#   Action, or values of the wrong type. AWS validates documents when they are written, so this
#   usually means the policy was changed outside AWS's validation (a hand-edited or corrupted
#   snapshot) or uses grammar Palisade does not understand. Either way the permissions it grants
#   cannot be verified: the users, groups and roles it is attached to are reported as
#   not-evaluated by the effective-permission checks, and the document checks skip it.
#   AWS-managed policies are not checked.
# custom:
#   id: iam-policy-document-malformed
#   severity: medium
#   resource_type: AWS::IAM::ManagedPolicy
#   scope: iam.policies
#   remediation: |
#     Read the default version (`aws iam get-policy-version --policy-arn ARN --version-id $(aws
#     iam get-policy --policy-arn ARN --query Policy.DefaultVersionId --output text)`), validate
#     it with IAM Access Analyzer (`aws accessanalyzer validate-policy --policy-type
#     IDENTITY_POLICY --policy-document file://policy.json`), fix what the finding quotes and
#     publish the fixed document as the new default version (`aws iam create-policy-version
#     --policy-arn ARN --policy-document file://policy.json --set-as-default`). Terraform:
#     generate the document with an `aws_iam_policy_document` data source instead of a
#     hand-written JSON string. If AWS accepts the document as it is, report the error to the
#     Palisade maintainers.
#   references:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-policy-validation.html
package palisade.iam.policy_document_malformed

import rego.v1

checked contains p.arn if {
	some p in input.iam.policies
	not p.aws_managed == true
	input.facts.iam.documents[p.arn]
}

deny contains result if {
	some p in input.iam.policies
	not p.aws_managed == true
	d := input.facts.iam.documents[p.arn]
	err := object.get(d, "error", null)
	err != null
	result := {
		"arn": p.arn,
		"message": sprintf("Customer-managed policy %s (account %s, attachment count %v) has a default version document that cannot be parsed: \"%v\"", [
			p.name, p.account_id, object.get(p, "attachment_count", 0), err,
		]),
		"evidence": {"error": err, "default_version_id": object.get(p, "default_version_id", null)},
	}
}
