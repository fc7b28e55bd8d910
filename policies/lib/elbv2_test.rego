package palisade.lib.elbv2_test

import data.palisade.lib.elbv2
import rego.v1

test_attribute_read if {
	elbv2.attribute({"attributes": {"a": "true"}}, "a") == "true"
}

test_attribute_unread_or_absent_is_undefined if {
	not elbv2.attribute({"attributes": null}, "a")
	not elbv2.attribute({}, "a")
	not elbv2.attribute({"attributes": {"b": "x"}}, "a")
}

test_redirects_to_https if {
	elbv2.redirects_to_https({"type": "redirect", "redirect_protocol": "HTTPS"})
	not elbv2.redirects_to_https({"type": "redirect", "redirect_protocol": "#{protocol}"})
	not elbv2.redirects_to_https({"type": "forward", "redirect_protocol": null})
}

test_scheme_severity if {
	elbv2.scheme_severity({"scheme": "internal"}) == {"severity": "low"}
	elbv2.scheme_severity({"scheme": "internet-facing"}) == {}
}
