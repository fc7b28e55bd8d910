# METADATA
# title: Secrets Manager secret is not rotated automatically
# description: |
#   A secret has no automatic rotation, so the password or key it holds stays the same until
#   someone changes it by hand: one leaked copy (a log, a laptop, a former employee, a
#   compromised build) keeps working indefinitely. Rotation changes the credential on a
#   schedule and updates the secret in the same step. Secrets owned by another service (RDS,
#   Redshift and others manage and rotate their own) are not judged. AWS Foundational Security
#   Best Practices SecretsManager.1.
# custom:
#   id: secretsmanager-secret-rotation-disabled
#   severity: medium
#   resource_type: AWS::SecretsManager::Secret
#   scope: storage.secrets
#   needs: [secretsmanager:ListSecrets]
#   remediation: |
#     `aws secretsmanager rotate-secret --secret-id NAME --rotation-lambda-arn FUNCTION
#     --rotation-rules AutomaticallyAfterDays=30` (AWS provides rotation functions for RDS,
#     Redshift, DocumentDB and other databases), or managed rotation where the service offers
#     it. Terraform: `aws_secretsmanager_secret_rotation`.
#   references:
#     - https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html
package palisade.secretsmanager.secret_rotation_disabled

import rego.v1

judged(s) if object.get(s, "owning_service", null) == null

checked contains s.arn if {
	some s in input.storage.secrets
	judged(s)
}

deny contains result if {
	some s in input.storage.secrets
	judged(s)
	not s.rotation_enabled == true
	result := {
		"arn": s.arn,
		"message": sprintf("Secrets Manager secret %s (account %s, %s) has no automatic rotation", [s.name, s.account_id, s.region]),
		"evidence": {"rotation_enabled": object.get(s, "rotation_enabled", null)},
	}
}
