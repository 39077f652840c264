//! # uwsgiconf-core
//!
//! The runtime of uwsgiconf for Rust: a typed model of uWSGI's options, group by group as
//! uwsgiconf groups them (main process, master process, workers), and renderers that write
//! the configuration uWSGI reads: INI, JSON, YAML and XML files, command-line arguments and
//! `UWSGI_*` environment variables.
//!
//! Values given to it reach uWSGI exactly as given, or are refused with a clear error:
//! `%` is doubled in files, literal `$(..)` and `@(..)` are carried past uWSGI's expansion,
//! line breaks and other things a format cannot hold are refused. Checks follow what the real
//! uWSGI (2.0.21 to 2.0.31, and 2.1) does, not only what its documentation says.
//!
//! ```
//! use uwsgiconf_core::{Action, OwnerParams, Phase, Section};
//!
//! let mut section = Section::new();
//! section
//!     .main_process()
//!     .set_owner_params(OwnerParams::new().uid("www-data").gid("www-data"))
//!     .set_hook(Phase::ASAP, Action::printout("100% ready"));
//! assert_eq!(
//!     section.to_ini().unwrap(),
//!     "[uwsgi]\nuid = www-data\ngid = www-data\nhook-asap = print:100%%%% ready\n"
//! );
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[doc(hidden)]
pub mod __private;
pub mod actions;
// The macro language's tables and checks, for the macro crate and the documentation tests:
// not semver surface.
#[doc(hidden)]
pub mod dsl;
mod error;
mod few;
mod format;
mod groups;
pub mod options;
pub mod phases;
mod placeholder;
pub mod plugins;
mod section;
mod set;
mod suggest;
mod target;
mod validate;
mod value;

pub use actions::{Action, Call, FifoWrite, FileWrite, IntoActions, Mode, Mount};
pub use error::{Blame, Error, Problem, ProblemKind};
pub use groups::empire::{self, Empire};
pub use groups::main_process;
pub use groups::main_process::owner::{DropAfter, Id, OwnerParams};
pub use groups::main_process::{
    BasicParams, ChangeDirParams, DaemonizeParams, MainProcess, MemoryParams, NamingParams,
    OnExitParams, PidFileParams, RunOnEventParams,
};
pub use groups::master_process::{self, MasterProcess};
pub use groups::workers::{self, Workers};
pub use phases::{Phase, UnknownPhase};
pub use plugins::PluginsParams;
pub use section::{Config, Section, Setting};
pub use suggest::{closest as closest_names, did_you_mean};
pub use target::{Target, UnknownTarget};
pub use value::{IntoValues, MagicVar, Part, TopLevelVar, Value, MAGIC_VARS};
