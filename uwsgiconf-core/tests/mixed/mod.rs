//! Shared by the model property tests (`uwsgiconf-core/tests/mixed_model.rs`) and the real
//! uWSGI corpus (`tests/uwsgi_corpus.rs`): a generator of mixed scenarios, a model of how
//! uWSGI reads configuration, and the oracle of issue 7.
//!
//! - [`plan`]: random scenarios (several configs rendered separately and loaded together,
//!   several sections each) mixing typed `MainProcess` calls (owner, hooks, naming, basic,
//!   memory, exec), raw options through `add_option`/`set_option` (`set key=value`,
//!   `set-placeholder`, `if-*`/`for` blocks, repeatable and single-valued options, integers
//!   at the edges of their C types) and values mixing literal text full of what uWSGI treats
//!   specially with `$(..)`, `@(..)`, `%(..)` and magic variables; and the builder, which
//!   records what the user asked for and which refusals the issue allows;
//! - [`model`]: what uWSGI 2.0.21 reads (files, command line, config logic, `set`,
//!   placeholders, the expansion passes, the privilege drop);
//! - [`oracle`]: the properties, see its header;
//! - [`shrink`]: structural shrinking of a failing scenario, for readable failures.
#![allow(dead_code)] // each test file uses a part of this module

pub mod model;
pub mod oracle;
pub mod plan;
pub mod shrink;
