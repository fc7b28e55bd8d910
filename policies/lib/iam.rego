# Helpers for IAM and resource policy documents shared by the IAM and KMS policies:
# full-admin statements, trust-policy principals and conditions, and message fragments.
# Every helper tolerates malformed documents (null, strings, missing fields) instead of raising
# a type error, since one bad document must not make a whole policy fail to evaluate.
package palisade.lib.iam

import data.palisade.lib.util
import rego.v1

# statements(doc): util.statements for a document that may be null, JSON text or malformed.
statements(doc) := util.statements(document(doc))

# document(doc): a policy document as an object: itself, parsed from JSON text, or {}.
document(doc) := doc if is_object(doc)

document(doc) := parsed if {
	is_string(doc)
	json.is_valid(doc)
	parsed := json.unmarshal(doc)
	is_object(parsed)
}

document(doc) := {} if {
	not is_object(doc)
	not parsed_object(doc)
}

parsed_object(doc) if {
	is_string(doc)
	json.is_valid(doc)
	is_object(json.unmarshal(doc))
}

# strings(x): the string values of x (a string, an array, or null/undefined).
strings(x) := [s | some s in util.as_array(x); is_string(s)]

# has_condition(stmt): the statement has a non-empty Condition block.
has_condition(stmt) if {
	cond := object.get(stmt, "Condition", null)
	is_object(cond)
	count(cond) > 0
}

# condition_keys(stmt): the condition keys of a statement, across every operator, sorted.
condition_keys(stmt) := sort({k |
	cond := object.get(stmt, "Condition", null)
	is_object(cond)
	some body in cond
	is_object(body)
	some k, _ in body
})

# has_condition_key(stmt, keys): some operator of the Condition tests a key in `keys`
# (lower-case names; condition keys are case-insensitive).
has_condition_key(stmt, keys) if {
	some k in condition_keys(stmt)
	is_string(k)
	lower(k) in keys
}

# --- Full administrative access ---------------------------------------------------------

# full_admin_action(a): the action pattern that matches every action of every service.
full_admin_action(a) if a in {"*", "*:*"}

# admin_statement(stmt): an Allow statement that grants every action on every resource
# (`Action: "*"` / `"*:*"`), or that uses NotAction on every resource, which allows every
# action it does not list and so is admin-equivalent.
admin_statement(stmt) if {
	stmt.Effect == "Allow"
	some a in strings(object.get(stmt, "Action", null))
	full_admin_action(a)
	util.all_resources(stmt)
}

admin_statement(stmt) if {
	stmt.Effect == "Allow"
	count(util.as_array(object.get(stmt, "NotAction", null))) > 0
	util.all_resources(stmt)
}

# admin_statements(doc): [{"index": i, "statement": stmt}] for every admin statement of doc.
admin_statements(doc) := [{"index": i, "statement": stmt} |
	some i, stmt in statements(doc)
	admin_statement(stmt)
]

# --- Message fragments ------------------------------------------------------------------

# statement_label(i, stmt): `statement "Sid"`, or `statement #n` (1-based) without a Sid.
statement_label(_, stmt) := sprintf("statement \"%s\"", [stmt.Sid]) if sid_present(stmt)

statement_label(i, stmt) := sprintf("statement #%d", [i + 1]) if {
	not sid_present(stmt)
}

sid_present(stmt) if {
	is_string(stmt.Sid)
	stmt.Sid != ""
}

# grant_text(stmt): what the statement allows, e.g. `Action "*" on Resource "*"` or
# `NotAction ["iam:*"] on Resource "*"`.
grant_text(stmt) := sprintf("%s on %s", [actions_text(stmt), resources_text(stmt)])

actions_text(stmt) := sprintf("NotAction %s", [json.marshal(stmt.NotAction)]) if {
	has_key(stmt, "NotAction")
}

actions_text(stmt) := sprintf("Action %s", [json.marshal(object.get(stmt, "Action", null))]) if {
	not has_key(stmt, "NotAction")
}

resources_text(stmt) := sprintf("NotResource %s", [json.marshal(stmt.NotResource)]) if {
	has_key(stmt, "NotResource")
}

resources_text(stmt) := sprintf("Resource %s", [json.marshal(object.get(stmt, "Resource", null))]) if {
	not has_key(stmt, "NotResource")
}

has_key(obj, key) if {
	is_object(obj)
	key in object.keys(obj)
}

# condition_text(stmt): `with no Condition`, or which condition keys restrict it.
condition_text(stmt) := sprintf("restricted by a Condition on %s", [concat(", ", [sprintf("%v", [k]) | some k in condition_keys(stmt)])]) if {
	has_condition(stmt)
}

condition_text(stmt) := "with no Condition" if not has_condition(stmt)

# --- Trust policies ---------------------------------------------------------------------

# allows_assume(stmt): an Allow statement whose actions cover an action that lets a principal
# obtain the role's credentials (sts:AssumeRole, sts:AssumeRoleWithSAML,
# sts:AssumeRoleWithWebIdentity), directly, through `sts:*`/`*`, or through a NotAction that does
# not exclude it.
allows_assume(stmt) if {
	some a in ["sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity"]
	statement_allows(stmt, a)
}

# statement_allows(stmt, action): like util.statement_allows, with a faster matcher.
statement_allows(stmt, action) if {
	stmt.Effect == "Allow"
	some p in strings(object.get(stmt, "Action", null))
	action_matches(p, action)
}

statement_allows(stmt, action) if {
	stmt.Effect == "Allow"
	not_actions := strings(object.get(stmt, "NotAction", null))
	count(not_actions) > 0
	every p in not_actions {
		not action_matches(p, action)
	}
}

# action_matches(pattern, action): IAM wildcard match, case-insensitive. The common shapes
# (exact names, "*", "sts:*", "sts:Assume*") are matched with string functions: regorus
# compiles a glob on every glob.match call, which is slow over thousands of roles.
action_matches(pattern, action) if pattern_matches(lower(pattern), lower(action))

pattern_matches(p, a) if p == a

pattern_matches(p, a) if {
	endswith(p, "*")
	prefix := trim_suffix(p, "*")
	not has_wildcard(prefix)
	startswith(a, prefix)
}

pattern_matches(p, a) if {
	has_wildcard(trim_suffix(p, "*"))
	glob.match(p, [], a)
}

has_wildcard(p) if contains(p, "*")

has_wildcard(p) if contains(p, "?")

# aws_principals(stmt): the `Principal.AWS` strings of a statement (not Service/Federated).
aws_principals(stmt) := strings(object.get(stmt.Principal, "AWS", null)) if is_object(stmt.Principal)

aws_principals(stmt) := [] if not is_object(stmt.Principal)

# any_principal(stmt): `Principal: "*"` or `Principal: {"AWS": "*"}` (alone or in an array).
any_principal(stmt) if stmt.Principal == "*"

any_principal(stmt) if "*" in aws_principals(stmt)

# open_statements(doc): the statements of a resource policy (parsed or JSON text) that allow
# any principal with no Condition, by their index in the document. The resource-policy
# policies (KMS keys, SQS queues, SNS topics, Secrets Manager secrets) report these.
open_statements(doc) := {i: stmt |
	some i, stmt in statements(doc)
	stmt.Effect == "Allow"
	any_principal(stmt)
	not has_condition(stmt)
}

# open_text(i, stmt): what an open statement grants, for messages: `statement "Anyone" allows
# Action "sqs:*" to any principal (Principal "*") with no Condition`.
open_text(i, stmt) := sprintf("%s allows %s to any principal (Principal %s) with no Condition", [
	statement_label(i, stmt), actions_text(stmt), json.marshal(stmt.Principal),
])

# principal_account(p): the account an AWS principal belongs to: a bare 12-digit account id,
# or the account field of an ARN (`arn:aws:iam::<account>:root|user/..|role/..`).
# Undefined for "*", unique ids (AROA...) and anything else.
principal_account(p) := p if account_id(p)

principal_account(p) := parts[4] if {
	startswith(p, "arn:")
	parts := split(p, ":")
	count(parts) >= 6
	account_id(parts[4])
}

# account_id(s): s is a 12-digit account id (string functions rather than a regex, which
# regorus would compile on every call).
account_id(s) if {
	count(s) == 12
	trim(s, "0123456789") == ""
}

# foreign_principals(stmt, owner): the AWS principals of the statement that belong to an
# account other than `owner` (the account id of the role).
foreign_principals(stmt, owner) := [p |
	some p in aws_principals(stmt)
	principal_account(p) != owner
]

# cross_account_guarded(stmt): the statement constrains who may assume the role from the
# other account: a condition on sts:ExternalId, aws:PrincipalOrgID, aws:PrincipalOrgPaths or
# aws:PrincipalArn, under any operator.
cross_account_guarded(stmt) if {
	has_condition_key(stmt, {"sts:externalid", "aws:principalorgid", "aws:principalorgpaths", "aws:principalarn"})
}
