//! EC2 transit gateways (attachments, route tables, routes) and managed prefix lists of one
//! region: what routes between VPCs beyond peering, and what prefix-list rules name.

use super::ec2::{at, tags, text};
use super::{At, Session};
use crate::inventory::network::{
    PrefixList, TgwAttachment, TgwRoute, TgwRouteTable, TransitGateway,
};
use aws_sdk_ec2::types::Filter;
use aws_sdk_ec2::Client;
use futures::future::join_all;

pub(super) async fn transit_gateways(
    s: &Session,
    client: &Client,
    region: &str,
) -> Vec<TransitGateway> {
    let (tgws, attachments, tables) = futures::join!(
        s.call(at(region, "DescribeTransitGateways"), || client
            .describe_transit_gateways()
            .into_paginator()
            .send()
            .try_collect()),
        s.call(at(region, "DescribeTransitGatewayAttachments"), || client
            .describe_transit_gateway_attachments()
            .into_paginator()
            .send()
            .try_collect()),
        s.call(at(region, "DescribeTransitGatewayRouteTables"), || client
            .describe_transit_gateway_route_tables()
            .into_paginator()
            .send()
            .try_collect()),
    );
    let Some(tgws) = tgws else {
        return Vec::new();
    };
    let tables: Vec<(String, String)> = tables
        .iter()
        .flatten()
        .flat_map(|p| p.transit_gateway_route_tables())
        .filter_map(|t| {
            Some((
                t.transit_gateway_id()?.to_string(),
                t.transit_gateway_route_table_id()?.to_string(),
            ))
        })
        .collect();
    let routes = join_all(tables.iter().map(|(_, id)| async move {
        let found = s
            .call(
                At {
                    resource: Some(id),
                    ..at(region, "SearchTransitGatewayRoutes")
                },
                || {
                    client
                        .search_transit_gateway_routes()
                        .transit_gateway_route_table_id(id)
                        .filters(
                            Filter::builder()
                                .name("state")
                                .values("active")
                                .values("blackhole")
                                .build(),
                        )
                        .send()
                },
            )
            .await;
        found
            .map(|r| {
                r.routes()
                    .iter()
                    .filter_map(|route| {
                        Some(TgwRoute {
                            destination_cidr: route.destination_cidr_block()?.to_string(),
                            attachment_ids: route
                                .transit_gateway_attachments()
                                .iter()
                                .filter_map(|a| {
                                    a.transit_gateway_attachment_id().map(str::to_string)
                                })
                                .collect(),
                            state: route
                                .state()
                                .map(|st| st.as_str().to_string())
                                .unwrap_or_else(|| "active".into()),
                        })
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    }))
    .await;
    let mut out = Vec::new();
    for t in tgws.iter().flat_map(|p| p.transit_gateways()) {
        let Some(id) = t.transit_gateway_id() else {
            continue;
        };
        let attachments = attachments
            .iter()
            .flatten()
            .flat_map(|p| p.transit_gateway_attachments())
            .filter(|a| a.transit_gateway_id() == Some(id))
            .filter_map(|a| {
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
            })
            .collect();
        let route_tables = tables
            .iter()
            .zip(&routes)
            .filter(|((tgw, _), _)| tgw == id)
            .map(|((_, rt), routes)| TgwRouteTable {
                id: rt.clone(),
                routes: routes.clone(),
            })
            .collect();
        out.push(TransitGateway {
            arn: t
                .transit_gateway_arn()
                .map(str::to_string)
                .unwrap_or_else(|| s.arn("ec2", region, &format!("transit-gateway/{id}"))),
            account_id: s.account_id.clone(),
            region: region.to_string(),
            id: id.to_string(),
            attachments,
            route_tables,
            tags: tags(t.tags()),
        });
    }
    out
}

pub(super) async fn prefix_lists(s: &Session, client: &Client, region: &str) -> Vec<PrefixList> {
    let Some(pages) = s
        .call(at(region, "DescribeManagedPrefixLists"), || {
            client
                .describe_managed_prefix_lists()
                .into_paginator()
                .send()
                .try_collect()
        })
        .await
    else {
        return Vec::new();
    };
    let lists: Vec<_> = pages
        .iter()
        .flat_map(|p| p.prefix_lists())
        .filter(|p| p.prefix_list_id().is_some())
        .collect();
    let entries = join_all(lists.iter().map(|p| async move {
        let id = p.prefix_list_id().unwrap_or_default();
        s.call(
            At {
                resource: Some(id),
                ..at(region, "GetManagedPrefixListEntries")
            },
            || {
                client
                    .get_managed_prefix_list_entries()
                    .prefix_list_id(id)
                    .into_paginator()
                    .send()
                    .try_collect()
            },
        )
        .await
    }))
    .await;
    lists
        .iter()
        .zip(entries)
        .filter_map(|(p, entries)| {
            // Without its entries a list is left out: rules naming it are then judged as
            // naming any address, which over-reports rather than hides.
            let entries = entries?;
            let id = text(p.prefix_list_id());
            Some(PrefixList {
                arn: p
                    .prefix_list_arn()
                    .map(str::to_string)
                    .unwrap_or_else(|| s.arn("ec2", region, &format!("prefix-list/{id}"))),
                account_id: s.account_id.clone(),
                region: region.to_string(),
                name: p.prefix_list_name().map(str::to_string),
                cidrs: entries
                    .iter()
                    .flat_map(|e| e.entries())
                    .filter_map(|e| e.cidr().map(str::to_string))
                    .collect(),
                id,
            })
        })
        .collect()
}
