//! Tags from any service's own tag type (every SDK crate has one) as the inventory's map.

/// Tags as a map, from a service's own tag type (every SDK crate has one): a tag without a key
/// is left out, one without a value has the empty value, as in the console.
pub fn tag_map<'t, T: 't>(
    list: impl IntoIterator<Item = &'t T>,
    key_value: impl Fn(&'t T) -> (Option<&'t str>, Option<&'t str>),
) -> crate::inventory::Tags {
    list.into_iter()
        .filter_map(|t| {
            let (key, value) = key_value(t);
            Some((key?.to_string(), value.unwrap_or_default().to_string()))
        })
        .collect()
}
