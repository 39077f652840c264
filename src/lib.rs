//! # uwsgiconf
//!
//! Describe, check and render uWSGI configuration from Rust. This is the facade: it
//! re-exports the runtime ([`uwsgiconf_core`]).
#![forbid(unsafe_code)]

pub use uwsgiconf_core::*;
