package palisade.lib.wafv2_test

import data.palisade.lib.wafv2
import rego.v1

test_label if {
	wafv2.label({"name": "a", "scope": "CLOUDFRONT", "region": "global", "account_id": "1"}) == "a (CLOUDFRONT, global, account 1)"
}
