//! The account-level EC2 switches of one region (EBS snapshot and AMI block public access,
//! serial console access) and the AMIs the account owns.
//!
//! Each switch is one record per region from one call; a call that fails leaves the record
//! out, with a gap, so its policy is `not-evaluated` there.

use super::region::{tags, Ec2};
use crate::inventory::collections::op;
use crate::inventory::storage::{Ec2Image, RegionalSetting};

fn setting(cx: &Ec2<'_>, name: &str, state: impl Into<String>) -> Vec<RegionalSetting> {
    vec![RegionalSetting {
        arn: cx.s.arn("ec2", cx.region, name),
        account_id: cx.account_id(),
        region: cx.region(),
        state: state.into(),
    }]
}

pub(super) async fn snapshot_block_public_access(cx: &Ec2<'_>) -> Vec<RegionalSetting> {
    let at = cx.at(op::ec2::GET_SNAPSHOT_BLOCK_PUBLIC_ACCESS_STATE);
    let Some(out) =
        cx.s.call(at, || {
            cx.client.get_snapshot_block_public_access_state().send()
        })
        .await
    else {
        return Vec::new();
    };
    // No state in the answer is the API's default: sharing unblocked.
    let state = out.state().map_or("unblocked", |s| s.as_str());
    setting(cx, "snapshot-block-public-access", state)
}

pub(super) async fn image_block_public_access(cx: &Ec2<'_>) -> Vec<RegionalSetting> {
    let at = cx.at(op::ec2::GET_IMAGE_BLOCK_PUBLIC_ACCESS_STATE);
    let Some(out) =
        cx.s.call(at, || {
            cx.client.get_image_block_public_access_state().send()
        })
        .await
    else {
        return Vec::new();
    };
    let state = out.image_block_public_access_state().unwrap_or("unblocked");
    setting(cx, "image-block-public-access", state)
}

pub(super) async fn serial_console_access(cx: &Ec2<'_>) -> Vec<RegionalSetting> {
    let at = cx.at(op::ec2::GET_SERIAL_CONSOLE_ACCESS_STATUS);
    let Some(out) =
        cx.s.call(at, || cx.client.get_serial_console_access_status().send())
            .await
    else {
        return Vec::new();
    };
    let state = if out.serial_console_access_enabled().unwrap_or(false) {
        "enabled"
    } else {
        "disabled"
    };
    setting(cx, "serial-console-access", state)
}

pub(super) async fn images(cx: &Ec2<'_>) -> Vec<Ec2Image> {
    let listed = cx
        .list(op::ec2::DESCRIBE_IMAGES, |c| {
            c.describe_images()
                .owners("self")
                .into_paginator()
                .items()
                .send()
        })
        .await;
    listed
        .iter()
        .filter_map(|i| {
            let id = i.image_id()?;
            Some(Ec2Image {
                arn: cx.s.arn("ec2", cx.region, &format!("image/{id}")),
                account_id: cx.account_id(),
                region: cx.region(),
                id: id.to_string(),
                name: i.name().map(str::to_string),
                public: i.public().unwrap_or(false),
                tags: tags(i.tags()),
            })
        })
        .collect()
}
