package palisade.wafv2.web_acl_logging_disabled_test

import data.palisade.wafv2.web_acl_logging_disabled as policy
import rego.v1

arn := "arn:aws:wafv2:us-east-1:111122223333:regional/webacl/shop-acl/a1b2"

good := {
	"arn": arn, "account_id": "111122223333", "region": "us-east-1", "name": "shop-acl", "id": "a1b2",
	"scope": "REGIONAL", "default_action": "ALLOW", "metrics_enabled": true,
	"rules": [{"name": "core", "priority": 0, "kind": "managed_rule_group", "rule_group": "AWS/AWSManagedRulesCommonRuleSet", "action": "NONE", "metrics_enabled": true}],
	"log_destinations": ["arn:aws:logs:us-east-1:111122223333:log-group:aws-waf-logs-shop"],
}

acl(patch) := {"edge": {"waf_web_acls": [object.union(good, patch)]}}

test_fail_no_logging if {
	inp := acl({"log_destinations": []})
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.message == "AWS WAF web ACL shop-acl (REGIONAL, us-east-1, account 111122223333) does not log traffic (no logging configuration)"
}

test_pass_logging if {
	inp := acl({})
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_unread_not_judged if {
	count(policy.deny) == 0 with input as acl({"log_destinations": null})
}
