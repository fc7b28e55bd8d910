# METADATA
# title: Load balancer does not write access logs
# description: |
#   The `access_logs.s3.enabled` attribute is `false` on an Application Load Balancer, or on a
#   Network Load Balancer with a TLS listener (the only requests a Network Load Balancer logs).
#   Access logs are the one record of every request the load balancer received: client
#   address, path, TLS version and cipher, response code, target. Without them an intrusion,
#   a credential-stuffing run or data pulled through the application leaves no trace to
#   investigate, and PCI DSS 10.2 and HIPAA audit controls have nothing to show. Gateway Load
#   Balancers and Network Load Balancers without TLS listeners have no access logs and are not
#   judged. AWS Foundational Security Best Practices ELB.5.
# custom:
#   id: elbv2-load-balancer-access-logs-disabled
#   severity: medium
#   resource_type: AWS::ElasticLoadBalancingV2::LoadBalancer
#   scope: network.load_balancers
#   needs: [elasticloadbalancing:DescribeLoadBalancerAttributes, elasticloadbalancing:DescribeListeners]
#   remediation: |
#     Create an S3 bucket whose policy lets the Region's Elastic Load Balancing principal write
#     to it, then `aws elbv2 modify-load-balancer-attributes --load-balancer-arn ARN
#     --attributes Key=access_logs.s3.enabled,Value=true Key=access_logs.s3.bucket,Value=BUCKET`.
#     Terraform: an `access_logs { bucket = ..., enabled = true }` block on the `aws_lb`.
#   references:
#     - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html
#     - https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-access-logs.html
package palisade.elbv2.load_balancer_access_logs_disabled

import data.palisade.lib.elbv2
import rego.v1

logs_requests(lb) if elbv2.application(lb)

logs_requests(lb) if {
	lb.type == "network"
	some l in lb.listeners
	l.protocol == "TLS"
}

checked contains lb.arn if {
	some lb in input.network.load_balancers
	logs_requests(lb)
	elbv2.attribute(lb, "access_logs.s3.enabled")
}

deny contains result if {
	some lb in input.network.load_balancers
	logs_requests(lb)
	value := elbv2.attribute(lb, "access_logs.s3.enabled")
	value != "true"
	result := {
		"arn": lb.arn,
		"message": sprintf("Load balancer %s does not write access logs (access_logs.s3.enabled = %s)", [elbv2.label(lb), value]),
		"evidence": {"access_logs.s3.enabled": value},
	}
}
