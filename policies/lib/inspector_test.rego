package palisade.lib.inspector_test

import data.palisade.lib.inspector
import rego.v1

row(status, resources) := {"arn": "a", "account_id": "1", "region": "r", "status": status, "resources": resources}

test_status_follows_the_account if {
	inspector.status(row("SUSPENDED", {"ec2": "ENABLED"}), "ec2") == "SUSPENDED"
	inspector.status(row("ENABLED", {"ec2": "ENABLED"}), "ec2") == "ENABLED"
	inspector.status(row("ENABLED", {}), "ecr") == "DISABLED"
}

test_unscanned_only_with_resources if {
	r := inspector.unscanned(row("ENABLED", {"ec2": "DISABLED"}), "ec2", "EC2 instances", ["i-1"])
	r.message == "Amazon Inspector does not scan EC2 instances in r (account 1): EC2 scanning is DISABLED, and the region has 1 (i-1)"
	not inspector.unscanned(row("ENABLED", {"ec2": "DISABLED"}), "ec2", "EC2 instances", [])
	not inspector.unscanned(row("ENABLED", {"ec2": "ENABLED"}), "ec2", "EC2 instances", ["i-1"])
}
