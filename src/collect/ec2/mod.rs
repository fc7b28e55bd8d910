//! EC2 of one region: the VPC layer, gateways, security groups, interfaces, instances, transit
//! gateways, prefix lists and EBS, one function per resource type, all listed concurrently.

mod ebs;
mod gateways;
mod instances;
mod interfaces;
mod region;
mod security_groups;
mod settings;
mod transit;
mod vpc;

use crate::collect::session::Session;
use crate::inventory::network::Network;
use crate::inventory::Inventory;
use region::Ec2;

pub async fn collect(s: &Session, region: &str) -> Inventory {
    let cx = Ec2::new(s, region);
    let cx = &cx;
    let (network, (volumes, snapshots, encryption_by_default), switches) = futures::join!(
        network(cx),
        async {
            futures::join!(
                ebs::volumes(cx),
                ebs::snapshots(cx),
                ebs::encryption_by_default(cx)
            )
        },
        async {
            futures::join!(
                settings::snapshot_block_public_access(cx),
                settings::image_block_public_access(cx),
                settings::serial_console_access(cx),
                settings::images(cx),
            )
        },
    );
    let (snapshot_bpa, image_bpa, serial_console, images) = switches;
    let mut inv = Inventory::empty(chrono::Utc::now());
    inv.network = network;
    inv.network.serial_console_access = serial_console;
    inv.storage.ebs_volumes = volumes;
    inv.storage.ebs_snapshots = snapshots;
    inv.storage.ebs_encryption_by_default = encryption_by_default;
    inv.storage.snapshot_block_public_access = snapshot_bpa;
    inv.storage.image_block_public_access = image_bpa;
    inv.storage.ec2_images = images;
    inv
}

/// Every network collection of the region.
async fn network(cx: &Ec2<'_>) -> Network {
    let (
        (vpcs, listed_subnets, route_tables, network_acls),
        (internet_gateways, egress_only_internet_gateways, nat_gateways),
        (vpc_peering_connections, vpc_endpoints, flow_logs),
        (security_groups, network_interfaces, instances),
        (transit_gateways, prefix_lists),
    ) = futures::join!(
        async {
            futures::join!(
                vpc::vpcs(cx),
                vpc::list_subnets(cx),
                vpc::route_tables(cx),
                vpc::network_acls(cx),
            )
        },
        async {
            futures::join!(
                gateways::internet_gateways(cx),
                gateways::egress_only_internet_gateways(cx),
                gateways::nat_gateways(cx),
            )
        },
        async {
            futures::join!(
                gateways::vpc_peering_connections(cx),
                gateways::vpc_endpoints(cx),
                gateways::flow_logs(cx),
            )
        },
        async {
            futures::join!(
                security_groups::security_groups(cx),
                interfaces::network_interfaces(cx),
                instances::instances(cx),
            )
        },
        async { futures::join!(transit::transit_gateways(cx), transit::prefix_lists(cx)) },
    );
    Network {
        subnets: vpc::subnets(cx, &listed_subnets, &route_tables, &network_acls),
        vpcs,
        route_tables,
        network_acls,
        internet_gateways,
        egress_only_internet_gateways,
        nat_gateways,
        vpc_peering_connections,
        vpc_endpoints,
        flow_logs,
        security_groups,
        network_interfaces,
        instances,
        transit_gateways,
        prefix_lists,
        ..Network::default()
    }
}
