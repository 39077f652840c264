//! From a rendered configuration to a running uWSGI: files for build scripts, checks and
//! launches with the installed binary, plugins, systemd units and Emperor vassals.
//!
//! Each piece is one submodule; this module only lists them.

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
