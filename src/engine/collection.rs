//! Paths into the input document: a collection's elements, and a copy of the input with one
//! collection replaced (how the evaluator splits a large collection into chunks). Both
//! `input` (the builder) and `index` walk collections through here.

use regorus::Value;

/// The value at a collection's path (`network.vpcs`), undefined when the input lacks it.
pub fn at<'a>(input: &'a Value, path: &str) -> &'a Value {
    path.split('.').fold(input, |v, key| &v[key])
}

/// The elements of a collection, or nothing when the input does not have it.
pub fn collection_items(input: &Value, path: &str) -> Vec<Value> {
    match at(input, path).as_array() {
        Ok(items) => items.iter().cloned().collect(),
        Err(_) => Vec::new(),
    }
}

/// A copy of `input` whose collection at `path` holds only `items`. Sharing makes this cheap:
/// only the maps along the path are copied.
pub fn with_collection(input: &Value, path: &str, items: Vec<Value>) -> Value {
    let mut copy = input.clone();
    set_collection(&mut copy, path, Value::from(items));
    copy
}

/// Sets the collection at `path` in `doc` to `value`, making the maps along the path where
/// they are missing (a document, not an object, at the root is left alone).
pub fn set_collection(doc: &mut Value, path: &str, value: Value) {
    fn set(v: &mut Value, keys: &[&str], value: Value) {
        let Some((first, rest)) = keys.split_first() else {
            *v = value;
            return;
        };
        if let Ok(obj) = v.as_object_mut() {
            let key = Value::from(*first);
            if rest.is_empty() {
                obj.insert(key, value);
            } else {
                let child = obj.get_or_insert_with(key, Value::new_object);
                set(child, rest, value);
            }
        }
    }
    let keys: Vec<&str> = path.split('.').collect();
    set(doc, &keys, value);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunk_replaces_only_its_collection() {
        let input = Value::from_json_str(r#"{"network": {"vpcs": [], "subnets": ["s"]}}"#).unwrap();
        let chunk = with_collection(&input, "network.vpcs", vec![Value::from("x")]);
        assert_eq!(
            collection_items(&chunk, "network.vpcs"),
            vec![Value::from("x")]
        );
        assert!(collection_items(&input, "network.vpcs").is_empty());
        assert_eq!(
            collection_items(&chunk, "network.subnets"),
            vec![Value::from("s")]
        );
        assert!(collection_items(&chunk, "network.nowhere").is_empty());
    }
}
