# Helpers shared by the CloudFront policies.
package palisade.lib.cloudfront

import data.palisade.lib.util
import rego.v1

# label(d): "E2QWRUHAPOMQZL (shop.example.com, account 111122223333)": the first alias, else
# the CloudFront domain name, else only the account.
label(d) := sprintf("%s (%s, account %s)", [d.id, name(d), d.account_id])

name(d) := d.aliases[0] if {
	is_array(d.aliases)
	count(d.aliases) > 0
} else := d.domain_name if {
	is_string(d.domain_name)
} else := "no domain name"

# behaviors(d) / origins(d): the lists, empty when absent.
behaviors(d) := util.as_array(object.get(d, "cache_behaviors", []))

origins(d) := util.as_array(object.get(d, "origins", []))

# viewer_http(d): the path patterns whose viewers may use plain HTTP.
viewer_http(d) := [b.path_pattern | some b in behaviors(d); b.viewer_protocol_policy == "allow-all"]
