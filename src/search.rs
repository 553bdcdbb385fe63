//! Fetching the search index shards a query needs, once each.

use std::collections::BTreeSet;

use bantin_core::search::{LoadedIndex, Query, Shard, SHARD_SCHEMA};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::data::{check_schema, fetch_json, LoadError};

#[derive(Clone, Copy)]
pub struct SearchState {
    pub index: StoredValue<LoadedIndex>,
    /// Bumped whenever a shard arrives, so searches rerun.
    pub version: RwSignal<u32>,
    /// Shards being fetched now.
    in_flight: StoredValue<BTreeSet<String>>,
    /// Why the last shard could not be used (offline, damaged, of another version): the UI
    /// says so, and does not pretend the words were not found.
    pub failed: RwSignal<Option<LoadError>>,
}

impl SearchState {
    pub fn new() -> SearchState {
        SearchState {
            index: StoredValue::new(LoadedIndex::new()),
            version: RwSignal::new(0),
            in_flight: StoredValue::new(BTreeSet::new()),
            failed: RwSignal::new(None),
        }
    }

    /// Starts fetching the shards `query` needs that are neither loaded nor on their way.
    pub fn ensure(&self, query: &Query) {
        let missing = self.index.with_value(|i| i.missing(query));
        for key in missing {
            if self.in_flight.with_value(|f| f.contains(&key)) {
                continue;
            }
            self.in_flight.update_value(|f| {
                f.insert(key.clone());
            });
            let this = *self;
            spawn_local(async move {
                let result = fetch_json::<Shard>(&format!("data/search/{key}.json"))
                    .await
                    .and_then(|s| check_schema(s.schema, SHARD_SCHEMA).map(|()| s));
                this.in_flight.update_value(|f| {
                    f.remove(&key);
                });
                match result {
                    Ok(shard) => {
                        this.index.update_value(|i| i.insert(key, shard));
                        this.failed.set(None);
                    }
                    // No word of the data set starts with this letter: nothing to find.
                    Err(LoadError::Status(404)) => {
                        this.index.update_value(|i| i.insert(key, Shard::default()));
                    }
                    Err(e) => this.failed.set(Some(e)),
                }
                this.version.update(|v| *v += 1);
            });
        }
    }
}
