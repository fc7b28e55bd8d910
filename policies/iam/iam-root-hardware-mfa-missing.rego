# METADATA
# title: Root user has no hardware MFA device
# description: |
#   The root user's MFA is a virtual device (an authenticator app), or it has no MFA at all
#   (CIS AWS Foundations 1.6). A virtual device lives on a phone or laptop that is itself
#   exposed to malware, backup and loss; for the one credential that can do anything and cannot
#   be limited by policy, CIS asks for a hardware device: a FIDO2 security key or a hardware
#   TOTP token. Whether root has MFA comes from the account summary (AccountMFAEnabled), the
#   device kind from ListVirtualMFADevices (is a virtual device assigned to root?); an account
#   whose listing was not read is judged only when root has no MFA at all.
# custom:
#   id: iam-root-hardware-mfa-missing
#   severity: medium
#   resource_type: AWS::Account
#   scope: iam.account_summaries
#   inputs: [iam.credential_reports]
#   remediation: |
#     Sign in as root, open "Security credentials", register a FIDO2 security key or a hardware
#     TOTP token, then remove the virtual device. Keep the hardware device (and a second one)
#     in a safe with a documented break-glass procedure. For member accounts of an AWS
#     Organization, centralized root access removes root credentials altogether.
#   references:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable_physical.html
package palisade.iam.root_hardware_mfa_missing

import data.palisade.lib.index
import data.palisade.lib.util
import rego.v1

# Whether a virtual MFA device is assigned to root: true, false, or undefined when not listed.
root_virtual_mfa(account) := v if {
	some report in index.lookup("credential_reports_by_account", [account])
	v := report.root_virtual_mfa
	is_boolean(v)
}

virtual_or_null(account) := v if {
	v := root_virtual_mfa(account)
} else := null

# What is wrong with root's MFA; "" when it is a hardware device.
problem(s) := "has no MFA device at all" if {
	not s.account_mfa_enabled == true
} else := "has only a virtual MFA device (an authenticator app)" if {
	root_virtual_mfa(s.account_id) == true
} else := ""

# Judged when root has no MFA, or when the listing says what kind root's device is.
judged(s) if not s.account_mfa_enabled == true

judged(s) if root_virtual_mfa(s.account_id)

judged(s) if root_virtual_mfa(s.account_id) == false

checked contains util.account_arn(s.account_id) if {
	some s in input.iam.account_summaries
	judged(s)
}

deny contains result if {
	some s in input.iam.account_summaries
	judged(s)
	why := problem(s)
	why != ""
	result := {
		"arn": util.account_arn(s.account_id),
		"message": sprintf("The root user of account %s %s; CIS asks for a hardware MFA device", [s.account_id, why]),
		"evidence": {
			"account_mfa_enabled": object.get(s, "account_mfa_enabled", false),
			"root_virtual_mfa": virtual_or_null(s.account_id),
		},
	}
}
