package palisade.wafv2.web_acl_no_rules_test

import data.palisade.wafv2.web_acl_no_rules as policy
import rego.v1

arn := "arn:aws:wafv2:us-east-1:111122223333:regional/webacl/shop-acl/a1b2"

good := {
	"arn": arn, "account_id": "111122223333", "region": "us-east-1", "name": "shop-acl", "id": "a1b2",
	"scope": "REGIONAL", "default_action": "ALLOW", "metrics_enabled": true,
	"rules": [{"name": "core", "priority": 0, "kind": "managed_rule_group", "rule_group": "AWS/AWSManagedRulesCommonRuleSet", "action": "NONE", "metrics_enabled": true}],
	"log_destinations": ["arn:aws:logs:us-east-1:111122223333:log-group:aws-waf-logs-shop"],
}

acl(patch) := {"edge": {"waf_web_acls": [object.union(good, patch)]}}

test_fail_empty if {
	inp := acl({"rules": []})
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.message == "AWS WAF web ACL shop-acl (REGIONAL, us-east-1, account 111122223333) has no rules: every request gets the default action ALLOW"
}

test_pass_rules if {
	inp := acl({})
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}
