//! The account's alternate security contact (AWS Account Management). No contact is a fact
//! (`ResourceNotFoundException`), recorded as `contact: null`; any other failure is a gap.

use super::call::{At, Outcome};
use super::session::Session;
use crate::inventory::collections::op;
use crate::inventory::iam::{AlternateContact, SecurityContactRecord};
use crate::inventory::Inventory;
use aws_sdk_account::types::AlternateContactType;

const NONE_REGISTERED: &[&str] = &["ResourceNotFoundException"];

pub async fn collect(s: &Session, home_region: &str) -> Inventory {
    let client = crate::client!(s, aws_sdk_account, home_region);
    let at = At::global(op::account::GET_ALTERNATE_CONTACT);
    let found = s
        .call_absent(at, NONE_REGISTERED, || {
            client
                .get_alternate_contact()
                .alternate_contact_type(AlternateContactType::Security)
                .send()
        })
        .await;
    let mut inv = Inventory::empty(chrono::Utc::now());
    let contact = match found {
        Outcome::Found(out) => out.alternate_contact().map(|c| AlternateContact {
            name: c.name().map(str::to_string),
            title: c.title().map(str::to_string),
            email_address: c.email_address().map(str::to_string),
            phone_number: c.phone_number().map(str::to_string),
        }),
        Outcome::Absent => None,
        Outcome::Failed => return inv,
    };
    inv.iam.security_contacts.push(SecurityContactRecord {
        account_id: s.account_id.clone(),
        contact,
    });
    inv
}
