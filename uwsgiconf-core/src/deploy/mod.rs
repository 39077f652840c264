//! From a rendered configuration to a running uWSGI: files for build scripts, checks and
//! launches with the installed binary, plugins, systemd units and Emperor vassals.
//!
//! Each piece is one submodule; this module only lists them.

pub mod emperor;
pub mod plugins;
