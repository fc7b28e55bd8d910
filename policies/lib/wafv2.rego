# Helpers shared by the AWS WAF policies.
package palisade.lib.wafv2

import rego.v1

# label(w): "shop-acl (REGIONAL, us-east-1, account 111122223333)"; CloudFront web ACLs say
# `CLOUDFRONT, global`.
label(w) := sprintf("%s (%s, %s, account %s)", [w.name, w.scope, w.region, w.account_id])
