# Helpers shared by the API Gateway policies.
package palisade.lib.apigateway

import data.palisade.lib.util
import rego.v1

# label(st): "stage prod of REST API payments (a1b2c3d4e5, us-east-1, account 111122223333)".
label(st) := sprintf("stage %s of REST API %s (%s, %s, account %s)", [st.stage_name, st.api_name, st.api_id, st.region, st.account_id])

# settings(st): the method settings (none when absent).
settings(st) := util.as_array(object.get(st, "method_settings", []))

# defaults(st): the `*/*` settings every method inherits, when the stage has them.
defaults(st) := m if {
	some m in settings(st)
	m.path == "*/*"
}

# private(st): an API only reachable through VPC endpoints.
private(st) if {
	types := object.get(st, "endpoint_types", [])
	count(types) > 0
	every t in types {
		t == "PRIVATE"
	}
}
