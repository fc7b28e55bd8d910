# METADATA
# title: RDS DB instance does not copy its tags to snapshots
# description: |
#   The DB instance's snapshots do not get its tags, so a snapshot of a database tagged as
#   holding PHI or cardholder data carries no such label: tag-based access policies, backup
#   rules, cost reports and data classification (Palisade's segment policies among them) miss
#   it. Instances collected before snapshot schema 1.7 are not judged. AWS Foundational
#   Security Best Practices RDS.17.
# custom:
#   id: rds-instance-copy-tags-to-snapshots-disabled
#   severity: low
#   resource_type: AWS::RDS::DBInstance
#   scope: storage.rds_instances
#   needs: [rds:DescribeDBInstances]
#   remediation: |
#     `aws rds modify-db-instance --db-instance-identifier ID --copy-tags-to-snapshot`, and tag
#     the snapshots taken so far by hand. Terraform: `copy_tags_to_snapshot = true`.
#   references:
#     - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Tagging.html#USER_Tagging.CopyTags
package palisade.rds.instance_copy_tags_to_snapshots_disabled

import rego.v1

checked contains d.arn if {
	some d in input.storage.rds_instances
	is_boolean(d.copy_tags_to_snapshot)
}

deny contains result if {
	some d in input.storage.rds_instances
	d.copy_tags_to_snapshot == false
	result := {
		"arn": d.arn,
		"message": sprintf("RDS DB instance %s (%s, account %s, %s) does not copy its tags to its snapshots", [d.id, d.engine, d.account_id, d.region]),
		"evidence": {"copy_tags_to_snapshot": false},
	}
}
