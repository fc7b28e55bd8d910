# METADATA
# title: Secrets Manager secret policy allows any principal
# description: |
#   The secret's resource policy has an Allow statement whose principal is `*` (or
#   `{"AWS": "*"}`) with no Condition, so any AWS account, not only yours, may call the
#   actions it lists on the secret: `secretsmanager:GetSecretValue` hands out the credential
#   itself. (Reading the value also needs `kms:Decrypt` on the secret's key, which the default
#   `aws/secretsmanager` key refuses to other accounts; a customer managed key whose policy is
#   open does not.) Secrets whose policy could not be read are `not-evaluated`.
# custom:
#   id: secretsmanager-secret-policy-open-to-any-principal
#   severity: high
#   resource_type: AWS::SecretsManager::Secret
#   scope: storage.secrets
#   needs: [secretsmanager:ListSecrets, secretsmanager:GetResourcePolicy]
#   remediation: |
#     Name the accounts or roles that need the secret as principals, or add a condition such
#     as `aws:PrincipalOrgID`; then `aws secretsmanager validate-resource-policy` and
#     `put-resource-policy --block-public-policy`, which refuses policies that grant broad
#     access. Terraform: `aws_secretsmanager_secret_policy` with `block_public_policy = true`.
#   references:
#     - https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_resource-policies.html
#     - https://docs.aws.amazon.com/secretsmanager/latest/userguide/determine-acccess_examine-iam-policies.html
package palisade.secretsmanager.secret_policy_open_to_any_principal

import data.palisade.lib.iam
import rego.v1

checked contains s.arn if some s in input.storage.secrets

deny contains result if {
	some s in input.storage.secrets
	some i, stmt in iam.open_statements(object.get(s, "policy", null))
	result := {
		"arn": s.arn,
		"message": sprintf("Secrets Manager secret %s in %s (account %s): resource policy %s", [s.name, s.region, s.account_id, iam.open_text(i, stmt)]),
		"evidence": {"statement": stmt},
	}
}
