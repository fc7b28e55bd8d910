# Helpers shared by the policies that read environment variables (Lambda functions, ECS
# containers): which classified variables hold a secret in plain text. Palisade classifies
# values while collecting and never stores them (`aws_access_key_id`, `private_key`,
# `literal`, `reference`, `kms_ciphertext`, `empty`).
package palisade.lib.environment

import data.palisade.lib.util
import rego.v1

# Words that make a variable's name say it holds a secret (matched on the upper-cased name).
secret_words := ["PASSWORD", "PASSWD", "SECRET", "TOKEN", "API_KEY", "APIKEY", "PRIVATE_KEY", "CREDENTIAL", "ACCESS_KEY"]

# Names that point at a secret rather than hold one (`DB_SECRET_NAME`, `TOKEN_URL`).
pointer_suffixes := ["_NAME", "_ID", "_ARN", "_PATH", "_URL", "_URI", "_FILE", "_ENDPOINT", "_REGION", "_TTL", "_LENGTH"]

# exposed(v): the variable holds a credential in plain text: an AWS access key id or a PEM
# private key whatever its name, or a literal value under a secret-sounding name.
exposed(v) if v.value in {"aws_access_key_id", "private_key"}

exposed(v) if {
	v.value == "literal"
	name := upper(v.name)
	some w in secret_words
	contains(name, w)
	not pointer(name)
}

pointer(name) if {
	some s in pointer_suffixes
	endswith(name, s)
}

# exposed_in(vars): the exposed variables of a list (none when it is null).
exposed_in(vars) := [v | some v in util.as_array(vars); exposed(v)]

# described(vars): "DB_PASSWORD (a literal value), KEY (a private key)".
described(vars) := concat(", ", [sprintf("%s (%s)", [v.name, kind(v.value)]) | some v in vars])

kind("aws_access_key_id") := "an AWS access key id"

kind("private_key") := "a private key"

kind("literal") := "a literal value"
