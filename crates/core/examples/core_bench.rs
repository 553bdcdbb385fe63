//! Native timings of the pure logic behind each interaction, on a data set written by the
//! ingest tool: `cargo run --release -p bantin-core --example core_bench -- <data dir>`
//! (for example `.tmp/bench/data-10000` after `bash scripts/bench.sh`). It prints the
//! median and worst of several runs of each step, so a change to the core can be judged
//! without a browser. The browser figures (which add wasm and rendering) come from
//! `bash scripts/bench.sh`.

use std::collections::BTreeSet;
use std::time::Instant;

use bantin_core::filter::{FacetIndex, Filter, SortOrder};
use bantin_core::search::{search, search_ranked, LoadedIndex, Query, Ranking, Shard};
use bantin_core::timeline::{TimelineIndex, Zoom};
use bantin_core::Catalog;

fn time<T>(label: &str, runs: usize, mut f: impl FnMut() -> T) -> T {
    let mut times = Vec::with_capacity(runs);
    let mut out = None;
    for _ in 0..runs {
        let start = Instant::now();
        out = Some(std::hint::black_box(f()));
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "{label:<44} median {:>9.2} ms   max {:>9.2} ms   (n={runs})",
        times[runs / 2],
        times[runs - 1]
    );
    out.expect("at least one run")
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| ".tmp/bench/data-10000".into());
    let text = std::fs::read_to_string(format!("{dir}/catalog.json"))
        .unwrap_or_else(|e| panic!("{dir}/catalog.json: {e}"));
    println!(
        "catalog: {} bytes, {}",
        text.len(),
        std::path::Path::new(&dir).display()
    );
    let catalog: Catalog = time("parse catalog", 3, || {
        serde_json::from_str::<Catalog>(&text).expect("catalog parses")
    });
    println!("articles: {}", catalog.articles.len());
    let facets = time("facet index", 3, || FacetIndex::new(&catalog));
    let empty = Filter::default();
    // Start-up builds the index and asks for the list's order; the other orders are
    // computed the first time the reader picks them.
    time("facet index + first list (start-up)", 3, || {
        FacetIndex::new(&catalog).apply_sorted(&catalog, &empty, SortOrder::default())
    });
    time("facet index + all four orders", 3, || {
        let f = FacetIndex::new(&catalog);
        SortOrder::ALL.map(|o| f.apply_sorted(&catalog, &empty, o).len())
    });
    let all = time("list, no filter", 11, || {
        facets.apply_sorted(&catalog, &empty, SortOrder::default())
    });
    time("facet counts, no filter", 11, || facets.counts(&empty));
    let province = Filter {
        provinces: BTreeSet::from([facets.province_codes()[0].clone()]),
        ..Filter::default()
    };
    let some = time("list, one province", 11, || {
        facets.apply_sorted(&catalog, &province, SortOrder::default())
    });
    time("facet counts, one province", 11, || {
        facets.counts(&province)
    });

    let index = time("timeline index (once per data set)", 3, || {
        TimelineIndex::new(&catalog)
    });
    let timeline = time("timeline, all articles", 11, || {
        index.select(&catalog, &all)
    });
    println!("timeline entries: {}", timeline.len());
    time("timeline, one province", 11, || {
        index.select(&catalog, &some)
    });
    for zoom in Zoom::ALL {
        let b = time(&format!("timeline buckets, {}", zoom.as_str()), 5, || {
            timeline.buckets(zoom)
        });
        let rows: usize = b.iter().map(|b| b.entries.len()).sum();
        println!("  {} buckets, {rows} rows", b.len());
    }

    let mut index = LoadedIndex::new();
    for key in bantin_core::search::ALL_SHARD_KEYS {
        let path = format!("{dir}/search/{key}.json");
        if let Ok(shard) = std::fs::read_to_string(&path) {
            let shard: Shard = serde_json::from_str(&shard).expect("shard parses");
            index.insert(key.into(), shard);
        }
    }
    for q in ["d", "da", "dai", "dai h", "dai hoi", "đại hội"] {
        let query = Query::parse(q);
        let hits = time(&format!("search {q:?}"), 7, || search(&index, &query));
        println!("  {} hits", hits.hits.len());
    }

    // Every keystroke of the browser benchmark's queries (bench/run.mjs), slowest first.
    let queries: Vec<String> = serde_json::from_str(include_str!("../../../bench/queries.json"))
        .expect("bench/queries.json is a list of strings");
    // Twice: ranking every hit (the reading view's previous/next), and only the first page
    // of 10 (what the list asks for, PAGE in src/list.rs).
    for (label, ranking) in [
        ("whole ranking", Ranking::ALL),
        (
            "first 10 ranked",
            Ranking {
                depth: 10,
                among: None,
            },
        ),
    ] {
        let mut keystrokes: Vec<(f64, String)> = Vec::new();
        for q in &queries {
            let chars: Vec<char> = q.chars().collect();
            for n in 1..=chars.len() {
                let typed: String = chars[..n].iter().collect();
                let query = Query::parse(&typed);
                let start = Instant::now();
                for _ in 0..3 {
                    std::hint::black_box(search_ranked(&index, &query, ranking));
                }
                keystrokes.push((start.elapsed().as_secs_f64() * 1000.0 / 3.0, typed));
            }
        }
        let mut times: Vec<f64> = keystrokes.iter().map(|k| k.0).collect();
        times.sort_by(f64::total_cmp);
        println!(
            "search keystrokes, {label}: {} typed, median {:.2} ms, p95 {:.2} ms, max {:.2} ms",
            times.len(),
            times[times.len() / 2],
            times[times.len() * 95 / 100],
            times[times.len() - 1]
        );
        keystrokes.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (ms, typed) in keystrokes.iter().take(5) {
            println!("  {ms:7.2} ms  {typed:?}");
        }
    }
}
