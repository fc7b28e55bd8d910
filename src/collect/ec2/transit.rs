//! EC2 transit gateways (attachments, route tables, routes) and managed prefix lists of one
//! region: what routes between VPCs beyond peering, and what prefix-list rules name.

use super::region::{tags, text, Ec2};
use crate::inventory::collections::op;
use crate::inventory::network::{
    PrefixList, TgwAttachment, TgwRoute, TgwRouteTable, TransitGateway,
};
use aws_sdk_ec2::types::{self as ec2, Filter};
use futures::future::join_all;

pub(super) async fn transit_gateways(cx: &Ec2<'_>) -> Vec<TransitGateway> {
    let (tgws, attachments, tables) = futures::join!(
        cx.s.paginate(cx.at(op::ec2::DESCRIBE_TRANSIT_GATEWAYS), || {
            cx.client
                .describe_transit_gateways()
                .into_paginator()
                .items()
                .send()
        }),
        cx.list(op::ec2::DESCRIBE_TRANSIT_GATEWAY_ATTACHMENTS, |c| {
            c.describe_transit_gateway_attachments()
                .into_paginator()
                .items()
                .send()
        }),
        cx.list(op::ec2::DESCRIBE_TRANSIT_GATEWAY_ROUTE_TABLES, |c| {
            c.describe_transit_gateway_route_tables()
                .into_paginator()
                .items()
                .send()
        }),
    );
    let Some(tgws) = tgws else {
        return Vec::new();
    };
    // (transit gateway, route table) pairs, and each table's routes in the same order.
    let tables: Vec<(String, String)> = tables
        .iter()
        .filter_map(|t| {
            Some((
                t.transit_gateway_id()?.to_string(),
                t.transit_gateway_route_table_id()?.to_string(),
            ))
        })
        .collect();
    let routes = join_all(tables.iter().map(|(_, id)| table_routes(cx, id))).await;
    tgws.iter()
        .filter_map(|t| {
            let id = t.transit_gateway_id()?;
            let route_tables = tables
                .iter()
                .zip(&routes)
                .filter(|((tgw, _), _)| tgw == id)
                .map(|((_, rt), routes)| TgwRouteTable {
                    id: rt.clone(),
                    routes: routes.clone(),
                })
                .collect();
            Some(TransitGateway {
                arn: t
                    .transit_gateway_arn()
                    .map(str::to_string)
                    .unwrap_or_else(|| cx.arn("transit-gateway", id)),
                account_id: cx.account_id(),
                region: cx.region(),
                id: id.to_string(),
                attachments: attachments
                    .iter()
                    .filter(|a| a.transit_gateway_id() == Some(id))
                    .filter_map(attachment)
                    .collect(),
                route_tables,
                tags: tags(t.tags()),
            })
        })
        .collect()
}

fn attachment(a: &ec2::TransitGatewayAttachment) -> Option<TgwAttachment> {
    Some(TgwAttachment {
        id: a.transit_gateway_attachment_id()?.to_string(),
        resource_type: a
            .resource_type()
            .map(|r| r.as_str().to_string())
            .unwrap_or_default(),
        resource_id: a.resource_id().map(str::to_string),
        resource_account_id: a.resource_owner_id().map(str::to_string),
        route_table_id: a
            .association()
            .filter(|x| x.state().is_none_or(|st| st.as_str() == "associated"))
            .and_then(|x| x.transit_gateway_route_table_id())
            .map(str::to_string),
        state: a
            .state()
            .map(|st| st.as_str().to_string())
            .unwrap_or_else(|| "available".into()),
    })
}

/// The active and blackhole routes of one transit gateway route table; none (and a gap on
/// the table) when they cannot be read.
async fn table_routes(cx: &Ec2<'_>, table_id: &str) -> Vec<TgwRoute> {
    let at = cx.at(op::ec2::SEARCH_TRANSIT_GATEWAY_ROUTES).on(table_id);
    let found =
        cx.s.call(at, || {
            cx.client
                .search_transit_gateway_routes()
                .transit_gateway_route_table_id(table_id)
                .filters(
                    Filter::builder()
                        .name("state")
                        .values("active")
                        .values("blackhole")
                        .build(),
                )
                .send()
        })
        .await;
    let Some(found) = found else {
        return Vec::new();
    };
    found
        .routes()
        .iter()
        .filter_map(|route| {
            Some(TgwRoute {
                destination_cidr: route.destination_cidr_block()?.to_string(),
                attachment_ids: route
                    .transit_gateway_attachments()
                    .iter()
                    .filter_map(|a| a.transit_gateway_attachment_id().map(str::to_string))
                    .collect(),
                state: route
                    .state()
                    .map(|st| st.as_str().to_string())
                    .unwrap_or_else(|| "active".into()),
            })
        })
        .collect()
}

pub(super) async fn prefix_lists(cx: &Ec2<'_>) -> Vec<PrefixList> {
    let listed = cx
        .list(op::ec2::DESCRIBE_MANAGED_PREFIX_LISTS, |c| {
            c.describe_managed_prefix_lists()
                .into_paginator()
                .items()
                .send()
        })
        .await;
    let found = join_all(listed.iter().filter_map(|p| {
        let id = p.prefix_list_id()?;
        Some(async move { (p, id, list_entries(cx, id).await) })
    }))
    .await;
    found
        .into_iter()
        .filter_map(|(p, id, entries)| {
            // Without its entries a list is left out: rules naming it are then judged as
            // naming any address, which over-reports rather than hides.
            let cidrs = entries?;
            Some(PrefixList {
                arn: p
                    .prefix_list_arn()
                    .map(str::to_string)
                    .unwrap_or_else(|| cx.arn("prefix-list", id)),
                account_id: cx.account_id(),
                region: cx.region(),
                name: p.prefix_list_name().map(str::to_string),
                cidrs,
                id: text(Some(id)),
            })
        })
        .collect()
}

/// A prefix list's CIDR entries, or `None` (and a gap on the list) when they cannot be read.
async fn list_entries(cx: &Ec2<'_>, id: &str) -> Option<Vec<String>> {
    let at = cx.at(op::ec2::GET_MANAGED_PREFIX_LIST_ENTRIES).on(id);
    let entries =
        cx.s.paginate(at, || {
            cx.client
                .get_managed_prefix_list_entries()
                .prefix_list_id(id)
                .into_paginator()
                .items()
                .send()
        })
        .await?;
    Some(
        entries
            .iter()
            .filter_map(|e| e.cidr().map(str::to_string))
            .collect(),
    )
}
