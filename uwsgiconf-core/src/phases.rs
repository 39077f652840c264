//! Hook phases: the moments of uWSGI's life where `hook-<phase>` actions (and, for eleven of
//! them, `exec-<phase>` commands) run.

use std::fmt;
use std::str::FromStr;

use crate::options::{key, Key, OptionSpec};
use crate::Target;

/// A phase of uWSGI's life where hooks run.
///
/// Variants are named after uWSGI's phase names; uwsgiconf's constant names are available as
/// associated constants (`Phase::JAIL_PRE` is `Phase::PreJail`).
///
/// ```
/// use uwsgiconf_core::{Phase, Target};
///
/// let phase = Phase::PRIV_DROP_POST;
/// assert_eq!(phase, Phase::AsUser);
/// assert_eq!(phase.uwsgi_name(), "as-user");
/// assert_eq!(phase.hook_option(), "hook-as-user");
/// assert_eq!(phase.exec_option(), Some("exec-as-user"));
/// assert!(phase.is_fatal());
/// assert_eq!(Phase::PostFork.exec_option(), None);
/// assert_eq!(Phase::AsVassalBeforeDrop.first_target(), Target::V2_1);
/// assert_eq!("JAIL_PRE".parse::<Phase>().unwrap(), Phase::PreJail);
/// assert_eq!("pre_jail".parse::<Phase>().unwrap(), Phase::PreJail);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Phase {
    /// `asap`: right after the config is parsed.
    Asap,
    /// `pre-jail`: before unshare/jailing.
    PreJail,
    /// `in-jail`: in the child, after jailing.
    InJail,
    /// `post-jail`: in the parent, after jailing.
    PostJail,
    /// `as-root`: before dropping privileges (only when started as root).
    AsRoot,
    /// `as-user`: right after dropping privileges (only when started as root).
    AsUser,
    /// `master-start`: in the master, after the workers are spawned.
    MasterStart,
    /// `emperor-start`: when the emperor starts.
    EmperorStart,
    /// `emperor-stop`: in a vassal told to stop by its emperor.
    EmperorStop,
    /// `emperor-reload`: in a vassal told to reload by its emperor.
    EmperorReload,
    /// `emperor-lost`: in a vassal whose emperor connection is lost.
    EmperorLost,
    /// `as-user-atexit`: at exit, in the master process only.
    AsUserAtexit,
    /// `pre-app`: before the apps are loaded.
    PreApp,
    /// `post-app`: after the apps are loaded.
    PostApp,
    /// `as-on-demand-vassal` (2.1): in the emperor, when a vassal goes on demand.
    AsOnDemandVassal,
    /// `as-on-config-vassal` (2.1): in the emperor, when an on-demand vassal's config changes.
    AsOnConfigVassal,
    /// `as-emperor-before-vassal` (2.1): in the emperor, before a vassal is forked.
    AsEmperorBeforeVassal,
    /// `as-vassal-before-drop` (2.1): in a vassal, before it drops privileges.
    AsVassalBeforeDrop,
    /// `as-emperor-setns` (2.1): the emperor inside a vassal's namespaces.
    AsEmperorSetns,
    /// `as-vassal`: in the emperor's child, before the vassal is executed.
    AsVassal,
    /// `as-emperor`: in the emperor, after a vassal is spawned.
    AsEmperor,
    /// `as-gateway`: in each gateway (router) process.
    AsGateway,
    /// `as-mule`: in each mule.
    AsMule,
    /// `accepting`: in each worker, before it accepts requests.
    Accepting,
    /// `accepting1`: in the first worker, before it accepts requests.
    Accepting1,
    /// `accepting-once`: in each worker, once per instance (not after a respawn).
    AcceptingOnce,
    /// `accepting1-once`: in the first worker, once per instance.
    Accepting1Once,
    /// `post-fork`: in each worker, right after fork.
    PostFork,
}

/// The facts this crate holds about one phase; the rest comes from the option catalogue.
struct PhaseFacts {
    phase: Phase,
    uwsgi_name: &'static str,
    const_name: &'static str,
    fatal: bool,
    /// The `hook-<phase>` option.
    hook: Key,
    /// The `exec-<phase>` option, for the eleven phases that have one.
    exec: Option<Key>,
}

const fn facts(
    phase: Phase,
    uwsgi_name: &'static str,
    const_name: &'static str,
    fatal: bool,
    hook: Key,
    exec: Option<Key>,
) -> PhaseFacts {
    PhaseFacts {
        phase,
        uwsgi_name,
        const_name,
        fatal,
        hook,
        exec,
    }
}

/// Indexed by `Phase as usize`.
static PHASE_FACTS: [PhaseFacts; 28] = [
    facts(
        Phase::Asap,
        "asap",
        "ASAP",
        true,
        key::HOOK_ASAP,
        Some(key::EXEC_ASAP),
    ),
    facts(
        Phase::PreJail,
        "pre-jail",
        "JAIL_PRE",
        true,
        key::HOOK_PRE_JAIL,
        Some(key::EXEC_PRE_JAIL),
    ),
    facts(
        Phase::InJail,
        "in-jail",
        "JAIL_IN",
        true,
        key::HOOK_IN_JAIL,
        Some(key::EXEC_IN_JAIL),
    ),
    facts(
        Phase::PostJail,
        "post-jail",
        "JAIL_POST",
        true,
        key::HOOK_POST_JAIL,
        Some(key::EXEC_POST_JAIL),
    ),
    facts(
        Phase::AsRoot,
        "as-root",
        "PRIV_DROP_PRE",
        true,
        key::HOOK_AS_ROOT,
        Some(key::EXEC_AS_ROOT),
    ),
    facts(
        Phase::AsUser,
        "as-user",
        "PRIV_DROP_POST",
        true,
        key::HOOK_AS_USER,
        Some(key::EXEC_AS_USER),
    ),
    facts(
        Phase::MasterStart,
        "master-start",
        "MASTER_START",
        true,
        key::HOOK_MASTER_START,
        None,
    ),
    facts(
        Phase::EmperorStart,
        "emperor-start",
        "EMPEROR_START",
        true,
        key::HOOK_EMPEROR_START,
        None,
    ),
    facts(
        Phase::EmperorStop,
        "emperor-stop",
        "EMPEROR_STOP",
        false,
        key::HOOK_EMPEROR_STOP,
        None,
    ),
    facts(
        Phase::EmperorReload,
        "emperor-reload",
        "EMPEROR_RELOAD",
        false,
        key::HOOK_EMPEROR_RELOAD,
        None,
    ),
    facts(
        Phase::EmperorLost,
        "emperor-lost",
        "EMPEROR_LOST",
        false,
        key::HOOK_EMPEROR_LOST,
        None,
    ),
    facts(
        Phase::AsUserAtexit,
        "as-user-atexit",
        "EXIT",
        false,
        key::HOOK_AS_USER_ATEXIT,
        Some(key::EXEC_AS_USER_ATEXIT),
    ),
    facts(
        Phase::PreApp,
        "pre-app",
        "APP_LOAD_PRE",
        true,
        key::HOOK_PRE_APP,
        Some(key::EXEC_PRE_APP),
    ),
    facts(
        Phase::PostApp,
        "post-app",
        "APP_LOAD_POST",
        true,
        key::HOOK_POST_APP,
        Some(key::EXEC_POST_APP),
    ),
    facts(
        Phase::AsOnDemandVassal,
        "as-on-demand-vassal",
        "VASSAL_ON_DEMAND_IN",
        false,
        key::HOOK_AS_ON_DEMAND_VASSAL,
        None,
    ),
    facts(
        Phase::AsOnConfigVassal,
        "as-on-config-vassal",
        "VASSAL_CONFIG_CHANGE_POST",
        false,
        key::HOOK_AS_ON_CONFIG_VASSAL,
        None,
    ),
    facts(
        Phase::AsEmperorBeforeVassal,
        "as-emperor-before-vassal",
        "VASSAL_START_PRE",
        false,
        key::HOOK_AS_EMPEROR_BEFORE_VASSAL,
        None,
    ),
    facts(
        Phase::AsVassalBeforeDrop,
        "as-vassal-before-drop",
        "VASSAL_PRIV_DRP_PRE",
        true,
        key::HOOK_AS_VASSAL_BEFORE_DROP,
        None,
    ),
    facts(
        Phase::AsEmperorSetns,
        "as-emperor-setns",
        "VASSAL_SET_NAMESPACE",
        false,
        key::HOOK_AS_EMPEROR_SETNS,
        None,
    ),
    facts(
        Phase::AsVassal,
        "as-vassal",
        "VASSAL_START_IN",
        true,
        key::HOOK_AS_VASSAL,
        Some(key::EXEC_AS_VASSAL),
    ),
    facts(
        Phase::AsEmperor,
        "as-emperor",
        "VASSAL_START_POST",
        false,
        key::HOOK_AS_EMPEROR,
        Some(key::EXEC_AS_EMPEROR),
    ),
    facts(
        Phase::AsGateway,
        "as-gateway",
        "GATEWAY_START_IN_EACH",
        true,
        key::HOOK_AS_GATEWAY,
        None,
    ),
    facts(
        Phase::AsMule,
        "as-mule",
        "MULE_START_IN_EACH",
        true,
        key::HOOK_AS_MULE,
        None,
    ),
    facts(
        Phase::Accepting,
        "accepting",
        "WORKER_ACCEPTING_PRE_EACH",
        true,
        key::HOOK_ACCEPTING,
        None,
    ),
    facts(
        Phase::Accepting1,
        "accepting1",
        "WORKER_ACCEPTING_PRE_FIRST",
        true,
        key::HOOK_ACCEPTING1,
        None,
    ),
    facts(
        Phase::AcceptingOnce,
        "accepting-once",
        "WORKER_ACCEPTING_PRE_EACH_ONCE",
        true,
        key::HOOK_ACCEPTING_ONCE,
        None,
    ),
    facts(
        Phase::Accepting1Once,
        "accepting1-once",
        "WORKER_ACCEPTING_PRE_FIRST_ONCE",
        true,
        key::HOOK_ACCEPTING1_ONCE,
        None,
    ),
    facts(
        Phase::PostFork,
        "post-fork",
        "POST_FORK",
        true,
        key::HOOK_POST_FORK,
        None,
    ),
];

/// uwsgiconf's constant names.
#[allow(missing_docs)]
impl Phase {
    pub const ASAP: Phase = Phase::Asap;
    pub const JAIL_PRE: Phase = Phase::PreJail;
    pub const JAIL_IN: Phase = Phase::InJail;
    pub const JAIL_POST: Phase = Phase::PostJail;
    pub const PRIV_DROP_PRE: Phase = Phase::AsRoot;
    pub const PRIV_DROP_POST: Phase = Phase::AsUser;
    pub const MASTER_START: Phase = Phase::MasterStart;
    pub const EMPEROR_START: Phase = Phase::EmperorStart;
    pub const EMPEROR_STOP: Phase = Phase::EmperorStop;
    pub const EMPEROR_RELOAD: Phase = Phase::EmperorReload;
    pub const EMPEROR_LOST: Phase = Phase::EmperorLost;
    pub const EXIT: Phase = Phase::AsUserAtexit;
    pub const APP_LOAD_PRE: Phase = Phase::PreApp;
    pub const APP_LOAD_POST: Phase = Phase::PostApp;
    pub const VASSAL_ON_DEMAND_IN: Phase = Phase::AsOnDemandVassal;
    pub const VASSAL_CONFIG_CHANGE_POST: Phase = Phase::AsOnConfigVassal;
    pub const VASSAL_START_PRE: Phase = Phase::AsEmperorBeforeVassal;
    pub const VASSAL_PRIV_DRP_PRE: Phase = Phase::AsVassalBeforeDrop;
    pub const VASSAL_SET_NAMESPACE: Phase = Phase::AsEmperorSetns;
    pub const VASSAL_START_IN: Phase = Phase::AsVassal;
    pub const VASSAL_START_POST: Phase = Phase::AsEmperor;
    pub const GATEWAY_START_IN_EACH: Phase = Phase::AsGateway;
    pub const MULE_START_IN_EACH: Phase = Phase::AsMule;
    pub const WORKER_ACCEPTING_PRE_EACH: Phase = Phase::Accepting;
    pub const WORKER_ACCEPTING_PRE_FIRST: Phase = Phase::Accepting1;
    pub const WORKER_ACCEPTING_PRE_EACH_ONCE: Phase = Phase::AcceptingOnce;
    pub const WORKER_ACCEPTING_PRE_FIRST_ONCE: Phase = Phase::Accepting1Once;
    pub const POST_FORK: Phase = Phase::PostFork;
}

impl Phase {
    /// Every phase, in uwsgiconf's order, `post-fork` last.
    pub const ALL: [Phase; 28] = [
        Phase::Asap,
        Phase::PreJail,
        Phase::InJail,
        Phase::PostJail,
        Phase::AsRoot,
        Phase::AsUser,
        Phase::MasterStart,
        Phase::EmperorStart,
        Phase::EmperorStop,
        Phase::EmperorReload,
        Phase::EmperorLost,
        Phase::AsUserAtexit,
        Phase::PreApp,
        Phase::PostApp,
        Phase::AsOnDemandVassal,
        Phase::AsOnConfigVassal,
        Phase::AsEmperorBeforeVassal,
        Phase::AsVassalBeforeDrop,
        Phase::AsEmperorSetns,
        Phase::AsVassal,
        Phase::AsEmperor,
        Phase::AsGateway,
        Phase::AsMule,
        Phase::Accepting,
        Phase::Accepting1,
        Phase::AcceptingOnce,
        Phase::Accepting1Once,
        Phase::PostFork,
    ];

    fn facts(self) -> &'static PhaseFacts {
        let facts = &PHASE_FACTS[self as usize];
        debug_assert_eq!(facts.phase, self);
        facts
    }

    /// uWSGI's name (`pre-jail`).
    pub fn uwsgi_name(self) -> &'static str {
        self.facts().uwsgi_name
    }

    /// uwsgiconf's constant name (`JAIL_PRE`).
    pub fn const_name(self) -> &'static str {
        self.facts().const_name
    }

    /// Whether a failing hook in this phase stops uWSGI.
    pub fn is_fatal(self) -> bool {
        self.facts().fatal
    }

    /// The `hook-<phase>` option.
    pub fn hook_option(self) -> &'static str {
        self.hook_key().name()
    }

    /// The `hook-<phase>` option's key.
    pub(crate) fn hook_key(self) -> Key {
        self.facts().hook
    }

    fn hook_spec(self) -> &'static OptionSpec {
        self.hook_key().spec()
    }

    /// The `exec-<phase>` option, for the eleven phases that have one.
    pub fn exec_option(self) -> Option<&'static str> {
        self.exec_key().map(Key::name)
    }

    /// The `exec-<phase>` option's key, for the eleven phases that have one.
    pub(crate) fn exec_key(self) -> Option<Key> {
        self.facts().exec
    }

    /// The oldest uWSGI target that has this phase.
    pub fn first_target(self) -> Target {
        self.hook_spec().first_target().unwrap_or(Target::V2_1)
    }

    /// Whether `target` has this phase.
    pub fn available_in(self, target: Target) -> bool {
        self.hook_spec().available_in(target)
    }

    /// Finds a phase by uWSGI name (`pre-jail`), the same with `_` (`pre_jail`), or uwsgiconf's
    /// constant name (`JAIL_PRE`).
    pub fn from_name(name: &str) -> Option<Phase> {
        let hyphenated = name.replace('_', "-");
        Phase::ALL
            .into_iter()
            .find(|phase| phase.uwsgi_name() == hyphenated || phase.const_name() == name)
    }

    /// Known phase names closest to `name`, in the style `name` was written in.
    pub fn suggest(name: &str) -> Vec<&'static str> {
        let shouting = name.chars().any(|c| c.is_ascii_uppercase());
        if shouting {
            crate::suggest::closest(name, Phase::ALL.iter().map(|p| p.const_name()))
        } else {
            let underscored = Phase::ALL.iter().map(|p| p.uwsgi_name());
            crate::suggest::closest(&name.replace('_', "-"), underscored)
        }
    }
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.uwsgi_name())
    }
}

/// The error returned when a string names no [`Phase`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownPhase(pub String);

impl fmt::Display for UnknownPhase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown hook phase `{}`", self.0)?;
        let hint = crate::suggest::did_you_mean(&Phase::suggest(&self.0));
        if !hint.is_empty() {
            write!(f, ": {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownPhase {}

impl FromStr for Phase {
    type Err = UnknownPhase;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Phase::from_name(s).ok_or_else(|| UnknownPhase(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_indexed_by_discriminant() {
        for phase in Phase::ALL {
            assert_eq!(phase.facts().phase, phase);
        }
    }

    #[test]
    fn options_are_the_phase_names() {
        for phase in Phase::ALL {
            let name = phase.uwsgi_name();
            assert_eq!(phase.hook_option(), format!("hook-{name}"));
            // The catalogue has `exec-<phase>` exactly for the phases given one.
            let exec = crate::options::lookup(&format!("exec-{name}")).map(|spec| spec.name());
            assert_eq!(phase.exec_option(), exec, "{name}");
        }
    }

    #[test]
    fn eleven_phases_have_exec() {
        let with_exec: Vec<&str> = Phase::ALL.iter().filter_map(|p| p.exec_option()).collect();
        assert_eq!(
            with_exec,
            [
                "exec-asap",
                "exec-pre-jail",
                "exec-in-jail",
                "exec-post-jail",
                "exec-as-root",
                "exec-as-user",
                "exec-as-user-atexit",
                "exec-pre-app",
                "exec-post-app",
                "exec-as-vassal",
                "exec-as-emperor"
            ]
        );
    }

    #[test]
    fn five_phases_are_2_1_only() {
        let only_2_1: Vec<&str> = Phase::ALL
            .iter()
            .filter(|p| p.first_target() == Target::V2_1)
            .map(|p| p.uwsgi_name())
            .collect();
        assert_eq!(
            only_2_1,
            [
                "as-on-demand-vassal",
                "as-on-config-vassal",
                "as-emperor-before-vassal",
                "as-vassal-before-drop",
                "as-emperor-setns"
            ]
        );
    }

    #[test]
    fn names_parse_three_ways() {
        for phase in Phase::ALL {
            assert_eq!(Phase::from_name(phase.uwsgi_name()), Some(phase));
            assert_eq!(Phase::from_name(phase.const_name()), Some(phase));
            assert_eq!(
                Phase::from_name(&phase.uwsgi_name().replace('-', "_")),
                Some(phase)
            );
        }
        assert_eq!(Phase::from_name("nope"), None);
    }

    #[test]
    fn suggestions_follow_the_spelling() {
        assert_eq!(Phase::suggest("JAIL_PER"), ["JAIL_PRE"]);
        assert_eq!(Phase::suggest("pre_jial")[0], "pre-jail");
        assert_eq!(
            "JAIL_PER".parse::<Phase>().unwrap_err().to_string(),
            "unknown hook phase `JAIL_PER`: did you mean `JAIL_PRE`?"
        );
    }
}
