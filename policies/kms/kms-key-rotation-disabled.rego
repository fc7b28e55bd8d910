# METADATA
# title: KMS customer managed key has automatic rotation disabled
# description: |
#   An enabled, symmetric, customer managed KMS key does not have automatic key rotation
#   turned on. Rotation gives the key new cryptographic material every year (or on the period
#   you set) while keeping old material for decryption, which limits how much data any one
#   key version protects and meets cryptoperiod requirements without re-encrypting data.
#   Asymmetric, HMAC and AWS managed keys, disabled keys and keys whose rotation status
#   could not be read are not checked.
# custom:
#   id: kms-key-rotation-disabled
#   severity: medium
#   resource_type: AWS::KMS::Key
#   scope: storage.kms_keys
#   needs: [kms:DescribeKey, kms:GetKeyRotationStatus]
#   remediation: |
#     `aws kms enable-key-rotation --key-id KEY_ID` (optionally
#     `--rotation-period-in-days 90..2560`). Terraform: `enable_key_rotation = true` (and
#     `rotation_period_in_days`) on the `aws_kms_key`.
#   references:
#     - https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html
package palisade.kms.key_rotation_disabled

import rego.v1

in_scope(k) if {
	k.manager == "CUSTOMER"
	k.state == "Enabled"
	object.get(k, "key_spec", "SYMMETRIC_DEFAULT") == "SYMMETRIC_DEFAULT"
	is_boolean(object.get(k, "rotation_enabled", null))
}

checked contains k.arn if {
	some k in input.storage.kms_keys
	in_scope(k)
}

deny contains result if {
	some k in input.storage.kms_keys
	in_scope(k)
	k.rotation_enabled == false
	result := {
		"arn": k.arn,
		"message": sprintf("KMS key %s%s in %s (account %s) is a customer managed symmetric key with automatic rotation disabled", [k.id, alias_text(k), k.region, k.account_id]),
		"evidence": {"rotation_enabled": false, "key_spec": object.get(k, "key_spec", "SYMMETRIC_DEFAULT")},
	}
}

alias_text(k) := sprintf(" (%s)", [concat(", ", k.aliases)]) if count(object.get(k, "aliases", [])) > 0

alias_text(k) := "" if count(object.get(k, "aliases", [])) == 0
