package palisade.lib.iam_test

import data.palisade.lib.iam
import rego.v1

test_pass_statements_tolerate_malformed_documents if {
	count(iam.statements(null)) == 0
	count(iam.statements("not a document")) == 0
	count(iam.statements({"Statement": {"Effect": "Allow"}})) == 1
	count(iam.statements(`{"Statement": [{"Effect": "Allow"}, {"Effect": "Deny"}]}`)) == 2
	count(iam.statements("{not json")) == 0
	count(iam.statements("[1, 2]")) == 0
	count(iam.statements({"Statement": null})) == 0
}

test_pass_conditions if {
	iam.has_condition({"Condition": {"StringEquals": {"sts:ExternalId": "x"}}})
	not iam.has_condition({"Condition": {}})
	not iam.has_condition({"Condition": null})
	not iam.has_condition({})
	iam.condition_keys({"Condition": {"StringEquals": {"b": "1"}, "Bool": {"a": "true"}}}) == ["a", "b"]
	iam.has_condition_key({"Condition": {"StringEquals": {"STS:ExternalID": "x"}}}, {"sts:externalid"})
	not iam.has_condition_key({"Condition": {"StringEquals": {"aws:SourceIp": "x"}}}, {"sts:externalid"})
}

test_pass_admin_statements if {
	iam.admin_statement({"Effect": "Allow", "Action": "*", "Resource": "*"})
	iam.admin_statement({"Effect": "Allow", "Action": ["s3:GetObject", "*:*"], "Resource": ["*"]})
	iam.admin_statement({"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"})
	not iam.admin_statement({"Effect": "Deny", "Action": "*", "Resource": "*"})
	not iam.admin_statement({"Effect": "Allow", "Action": "s3:*", "Resource": "*"})
	not iam.admin_statement({"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::bucket/*"})
	not iam.admin_statement({"Effect": "Allow", "Action": null, "Resource": "*"})
	docs := iam.admin_statements({"Statement": [
		{"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
		{"Effect": "Allow", "Action": "*", "Resource": "*"},
	]})
	count(docs) == 1
	docs[0].index == 1
}

test_pass_message_fragments if {
	iam.statement_label(0, {"Sid": "Admin"}) == `statement "Admin"`
	iam.statement_label(2, {}) == "statement #3"
	iam.statement_label(0, {"Sid": ""}) == "statement #1"
	iam.grant_text({"Action": "*", "Resource": "*"}) == `Action "*" on Resource "*"`
	iam.grant_text({"NotAction": ["iam:*"], "NotResource": "arn:x"}) == `NotAction ["iam:*"] on NotResource "arn:x"`
	iam.condition_text({}) == "with no Condition"
	iam.condition_text({"Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}) == "restricted by a Condition on aws:MultiFactorAuthPresent"
}

test_pass_assume_actions if {
	iam.allows_assume({"Effect": "Allow", "Action": "sts:AssumeRole"})
	iam.allows_assume({"Effect": "Allow", "Action": ["sts:AssumeRoleWithWebIdentity"]})
	iam.allows_assume({"Effect": "Allow", "Action": "sts:*"})
	iam.allows_assume({"Effect": "Allow", "Action": "*"})
	not iam.allows_assume({"Effect": "Allow", "Action": "sts:TagSession"})
	not iam.allows_assume({"Effect": "Deny", "Action": "sts:AssumeRole"})
}

test_pass_principals if {
	iam.any_principal({"Principal": "*"})
	iam.any_principal({"Principal": {"AWS": "*"}})
	iam.any_principal({"Principal": {"AWS": ["arn:aws:iam::111122223333:root", "*"]}})
	not iam.any_principal({"Principal": {"Service": "ec2.amazonaws.com"}})
	not iam.any_principal({"Principal": {"AWS": "arn:aws:iam::111122223333:root"}})
	iam.aws_principals({"Principal": {"Service": "ec2.amazonaws.com"}}) == []
	iam.aws_principals({"Principal": "*"}) == []
}

test_pass_principal_accounts if {
	iam.principal_account("444455556666") == "444455556666"
	iam.principal_account("arn:aws:iam::444455556666:role/x") == "444455556666"
	iam.principal_account("arn:aws-us-gov:iam::444455556666:root") == "444455556666"
	not iam.principal_account("*")
	not iam.principal_account("AROAEXAMPLEID")
	stmt := {"Principal": {"AWS": ["arn:aws:iam::111122223333:root", "444455556666", "*"]}}
	iam.foreign_principals(stmt, "111122223333") == ["444455556666"]
}

test_pass_cross_account_guards if {
	iam.cross_account_guarded({"Condition": {"StringEquals": {"sts:ExternalId": "abc"}}})
	iam.cross_account_guarded({"Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-1"}}})
	iam.cross_account_guarded({"Condition": {"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": "o-1/*"}}})
	iam.cross_account_guarded({"Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::1:role/x"}}})
	not iam.cross_account_guarded({"Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}})
	not iam.cross_account_guarded({})
}

test_pass_action_matching_without_and_with_glob if {
	iam.action_matches("sts:AssumeRole", "sts:assumerole")
	iam.action_matches("*", "sts:AssumeRole")
	iam.action_matches("STS:*", "sts:AssumeRole")
	iam.action_matches("sts:Assume*", "sts:AssumeRoleWithSAML")
	iam.action_matches("sts:Assume?ole", "sts:AssumeRole")
	iam.action_matches("s*:Assume*", "sts:AssumeRole")
	not iam.action_matches("sts:AssumeRole", "sts:AssumeRoleWithSAML")
	not iam.action_matches("sts:Get*", "sts:AssumeRole")
	not iam.action_matches("s3:*", "sts:AssumeRole")
	not iam.action_matches("s*:Get*", "sts:AssumeRole")
}

test_pass_not_action_statements if {
	iam.statement_allows({"Effect": "Allow", "NotAction": ["iam:*", "s3:*"]}, "sts:AssumeRole")
	not iam.statement_allows({"Effect": "Allow", "NotAction": "sts:*"}, "sts:AssumeRole")
	not iam.statement_allows({"Effect": "Allow", "NotAction": []}, "sts:AssumeRole")
}

test_pass_account_ids if {
	iam.account_id("012345678901")
	not iam.account_id("01234567890")
	not iam.account_id("01234567890a")
	not iam.account_id("a12345678901")
}

test_pass_malformed_statements_are_skipped if {
	iam.admin_statements({"Statement": ["junk", 5, null]}) == []
	not iam.any_principal("junk")
	iam.aws_principals("junk") == []
	iam.foreign_principals({"Principal": {"AWS": [5, null, "444455556666"]}}, "111122223333") == ["444455556666"]
}

test_open_statements_keeps_indexes_of_unconditioned_any_principal_allows if {
	doc := {"Statement": [
		{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*"},
		{"Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-1"}}},
		{"Effect": "Deny", "Principal": "*", "Action": "kms:*"},
		{"Sid": "Anyone", "Effect": "Allow", "Principal": {"AWS": ["*"]}, "Action": "kms:Decrypt"},
	]}
	open := iam.open_statements(doc)
	object.keys(open) == {3}
	iam.open_text(3, open[3]) == `statement "Anyone" allows Action "kms:Decrypt" to any principal (Principal {"AWS":["*"]}) with no Condition`
	iam.open_statements(null) == {}
}
