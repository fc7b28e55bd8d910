package palisade.elbv2.alb_waf_disabled_test

import data.palisade.elbv2.alb_waf_disabled as policy
import rego.v1

arn := "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/shop-alb/50dc6c495c0c9188"

lb(patch) := {"network": {"load_balancers": [object.union({
	"arn": arn, "account_id": "111122223333", "region": "us-east-1", "name": "shop-alb",
	"type": "application", "scheme": "internet-facing", "vpc_id": "vpc-1",
	"web_acl": {"arn": "arn:aws:wafv2:us-east-1:111122223333:regional/webacl/shop-acl/a1b2"},
}, patch)]}}

test_fail_no_web_acl if {
	inp := lb({"web_acl": {"arn": null}})
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.message == "Load balancer shop-alb (application, internet-facing, account 111122223333, us-east-1) is internet-facing and not protected by an AWS WAF web ACL"
}

test_pass_web_acl if {
	inp := lb({})
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_internal_or_unread_not_judged if {
	inp := lb({"scheme": "internal", "web_acl": {"arn": null}})
	count(policy.deny) == 0 with input as inp
	not arn in policy.checked with input as inp
	count(policy.deny) == 0 with input as lb({"web_acl": null})
	count(policy.deny) == 0 with input as lb({"type": "network", "web_acl": {"arn": null}})
}
