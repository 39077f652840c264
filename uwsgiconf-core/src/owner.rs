//! Who uWSGI runs as: uid, gid, supplementary groups and when privileges drop.

use crate::value::{IntoValues, Value};

/// A user or group: a name (`www-data`) or a numeric id.
///
/// ```
/// use uwsgiconf_core::Id;
///
/// assert_eq!(Id::from(33).into_value().to_string(), "33");
/// assert_eq!(Id::from("www-data").into_value().to_string(), "www-data");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Id {
    /// A numeric id.
    Number(u32),
    /// A name, resolved by uWSGI when it drops privileges (or a variable such as `$(USER)`).
    Name(Value),
}

impl Id {
    /// The id as written in the config.
    pub fn into_value(self) -> Value {
        match self {
            Id::Number(number) => Value::from(number),
            Id::Name(name) => name,
        }
    }
}

impl From<u32> for Id {
    fn from(number: u32) -> Id {
        Id::Number(number)
    }
}

impl From<&str> for Id {
    fn from(name: &str) -> Id {
        Id::Name(Value::from(name))
    }
}

impl From<String> for Id {
    fn from(name: String) -> Id {
        Id::Name(Value::from(name))
    }
}

impl From<&String> for Id {
    fn from(name: &String) -> Id {
        Id::Name(Value::from(name))
    }
}

impl From<Value> for Id {
    fn from(name: Value) -> Id {
        Id::Name(name)
    }
}

/// When privileges drop, if not as soon as possible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DropAfter {
    /// After the plugins are initialised (`drop-after-init`).
    Init,
    /// After the apps are loaded (`drop-after-apps`).
    Apps,
}

/// Parameters of [`MainProcess::set_owner_params`](crate::MainProcess::set_owner_params).
///
/// ```
/// use uwsgiconf_core::{DropAfter, OwnerParams};
///
/// let params = OwnerParams::new().uid("www-data").gid("www-data").add_gids(["docker", "1001"]).drop_after(DropAfter::Apps);
/// assert_eq!(params.add_gids.len(), 2);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct OwnerParams {
    /// The user to run as (`uid`, or `immediate-uid` with `set_asap`).
    pub uid: Option<Id>,
    /// The group to run as (`gid`, or `immediate-gid` with `set_asap`).
    pub gid: Option<Id>,
    /// Supplementary groups (`add-gid`), replacing those of the user.
    pub add_gids: Vec<Id>,
    /// Drop privileges while the config is read (`immediate-uid`/`immediate-gid`).
    pub set_asap: bool,
    /// Drop privileges later than usual.
    pub drop_after: Option<DropAfter>,
    /// Accept `root` as the user (not a uwsgiconf parameter: running as root is refused
    /// unless asked for).
    pub allow_root: bool,
}

impl OwnerParams {
    /// Every parameter unset.
    pub fn new() -> Self {
        Self::default()
    }

    /// The user to run as.
    pub fn uid(mut self, uid: impl Into<Id>) -> Self {
        self.uid = Some(uid.into());
        self
    }

    /// The group to run as.
    pub fn gid(mut self, gid: impl Into<Id>) -> Self {
        self.gid = Some(gid.into());
        self
    }

    /// Supplementary groups: one, or an array or `Vec` of names and numbers as values.
    pub fn add_gids(mut self, gids: impl IntoValues) -> Self {
        self.add_gids
            .extend(gids.into_values().into_iter().map(Id::Name));
        self
    }

    /// Drop privileges while the config is read.
    pub fn set_asap(mut self, yes: bool) -> Self {
        self.set_asap = yes;
        self
    }

    /// Drop privileges after init or after the apps load.
    pub fn drop_after(mut self, when: DropAfter) -> Self {
        self.drop_after = Some(when);
        self
    }

    /// Accept running as root.
    pub fn allow_root(mut self, yes: bool) -> Self {
        self.allow_root = yes;
        self
    }
}

/// The current process's user and group ids, where the platform tells them without `unsafe`
/// (Linux: the owner of `/proc/self`, i.e. the effective ids).
pub(crate) fn current_ids() -> (Option<u32>, Option<u32>) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(meta) = std::fs::metadata("/proc/self") {
            return (Some(meta.uid()), Some(meta.gid()));
        }
    }
    (None, None)
}
