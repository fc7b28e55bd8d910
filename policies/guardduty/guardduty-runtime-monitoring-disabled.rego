# METADATA
# title: GuardDuty Runtime Monitoring is off in a region with instances
# description: |
#   GuardDuty is on in the region, but its Runtime Monitoring plan is not, while the account
#   runs EC2 instances there. Runtime Monitoring watches, through a GuardDuty agent, what
#   happens on the hosts and in their containers (processes started, files opened, network
#   connections, privilege escalation); without it GuardDuty sees only logs and network
#   flows. Terminated instances are left out; regions without instances pass (workloads
#   only on Fargate or EKS are not counted). A region without an enabled detector is
#   reported by `guardduty-detector-disabled` instead. AWS Foundational Security Best
#   Practices GuardDuty.11.
# custom:
#   id: guardduty-runtime-monitoring-disabled
#   severity: low
#   resource_type: AWS::GuardDuty::Detector
#   scope: logging.guardduty_detectors
#   inputs: [network.instances]
#   needs: [guardduty:GetDetector]
#   remediation: |
#     `aws guardduty update-detector --detector-id ID --features
#     'Name=RUNTIME_MONITORING,Status=ENABLED,AdditionalConfiguration=[{Name=EC2_AGENT_MANAGEMENT,Status=ENABLED}]'`
#     in each region (or from the delegated administrator), so GuardDuty deploys and updates
#     its agent itself. Terraform: `aws_guardduty_detector_feature` with
#     `name = "RUNTIME_MONITORING"`.
#   references:
#     - https://docs.aws.amazon.com/guardduty/latest/ug/runtime-monitoring.html
package palisade.guardduty.runtime_monitoring_disabled

import data.palisade.lib.guardduty
import data.palisade.lib.network
import rego.v1

checked contains d.arn if {
	some d in input.logging.guardduty_detectors
	guardduty.enabled(d)
}

# exposed: for each place where a detector has the plan off, the live EC2 instances there.
exposed := {place: guardduty.summary(names) |
	some place in guardduty.places_off("RUNTIME_MONITORING")
	names := network.live_instance_ids(place[0], place[1])
}

deny contains result if {
	some d in input.logging.guardduty_detectors
	result := guardduty.unprotected(d, "RUNTIME_MONITORING", "Runtime Monitoring", "EC2 instances", exposed[[d.account_id, d.region]])
}
