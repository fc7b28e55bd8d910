# METADATA
# title: Lambda function keeps secrets in plain environment variables
# description: |
#   An environment variable of the function holds what looks like a credential in plain text:
#   an AWS access key id or a PEM private key (whatever the variable's name), or a literal
#   value in a variable named like a secret (`PASSWORD`, `SECRET`, `TOKEN`, `API_KEY`,
#   `PRIVATE_KEY`, `CREDENTIAL`...; not `…_NAME`, `…_ARN`, `…_URL` and other names that
#   point at a secret). Anyone allowed `lambda:GetFunctionConfiguration` reads it
#   in the console or the API, and it is copied into every version. Values that reference
#   Secrets Manager or Parameter Store, or that the Lambda encryption helpers encrypted with
#   KMS, are not reported. Palisade classifies values while collecting and never stores them:
#   findings name the variables, not what they hold.
# custom:
#   id: lambda-function-secrets-in-environment
#   severity: high
#   resource_type: AWS::Lambda::Function
#   scope: compute.lambda_functions
#   needs: [lambda:ListFunctions]
#   remediation: |
#     Move the secret to Secrets Manager (or a SecureString parameter), grant the function's
#     role `secretsmanager:GetSecretValue` on it, and read it at start-up (the AWS Parameters
#     and Secrets Lambda extension caches it); put only the secret's ARN in the variable. Then
#     rotate the secret that was exposed. For AWS keys, give the function's role the
#     permissions instead and delete the access key.
#   references:
#     - https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html
#     - https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html
package palisade.lambda.function_secrets_in_environment

import data.palisade.lib.environment
import rego.v1

checked contains f.arn if some f in input.compute.lambda_functions

deny contains result if {
	some f in input.compute.lambda_functions
	exposed := environment.exposed_in(f.environment)
	count(exposed) > 0
	result := {
		"arn": f.arn,
		"message": sprintf("Lambda function %s in %s (account %s) keeps secrets in plain environment variables: %s", [f.name, f.region, f.account_id, environment.described(exposed)]),
		"evidence": {"variables": exposed},
	}
}
