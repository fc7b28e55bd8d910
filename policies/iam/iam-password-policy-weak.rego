# METADATA
# title: Account password policy is missing or weak
# description: |
#   The account has no IAM password policy, or its policy allows passwords shorter than 12
#   characters, lets users reuse one of their last 4 passwords, never expires passwords or
#   expires them after more than 90 days, or does not require both letters and numbers. Weak
#   IAM user passwords are guessed and stuffed from breach lists; PCI DSS sets these minimums
#   for passwords used as an authentication factor.
# custom:
#   id: iam-password-policy-weak
#   severity: medium
#   resource_type: AWS::Account
#   scope: iam.password_policies
#   remediation: |
#     Set a strong policy, e.g. `aws iam update-account-password-policy
#     --minimum-password-length 14 --require-numbers --require-uppercase-characters
#     --require-lowercase-characters --require-symbols --password-reuse-prevention 24
#     --max-password-age 90`. Terraform: `aws_iam_account_password_policy` with
#     `minimum_password_length`, `require_numbers`, `require_uppercase_characters`,
#     `password_reuse_prevention` and `max_password_age`. Prefer federation (IAM Identity
#     Center) so that people have no IAM passwords at all.
#   references:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html
package palisade.iam.password_policy_weak

import data.palisade.lib.util
import rego.v1

checked contains util.account_arn(rec.account_id) if some rec in input.iam.password_policies

# weaknesses(p): every way the password policy `p` falls short, as phrases, in a fixed order.
# Each check gives [] or [reason]. (Written without comprehensions inside an array literal:
# regorus's compiled engine mis-evaluated that form here.)
weaknesses(p) := array.concat(
	array.concat(array.concat(short(p), no_reuse_limit(p)), array.concat(small_reuse_limit(p), no_expiry(p))),
	array.concat(array.concat(long_expiry(p), no_numbers(p)), no_letters(p)),
)

short(p) := [sprintf("minimum length is %v (at least 12 required)", [n])] if {
	n := object.get(p, "minimum_password_length", 0)
	n < 12
} else := []

no_reuse_limit(p) := ["password reuse is not restricted (at least the last 4 passwords must be blocked)"] if {
	object.get(p, "password_reuse_prevention", null) == null
} else := []

small_reuse_limit(p) := [sprintf("password reuse prevention remembers only %v passwords (at least 4 required)", [n])] if {
	n := object.get(p, "password_reuse_prevention", null)
	is_number(n)
	n < 4
} else := []

no_expiry(p) := ["passwords never expire (at most 90 days allowed)"] if {
	object.get(p, "max_password_age", null) == null
} else := []

long_expiry(p) := [sprintf("passwords expire after %v days (at most 90 allowed)", [n])] if {
	n := object.get(p, "max_password_age", null)
	is_number(n)
	n > 90
} else := []

no_numbers(p) := ["numbers are not required"] if {
	not object.get(p, "require_numbers", false) == true
} else := []

no_letters(p) := ["letters are not required (neither uppercase nor lowercase characters)"] if {
	not requires_letters(p)
} else := []

requires_letters(p) if p.require_uppercase_characters == true

requires_letters(p) if p.require_lowercase_characters == true

deny contains result if {
	some rec in input.iam.password_policies
	object.get(rec, "policy", null) == null
	result := {
		"arn": util.account_arn(rec.account_id),
		"message": sprintf("Account %s has no IAM password policy (AWS defaults apply: 8 characters, no reuse prevention, no expiry)", [rec.account_id]),
		"evidence": {"policy": null},
	}
}

deny contains result if {
	some rec in input.iam.password_policies
	p := rec.policy
	is_object(p)
	found := weaknesses(p)
	count(found) > 0
	result := {
		"arn": util.account_arn(rec.account_id),
		"message": sprintf("Account %s has a weak IAM password policy: %s", [rec.account_id, concat("; ", found)]),
		"evidence": {"policy": p, "weaknesses": found},
	}
}
