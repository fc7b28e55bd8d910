# Helpers shared by the ECS task definition policies.
package palisade.lib.ecs

import data.palisade.lib.util
import rego.v1

# label(t): "web:7 in us-east-1 (account 111122223333)".
label(t) := sprintf("%s:%d in %s (account %s)", [t.family, t.revision, t.region, t.account_id])

# containers(t): the container definitions (none when absent).
containers(t) := util.as_array(object.get(t, "containers", []))

# runs_as_root(c): no user (the image's, root for most images), or root by name or uid.
runs_as_root(c) if not is_string(object.get(c, "user", null))

runs_as_root(c) if {
	is_string(object.get(c, "user", null))
	user := split(c.user, ":")[0]
	user in {"root", "0", ""}
}

# logs(c): the container has a log driver.
logs(c) if {
	driver := object.get(c, "log_driver", null)
	is_string(driver)
	driver != ""
}
