//! The option tables in `src/generated/` are what `codegen/catalogue.rs` makes of
//! `data/uwsgi-options.tsv`. They are committed instead of written by a build script, which
//! would be compiled, linked and run before the crate on every clean build; this test keeps
//! them current. After editing the TSV or the generator, rewrite them with:
//!
//! ```text
//! UWSGICONF_BLESS=1 cargo test -p uwsgiconf-core --test catalogue
//! ```
#![forbid(unsafe_code)]

use std::fs;
use std::path::Path;

include!("../codegen/catalogue.rs");

#[test]
fn the_committed_tables_are_generated_from_the_tsv() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tsv = fs::read_to_string(root.join("data/uwsgi-options.tsv")).unwrap();
    let (catalogue, keys) = generate(&tsv);
    let bless = std::env::var_os("UWSGICONF_BLESS").is_some();
    for (file, generated) in [("catalogue.rs", catalogue), ("keys.rs", keys)] {
        let path = root.join("src/generated").join(file);
        if bless {
            fs::write(&path, &generated).unwrap();
        }
        let committed = fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "src/generated/{file} is stale: rewrite it with \
             UWSGICONF_BLESS=1 cargo test -p uwsgiconf-core --test catalogue"
        );
    }
}
