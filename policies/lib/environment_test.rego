package palisade.lib.environment_test

import data.palisade.lib.environment
import rego.v1

test_keys_and_private_keys_are_exposed_whatever_the_name if {
	environment.exposed({"name": "X", "value": "aws_access_key_id"})
	environment.exposed({"name": "CONFIG", "value": "private_key"})
}

test_literal_is_exposed_only_under_a_secret_name if {
	environment.exposed({"name": "db_password", "value": "literal"})
	not environment.exposed({"name": "LOG_LEVEL", "value": "literal"})
	not environment.exposed({"name": "DB_SECRET_ARN", "value": "literal"})
	not environment.exposed({"name": "DB_PASSWORD", "value": "reference"})
}

test_exposed_in_and_described if {
	vars := [{"name": "A_TOKEN", "value": "literal"}, {"name": "MODE", "value": "literal"}]
	environment.described(environment.exposed_in(vars)) == "A_TOKEN (a literal value)"
	environment.exposed_in(null) == []
}
