//! What the registry knows of one collection, and the typed accessors its row generates.

use super::operation::Operation;
use crate::inventory::{Inventory, Tags};
use std::borrow::Cow;

/// What the resource index learns of one item.
pub struct Item<'a> {
    /// Owned only for accounts, whose ARN is made from their id.
    pub arn: Cow<'a, str>,
    pub account_id: &'a str,
    /// Region, or `global`.
    pub region: &'a str,
    pub name: &'a str,
    pub tags: Option<&'a Tags>,
}

/// Calls its second argument with every resource of one collection.
pub(super) type ForEachItem = fn(&Inventory, &mut dyn FnMut(Item<'_>));

/// One inventory collection.
pub struct Collection {
    /// Where it is in the snapshot and the policy input (`network.vpcs`).
    pub path: &'static str,
    /// The service that owns it: an operation of this service that the registry does not know
    /// blinds it (unknown means unknown, never complete).
    pub service: &'static str,
    /// One line for the docs: what an item is and what it carries.
    pub description: &'static str,
    /// The calls that fill it: when one fails, policies reading it are `not-evaluated` in that
    /// scope.
    pub operations: &'static [Operation],
    /// Calls that fill optional fields (left `null` when the call failed, and read as unknown)
    /// or decide which accounts and regions are read. Their gaps are reported but make
    /// `not-evaluated` only the policies that name the call in `needs`.
    pub enrichments: &'static [Operation],
    /// CloudFormation-style type of its items, for collections of resources with ARNs; `None`
    /// for per-account settings (policies give those a synthetic account ARN).
    pub resource_type: Option<&'static str>,
    /// The item field the resource index takes the name from (with `arn`, `account_id`,
    /// `region` and `tags` where the items have them).
    pub name_field: Option<&'static str>,
    pub(super) len: fn(&Inventory) -> usize,
    pub(super) absorb: fn(&mut Inventory, &mut Inventory),
    pub(super) sort: fn(&mut Inventory),
    pub(super) items: ForEachItem,
}

impl Collection {
    /// Number of items in `inventory`.
    pub fn len(&self, inventory: &Inventory) -> usize {
        (self.len)(inventory)
    }

    /// Moves this collection's items from `part` to the end of `into`.
    pub fn absorb(&self, into: &mut Inventory, part: &mut Inventory) {
        (self.absorb)(into, part)
    }

    /// Sorts the items by their serialized identity (ARN or account/region first).
    pub fn sort(&self, inventory: &mut Inventory) {
        (self.sort)(inventory)
    }

    /// Calls `f` with every item that is a resource (collections of settings have none).
    pub fn for_each_item(&self, inventory: &Inventory, f: &mut dyn FnMut(Item<'_>)) {
        (self.items)(inventory, f)
    }
}
