package palisade.iam.cloudshell_full_access_attached_test

import data.palisade.iam.cloudshell_full_access_attached as policy
import rego.v1

# Tests bind their inputs to locals: regorus does not see rules of this package inside `with`.

full := {"name": "AWSCloudShellFullAccess", "arn": "arn:aws:iam::aws:policy/AWSCloudShellFullAccess"}

read_only := {"name": "ReadOnlyAccess", "arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}

principal(account, name, attached) := {
	"arn": sprintf("arn:aws:iam::%s:x/%s", [account, name]),
	"account_id": account,
	"name": name,
	"attached_policies": attached,
}

inventory(users, groups, roles) := {
	"accounts": [{"id": "111122223333", "partition": "aws", "regions": ["us-east-1"]}],
	"iam": {"users": users, "groups": groups, "roles": roles},
}

test_fail_group_and_role_hold_it if {
	inp := inventory([], [principal("111122223333", "developers", [read_only, full])], [principal("111122223333", "ops", [full])])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:iam::111122223333:root"
	r.message == "Account 111122223333: AWSCloudShellFullAccess is attached to group developers, role ops"
}

test_fail_gov_cloud_partition if {
	p := {"name": "AWSCloudShellFullAccess", "arn": "arn:aws-us-gov:iam::aws:policy/AWSCloudShellFullAccess"}
	inp := inventory([principal("111122223333", "alice", [p])], [], [])
	count(policy.deny) == 1 with input as inp
}

test_pass_only_other_policies if {
	inp := inventory([principal("111122223333", "alice", [read_only])], [], [])
	count(policy.deny) == 0 with input as inp
	"arn:aws:iam::111122223333:root" in policy.checked with input as inp
}

test_pass_held_in_another_account_only if {
	inp := inventory([principal("444455556666", "alice", [full])], [], [])
	count(policy.deny) == 0 with input as inp
}

test_pass_customer_policy_with_the_same_name if {
	p := {"name": "AWSCloudShellFullAccess", "arn": "arn:aws:iam::111122223333:policy/AWSCloudShellFullAccess"}
	inp := inventory([principal("111122223333", "alice", [p])], [], [])
	count(policy.deny) == 0 with input as inp
}
