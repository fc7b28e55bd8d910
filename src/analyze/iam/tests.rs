//! Escalation methods, paths and AWS evaluation examples on small inventories.
