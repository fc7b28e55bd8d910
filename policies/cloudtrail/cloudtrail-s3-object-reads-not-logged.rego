# METADATA
# title: S3 object-level read events are not logged by CloudTrail
# description: |
#   No multi-region CloudTrail trail that is logging records S3 object-level read events
#   (data events: object reads (GetObject...)) for every bucket of the account (CIS AWS Foundations 3.9).
#   Management events show who changed a bucket's settings but not who touched its objects;
#   without data events an investigation cannot tell which objects were read, by whom,
#   from where. A trail counts when a classic data resource covers `arn:aws:s3` (every bucket)
#   with ReadWriteType All or ReadOnly, or an advanced selector selects eventCategory Data and
#   resources.type AWS::S3::Object without narrowing by bucket, event name or source. Trails
#   that record only chosen buckets are named in the finding. Data events are billed per
#   event: if you log only the buckets that matter on purpose, suppress this result with that
#   justification.
# custom:
#   id: cloudtrail-s3-object-reads-not-logged
#   severity: low
#   resource_type: AWS::Account
#   scope: accounts
#   inputs: [logging.trails]
#   remediation: |
#     Add an S3 data event selector to a multi-region trail: `aws cloudtrail
#     put-event-selectors --trail-name TRAIL --advanced-event-selectors
#     '[{"Name":"S3 objects","FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]},{"Field":"resources.type","Equals":["AWS::S3::Object"]}]}]'`
#     (add `{"Field":"readOnly","Equals":["true"]}` to keep only reads). Terraform:
#     an `advanced_event_selector` block on the `aws_cloudtrail`.
#   references:
#     - https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-cloudtrail-logging-for-s3.html
#     - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html
package palisade.cloudtrail.s3_object_reads_not_logged

import data.palisade.lib.cloudtrail
import data.palisade.lib.util
import rego.v1

checked contains util.account_arn(acct.id) if some acct in input.accounts

deny contains result if some result in cloudtrail.s3_object_failures("read")
