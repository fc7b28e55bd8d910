# METADATA
# title: AWS WAF web ACL has no rules
# description: |
#   The web ACL has no rules or rule groups (its own, or Firewall Manager's), so every request
#   gets its default action: with `ALLOW` it inspects nothing while the resources behind it
#   look protected; with `BLOCK` it blocks everything. AWS Foundational Security Best
#   Practices WAF.10.
# custom:
#   id: wafv2-web-acl-no-rules
#   severity: medium
#   resource_type: AWS::WAFv2::WebACL
#   scope: edge.waf_web_acls
#   needs: [wafv2:GetWebACL]
#   remediation: |
#     Add rules: at least the AWS managed rule groups `AWSManagedRulesCommonRuleSet` and
#     `AWSManagedRulesKnownBadInputsRuleSet`, and a rate-based rule. Terraform: `rule` blocks
#     with `managed_rule_group_statement` on the `aws_wafv2_web_acl`.
#   references:
#     - https://docs.aws.amazon.com/waf/latest/developerguide/web-acl-processing.html
package palisade.wafv2.web_acl_no_rules

import data.palisade.lib.wafv2
import rego.v1

checked contains w.arn if some w in input.edge.waf_web_acls

deny contains result if {
	some w in input.edge.waf_web_acls
	count(object.get(w, "rules", [])) == 0
	result := {
		"arn": w.arn,
		"message": sprintf("AWS WAF web ACL %s has no rules: every request gets the default action %v", [wafv2.label(w), object.get(w, "default_action", null)]),
		"evidence": {"default_action": object.get(w, "default_action", null), "rules": 0},
	}
}
