package palisade.lib.cloudfront_test

import data.palisade.lib.cloudfront
import rego.v1

test_label_prefers_alias if {
	cloudfront.label({"id": "E1", "aliases": ["shop.example.com"], "domain_name": "d1.cloudfront.net", "account_id": "1"}) == "E1 (shop.example.com, account 1)"
	cloudfront.label({"id": "E1", "aliases": [], "domain_name": "d1.cloudfront.net", "account_id": "1"}) == "E1 (d1.cloudfront.net, account 1)"
	cloudfront.label({"id": "E1", "account_id": "1"}) == "E1 (no domain name, account 1)"
}

test_viewer_http if {
	d := {"cache_behaviors": [{"path_pattern": "*", "viewer_protocol_policy": "redirect-to-https"}, {"path_pattern": "/img/*", "viewer_protocol_policy": "allow-all"}]}
	cloudfront.viewer_http(d) == ["/img/*"]
	cloudfront.viewer_http({}) == []
}
