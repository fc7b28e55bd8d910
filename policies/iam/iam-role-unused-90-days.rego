# METADATA
# title: IAM role unused for more than 90 days
# description: |
#   An IAM role has not been used for more than 90 days, or has never been used and is older
#   than 90 days (the default; `palisade scan --unused-days N` changes it). Unused roles are
#   standing access nobody needs: their trust policies and permissions are rarely reviewed, and
#   they can be assumed by an attacker who compromises a trusted principal without anyone
#   noticing. Service-linked roles are not checked.
# custom:
#   id: iam-role-unused-90-days
#   severity: low
#   resource_type: AWS::IAM::Role
#   scope: iam.roles
#   remediation: |
#     Confirm the role is no longer needed (IAM console > Roles > "Last activity", or
#     `aws iam get-role --role-name ROLE --query Role.RoleLastUsed`), then remove its instance
#     profiles and policies and delete it (`aws iam delete-role --role-name ROLE`), or remove it
#     from the Terraform/CloudFormation code that created it.
#   references:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_manage_delete.html
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_last-accessed.html
package palisade.iam.role_unused_90_days

import rego.v1

# 90 days unless the scan says otherwise (`palisade scan --unused-days N`).
max_unused_days := object.get(input, ["facts", "settings", "unused_days"], 90)

checked contains r.arn if {
	some r in input.iam.roles
	not r.service_linked == true
	input.facts.iam.roles[r.arn]
}

# unused(f): why the role counts as unused, if it does.
unused(f) := sprintf("was last used %v days ago", [f.days_since_used]) if {
	f.days_since_used != null
	f.days_since_used > max_unused_days
}

unused(f) := sprintf("has never been used (or not within the 400 days AWS tracks) and was created %v days ago", [f.age_days]) if {
	object.get(f, "days_since_used", null) == null
	f.age_days > max_unused_days
}

deny contains result if {
	some r in input.iam.roles
	not r.service_linked == true
	f := input.facts.iam.roles[r.arn]
	reason := unused(f)
	result := {
		"arn": r.arn,
		"message": sprintf("Role %s (account %s) %s (limit %v days)", [r.name, r.account_id, reason, max_unused_days]),
		"evidence": {"days_since_used": object.get(f, "days_since_used", null), "age_days": f.age_days, "last_used_region": object.get(r, "last_used_region", null)},
	}
}
