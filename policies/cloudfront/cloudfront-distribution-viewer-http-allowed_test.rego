package palisade.cloudfront.distribution_viewer_http_allowed_test

import data.palisade.cloudfront.distribution_viewer_http_allowed as policy
import rego.v1

arn := "arn:aws:cloudfront::111122223333:distribution/E2QWRUHAPOMQZL"

s3_origin := {"id": "assets", "domain_name": "assets.s3.us-east-1.amazonaws.com", "kind": "s3", "origin_access_identity": null, "origin_access_control_id": "E3OAC", "protocol_policy": null, "ssl_protocols": []}

alb_origin := {"id": "api", "domain_name": "api.example.com", "kind": "custom", "origin_access_identity": null, "origin_access_control_id": null, "protocol_policy": "https-only", "ssl_protocols": ["TLSv1.2"]}

good := {
	"arn": arn, "account_id": "111122223333", "region": "global", "id": "E2QWRUHAPOMQZL",
	"domain_name": "d111111abcdef8.cloudfront.net", "aliases": ["shop.example.com"], "enabled": true,
	"cache_behaviors": [
		{"path_pattern": "*", "target_origin_id": "api", "viewer_protocol_policy": "redirect-to-https", "field_level_encryption_id": null},
		{"path_pattern": "/static/*", "target_origin_id": "assets", "viewer_protocol_policy": "https-only", "field_level_encryption_id": null},
	],
	"origins": [s3_origin, alb_origin],
	"default_certificate": false, "minimum_protocol_version": "TLSv1.2_2021", "ssl_support_method": "sni-only",
	"web_acl_id": "arn:aws:wafv2:us-east-1:111122223333:global/webacl/edge/1", "logging_enabled": true,
	"logging_bucket": "logs.s3.amazonaws.com", "access_log_delivery": false, "default_root_object": "index.html",
}

dist(patch) := {"edge": {"cloudfront_distributions": [object.union(good, patch)]}}

label := "E2QWRUHAPOMQZL (shop.example.com, account 111122223333)"

test_fail_allow_all_on_a_path if {
	inp := dist({"cache_behaviors": [good.cache_behaviors[0], object.union(good.cache_behaviors[1], {"viewer_protocol_policy": "allow-all"})]})
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.message == sprintf("CloudFront distribution %s lets viewers use plain HTTP (viewer protocol policy allow-all) for: /static/*", [label])
}

test_pass_https_everywhere if {
	inp := dist({})
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}
