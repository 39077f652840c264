//! The uWSGI release a configuration is written for.

use std::fmt;
use std::str::FromStr;

/// The uWSGI release line a configuration must work on.
///
/// Validation refuses options and hook phases that the target does not have: uWSGI ignores
/// unknown directives silently (or dies on them in strict mode), so catching them here is the
/// only early warning a user gets.
///
/// ```
/// use uwsgiconf_core::Target;
///
/// assert_eq!(Target::default(), Target::V2_0);
/// assert_eq!("2.1".parse::<Target>().unwrap(), Target::V2_1);
/// assert_eq!(Target::V2_1.to_string(), "2.1");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Target {
    /// The 2.0 line, from 2.0.21 (Debian's `uwsgi-core`) to 2.0.31: an option must exist in
    /// both to be accepted.
    #[default]
    V2_0,
    /// The 2.1 line (uWSGI's development branch, `master`).
    V2_1,
}

impl Target {
    /// Every target, oldest first.
    pub const ALL: [Target; 2] = [Target::V2_0, Target::V2_1];

    /// The version as written in `target("2.1")` and error messages.
    pub const fn as_str(self) -> &'static str {
        match self {
            Target::V2_0 => "2.0",
            Target::V2_1 => "2.1",
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error returned when a string names no known [`Target`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownTarget(pub String);

impl fmt::Display for UnknownTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown uWSGI target {:?}: use \"2.0\" or \"2.1\"",
            self.0
        )
    }
}

impl std::error::Error for UnknownTarget {}

impl FromStr for Target {
    type Err = UnknownTarget;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "2.0" => Ok(Target::V2_0),
            "2.1" => Ok(Target::V2_1),
            other => Err(UnknownTarget(other.to_string())),
        }
    }
}
