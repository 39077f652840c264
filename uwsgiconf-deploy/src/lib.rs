//! From a rendered configuration to a running uWSGI: files for build scripts, checks and
//! launches with the installed binary, plugins, systemd units and Emperor vassals.
//!
//! Each piece is one submodule; this crate only lists them. Use it through the `uwsgiconf`
//! crate, as `uwsgiconf::deploy`. It is a crate of its own so that it builds beside the macro
//! crate, which needs none of it, instead of before it as part of `uwsgiconf-core`.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod binary;
pub mod build_script;
pub mod check;
pub mod emperor;
pub mod fifo;
pub mod launch;
pub mod plugins;
mod replace;
mod scratch;
pub mod systemd;
