# METADATA
# title: Account has no security contact
# description: |
#   The account has no alternate contact of type SECURITY (CIS AWS Foundations 1.2). AWS
#   sends abuse reports, notices of exposed credentials and other security notifications to
#   the root user's email and to this contact; without one they reach only a mailbox that is
#   often unmonitored or belongs to whoever opened the account. Accounts whose contact could not
#   be read (the call needs `account:GetAlternateContact`) are `not-evaluated`.
# custom:
#   id: account-security-contact-missing
#   severity: low
#   resource_type: AWS::Account
#   scope: iam.security_contacts
#   remediation: |
#     `aws account put-alternate-contact --alternate-contact-type SECURITY --name "Security team"
#     --title "Security" --email-address security@example.com --phone-number "+1 555 0100"`
#     (from the management account add `--account-id` for a member account). Use a team alias
#     and a phone that reaches an on-call rota, not one person. Terraform:
#     `aws_account_alternate_contact` with `alternate_contact_type = "SECURITY"`.
#   references:
#     - https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-alternate.html
package palisade.account.security_contact_missing

import data.palisade.lib.util
import rego.v1

checked contains util.account_arn(r.account_id) if some r in input.iam.security_contacts

deny contains result if {
	some r in input.iam.security_contacts
	not is_object(object.get(r, "contact", null))
	result := {
		"arn": util.account_arn(r.account_id),
		"message": sprintf("Account %s has no alternate security contact: AWS security notifications reach only the root user's email", [r.account_id]),
		"evidence": {"contact": null},
	}
}
