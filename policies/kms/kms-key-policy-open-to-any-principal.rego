# METADATA
# title: KMS key policy allows any principal
# description: |
#   A KMS key policy has an Allow statement whose Principal is "*" (or {"AWS": "*"}) with no
#   Condition. Anyone with AWS credentials, in any account, can then use or manage the key as
#   far as the statement's actions go, for example decrypting data protected by the key or
#   scheduling its deletion.
# custom:
#   id: kms-key-policy-open-to-any-principal
#   severity: critical
#   resource_type: AWS::KMS::Key
#   scope: storage.kms_keys
#   needs: [kms:DescribeKey, kms:GetKeyPolicy]
#   remediation: |
#     Replace the wildcard principal with the specific account roots, roles or services that
#     need the key, or keep it and add conditions such as `kms:CallerAccount`,
#     `kms:ViaService` or `aws:PrincipalOrgID`:
#     `aws kms put-key-policy --key-id KEY_ID --policy-name default --policy file://policy.json`.
#     Terraform: fix the `policy` of the `aws_kms_key` (or `aws_kms_key_policy`).
#   references:
#     - https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html
#     - https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
package palisade.kms.key_policy_open_to_any_principal

import data.palisade.lib.iam
import rego.v1

checked contains k.arn if {
	some k in input.storage.kms_keys
	object.get(k, "policy", null) != null
}

deny contains result if {
	some k in input.storage.kms_keys
	some i, stmt in iam.open_statements(object.get(k, "policy", null))
	result := {
		"arn": k.arn,
		"message": sprintf("KMS key %s%s in %s (account %s): key policy %s", [k.id, alias_text(k), k.region, k.account_id, iam.open_text(i, stmt)]),
		"evidence": {"statement": stmt},
	}
}

alias_text(k) := sprintf(" (%s)", [concat(", ", k.aliases)]) if count(object.get(k, "aliases", [])) > 0

alias_text(k) := "" if count(object.get(k, "aliases", [])) == 0
