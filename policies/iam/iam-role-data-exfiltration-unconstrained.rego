# METADATA
# title: IAM role can read data from every resource
# description: |
#   The effective permissions of an IAM role allow actions that read data out of the account
#   (s3:GetObject, secretsmanager:GetSecretValue, ssm:GetParameter, kms:Decrypt, dynamodb:Scan,
#   sqs:ReceiveMessage, logs:GetLogEvents and similar) on Resource "*", that is on every bucket,
#   secret, parameter, key and table, including ones created later. If its credentials leak,
#   everything those actions can read leaks with them. Actions allowed only under conditions are
#   marked. Admin-equivalent principals are reported by iam-role-admin-equivalent instead.
#   Service-linked roles, and roles without analysis facts, are not checked.
# custom:
#   id: iam-role-data-exfiltration-unconstrained
#   severity: medium
#   resource_type: AWS::IAM::Role
#   scope: iam.roles
#   inputs: [iam.users, iam.groups, iam.policies]
#   needs: [iam:GetAccountAuthorizationDetails]
#   remediation: |
#     Scope the Resource of the data-reading actions to the specific buckets, prefixes, secrets,
#     parameters, keys and tables the role needs (`arn:aws:s3:::reports-bucket/exports/*`,
#     `arn:aws:secretsmanager:REGION:ACCOUNT:secret:app/*`), or add conditions such as
#     `aws:ResourceTag` or `s3:prefix`. Find the statements in the "allowed by" part of the
#     finding and publish fixed versions: `aws iam create-policy-version --policy-arn ARN
#     --policy-document file://scoped.json --set-as-default`, or `aws iam put-role-policy
#     --role-name NAME --policy-name POLICY --policy-document file://scoped.json`. IAM Access
#     Analyzer can generate a scoped policy from CloudTrail activity. Terraform: replace
#     `resources = ["*"]` in the `aws_iam_policy_document` with the specific ARNs.
#   references:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-policy-generation.html
package palisade.iam.role_data_exfiltration_unconstrained

import rego.v1

checked contains r.arn if {
	some r in input.iam.roles
	facts(r)
}

deny contains result if {
	some r in input.iam.roles
	f := facts(r)
	object.get(f, "admin", null) == null
	allowed := object.get(f, "exfiltration", [])
	count(allowed) > 0
	vias := {a.via | some a in allowed; is_string(a.via); a.via != ""}
	result := {
		"arn": r.arn,
		"message": sprintf("IAM role %s can read data from every resource (Resource \"*\"): %s%s", [
			r.name, concat(", ", [action_text(a) | some a in allowed]), via_text(vias),
		]),
		"evidence": {"exfiltration": allowed},
	}
}

action_text(a) := sprintf("%v (conditionally)", [a.action]) if a.conditional == true

action_text(a) := sprintf("%v", [a.action]) if not a.conditional == true

via_text(vias) := sprintf("; allowed by %s", [concat(", ", sort(vias))]) if count(vias) > 0

via_text(vias) := "" if count(vias) == 0

# facts(r): the role's effective-permission analysis, when the role is in scope (not
# service-linked, and analysed).
facts(r) := f if {
	not r.service_linked == true
	f := input.facts.iam.principals[r.arn]
	not f.service_linked == true
}
