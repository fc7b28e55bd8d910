# METADATA
# title: Role trusts a federated identity provider without an audience condition
# description: |
#   A role's trust policy lets a federated principal (an OIDC provider such as GitHub Actions,
#   EKS, Google or Cognito identity pools, or a SAML provider) assume it with
#   sts:AssumeRoleWithWebIdentity or sts:AssumeRoleWithSAML (directly, through `sts:*` or `*`)
#   without a condition on the provider's audience key: `<provider>:aud` for OIDC providers
#   (`graph.facebook.com:app_id` and `www.amazon.com:app_id` for those two), `SAML:aud` for SAML
#   providers. Without it, tokens the provider issued for any application are accepted; for
#   `cognito-identity.amazonaws.com`, which every AWS customer shares, identities of any identity
#   pool in any account can assume the role. For GitHub's provider
#   (`token.actions.githubusercontent.com`) the trust must also condition
#   `token.actions.githubusercontent.com:sub`, or any workflow of any repository on GitHub can
#   assume the role. A condition that only tests the key's presence (`Null`), negates it
#   (`StringNotEquals`, `StringNotLike`) or matches only wildcards (`"*"`) does not count.
#   Service-linked roles are not checked.
# custom:
#   id: iam-role-trust-federated-without-audience
#   severity: high
#   resource_type: AWS::IAM::Role
#   scope: iam.roles
#   remediation: |
#     Add the missing keys to the Condition of the trust statement: for GitHub Actions
#     `"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}` and
#     `"StringLike": {"token.actions.githubusercontent.com:sub": "repo:ORG/REPO:ref:refs/heads/main"}`
#     (or `repo:ORG/REPO:environment:prod`); for Cognito `"StringEquals":
#     {"cognito-identity.amazonaws.com:aud": "REGION:IDENTITY-POOL-ID"}`; for EKS
#     `"StringEquals": {"oidc.eks.REGION.amazonaws.com/id/ID:aud": "sts.amazonaws.com",
#     "oidc.eks.REGION.amazonaws.com/id/ID:sub": "system:serviceaccount:NAMESPACE:NAME"}`; for
#     SAML `"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}`. Apply it with
#     `aws iam update-assume-role-policy --role-name ROLE --policy-document file://trust.json`.
#     Terraform: add `condition` blocks to the `aws_iam_policy_document` used as the role's
#     `assume_role_policy`.
#   references:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_saml.html
#     - https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services
#     - https://docs.aws.amazon.com/cognito/latest/developerguide/iam-roles.html
package palisade.iam.role_trust_federated_without_audience

import data.palisade.lib.iam
import data.palisade.lib.util
import rego.v1

checked contains r.arn if {
	some r in input.iam.roles
	not r.service_linked == true
}

deny contains result if {
	some r in input.iam.roles
	not r.service_linked == true
	some i, stmt in iam.statements(r.trust_policy)
	stmt.Effect == "Allow"
	some principal in federated(stmt)
	provider := provider_info(principal)
	iam.statement_allows(stmt, provider.action)
	missing := [m | some m in provider.required; not constrained(stmt, m.key)]
	count(missing) > 0
	result := {
		"arn": r.arn,
		"message": sprintf("Role %s (account %s) trust policy %s lets federated principal %s assume it (%s) with no condition on %s", [
			r.name, r.account_id, iam.statement_label(i, stmt), principal, provider.action,
			concat("; nor on ", [sprintf("%s (%s)", [m.key, m.why]) | some m in missing]),
		]),
		"evidence": {"statement": stmt, "federated_principal": principal, "missing_condition_keys": [m.key | some m in missing]},
	}
}

# federated(stmt): the `Principal.Federated` strings of a statement.
federated(stmt) := iam.strings(object.get(stmt.Principal, "Federated", null)) if is_object(stmt.Principal)

# provider_info(p): the action a federated principal uses and the condition keys it needs.
provider_info(p) := {
	"action": "sts:AssumeRoleWithSAML",
	"required": [{"key": "SAML:aud", "why": "SAML assertions meant for any recipient are accepted"}],
} if contains(p, ":saml-provider/")

provider_info(p) := {
	"action": "sts:AssumeRoleWithWebIdentity",
	"required": oidc_keys(oidc_host(p)),
} if not contains(p, ":saml-provider/")

# oidc_host(p): the provider's name as condition keys use it: the part of an OIDC provider ARN
# after `oidc-provider/` (`token.actions.githubusercontent.com`,
# `oidc.eks.us-east-1.amazonaws.com/id/ABC`), or the principal itself
# (`cognito-identity.amazonaws.com`, `accounts.google.com`).
oidc_host(p) := substring(p, indexof(p, ":oidc-provider/") + 15, -1) if contains(p, ":oidc-provider/")

oidc_host(p) := p if not contains(p, ":oidc-provider/")

oidc_keys(host) := [
	{"key": sprintf("%s:aud", [host]), "why": "tokens GitHub issues for any audience are accepted"},
	{"key": sprintf("%s:sub", [host]), "why": "any GitHub Actions workflow of any repository can assume the role"},
] if github(host)

oidc_keys(host) := [{"key": "cognito-identity.amazonaws.com:aud", "why": "identities of any Cognito identity pool, in any AWS account, can assume the role"}] if {
	host == "cognito-identity.amazonaws.com"
}

oidc_keys(host) := [{"key": sprintf("%s:app_id", [host]), "why": "tokens issued for any application are accepted"}] if {
	host in {"graph.facebook.com", "www.amazon.com"}
}

oidc_keys(host) := [{"key": sprintf("%s:aud", [host]), "why": "tokens issued for any application are accepted"}] if {
	not github(host)
	not host in {"cognito-identity.amazonaws.com", "graph.facebook.com", "www.amazon.com"}
}

# github(host): GitHub Actions' issuer, or a GitHub Enterprise Cloud issuer under it.
github(host) if host == "token.actions.githubusercontent.com"

github(host) if startswith(host, "token.actions.githubusercontent.com/")

# constrained(stmt, key): some operator of the statement's Condition limits `key` to values
# that are not only wildcards. Condition keys and operators are case-insensitive; `Null` (a
# presence test) and negated operators (`StringNotEquals`, `StringNotLike`) do not constrain.
constrained(stmt, key) if {
	cond := object.get(stmt, "Condition", null)
	is_object(cond)
	some op, body in cond
	is_string(op)
	restricting_operator(lower(op))
	is_object(body)
	some k, values in body
	is_string(k)
	lower(k) == lower(key)
	some v in util.as_array(values)
	not wildcard_only(v)
}

restricting_operator(op) if {
	op != "null"
	not contains(op, "not")
}

wildcard_only(v) if {
	is_string(v)
	trim(v, "*?") == ""
}
