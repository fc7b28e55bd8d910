//! Results per account and per organizational unit, so that a report over hundreds of
//! accounts says where the failures are (the terminal, Markdown and HTML reports show it when
//! a scan covers more than one account).

use super::ScanReport;
use crate::engine::{Severity, Status};
use std::collections::BTreeMap;

/// One account's results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountRow<'a> {
    pub id: &'a str,
    /// The alias, else the organization's name for it.
    pub name: Option<&'a str>,
    /// Its organizational unit path, when the snapshot has the organization's structure.
    pub unit: Option<&'a str>,
    pub failing: usize,
    /// Failing results of critical or high severity.
    pub severe: usize,
    pub not_evaluated: usize,
    pub gaps: usize,
}

/// One organizational unit's results, its accounts' summed (the unit itself, not its children).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRow<'a> {
    pub unit: &'a str,
    pub accounts: usize,
    pub failing: usize,
    pub severe: usize,
    pub gaps: usize,
}

pub struct Estate<'a> {
    /// Most failing first (then most severe, then by id).
    pub accounts: Vec<AccountRow<'a>>,
    /// By path; empty without the organization's structure.
    pub units: Vec<UnitRow<'a>>,
}

/// The per-account and per-unit view, or `None` for a scan of a single account.
pub fn of<'a>(r: &ScanReport<'a>) -> Option<Estate<'a>> {
    let header = r.snapshot;
    if header.accounts.len() < 2 {
        return None;
    }
    let mut rows: BTreeMap<&str, AccountRow<'a>> = header
        .accounts
        .iter()
        .map(|a| {
            let place = header.places.get(&a.id);
            let name = a
                .alias
                .as_deref()
                .or_else(|| place.and_then(|p| p.name.as_deref()));
            let row = AccountRow {
                id: a.id.as_str(),
                name,
                unit: place.and_then(|p| p.unit.as_deref()),
                failing: 0,
                severe: 0,
                not_evaluated: 0,
                gaps: 0,
            };
            (a.id.as_str(), row)
        })
        .collect();
    for f in r.findings {
        let Some(row) = rows.get_mut(f.resource.account_id.as_str()) else {
            continue;
        };
        match f.status {
            Status::Fail => {
                row.failing += 1;
                if matches!(f.severity, Severity::Critical | Severity::High) {
                    row.severe += 1;
                }
            }
            Status::NotEvaluated => row.not_evaluated += 1,
            _ => {}
        }
    }
    for g in &header.gaps {
        if let Some(row) = g.account_id.as_deref().and_then(|id| rows.get_mut(id)) {
            row.gaps += 1;
        }
    }
    let mut units: BTreeMap<&str, UnitRow<'a>> = BTreeMap::new();
    for row in rows.values() {
        let Some(unit) = row.unit else { continue };
        let u = units.entry(unit).or_insert(UnitRow {
            unit,
            accounts: 0,
            failing: 0,
            severe: 0,
            gaps: 0,
        });
        u.accounts += 1;
        u.failing += row.failing;
        u.severe += row.severe;
        u.gaps += row.gaps;
    }
    let mut accounts: Vec<AccountRow<'a>> = rows.into_values().collect();
    accounts.sort_by(|a, b| {
        (b.failing, b.severe)
            .cmp(&(a.failing, a.severe))
            .then(a.id.cmp(b.id))
    });
    Some(Estate {
        accounts,
        units: units.into_values().collect(),
    })
}
