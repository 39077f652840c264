//! The emperor's own options (uwsgiconf's `Section.empire` group): where the vassals are,
//! how often they are scanned, the vassal wrappers, tolerance, tyrant and broodlord modes.
//! Writing the vassal files themselves is `uwsgiconf::deploy::emperor`'s work.

use crate::dsl::{ItemSpec, Kind, Param, Receiver, U32};
use crate::groups::params::params;
use crate::groups::Group;
use crate::options::{key, Key};
use crate::section::Section;
use crate::value::{IntoValues, Value};

params! {
    /// Parameters of [`Empire::set_emperor_params`].
    pub struct EmperorParams {
        /// Where the vassals are: a directory, a glob (`/etc/vassals/*.ini`) or another
        /// imperial monitor (`emperor`); one line each.
        vassals_home: Values,
        /// The emperor's process name (`emperor-procname`).
        name: Text,
        /// Seconds between two scans of the vassals (`emperor-freq`; 3 by default).
        scan_interval: Option<u32>,
        /// The emperor's pidfile (`emperor-pidfile`).
        pid_file: Text,
        /// Start the emperor before the apps are loaded (`early-emperor`).
        spawn_asap: bool,
        /// The address of the emperor's stats server (`emperor-stats-server`).
        stats_address: Text,
        /// The emperor's trigger socket (`emperor-trigger-socket`; uWSGI 2.1).
        trigger_socket: Text,
        /// Do not follow symbolic links when checking modification times
        /// (`emperor-nofollow`).
        links_no_follow: bool,
    }
}

params! {
    /// Parameters of [`Empire::set_emperor_command_params`] (uWSGI 2.1).
    pub struct EmperorCommandParams {
        /// The emperor's command socket (`emperor-command-socket`).
        command_socket: Text,
        /// Start vassals only when a command says so (`emperor-wait-for-command`).
        wait_for_command: bool,
        /// Vassals started without a command (`emperor-wait-for-command-ignore`).
        wait_for_command_exclude: Values,
    }
}

params! {
    /// Parameters of [`Empire::set_vassals_wrapper_params`].
    pub struct VassalsWrapperParams {
        /// The binary vassals run with instead of the emperor's (`emperor-wrapper`).
        wrapper: Text,
        /// Binaries tried before the wrapper (`emperor-wrapper-override`).
        overrides: Values,
        /// Binaries tried when the wrapper fails (`emperor-wrapper-fallback`).
        fallbacks: Values,
    }
}

params! {
    /// Parameters of [`Empire::set_throttle_params`].
    pub struct ThrottleParams {
        /// Milliseconds the emperor waits between spawns after a failure
        /// (`emperor-throttle`).
        level: Option<u32>,
        /// The most it waits (`emperor-max-throttle`).
        level_max: Option<u32>,
    }
}

params! {
    /// Parameters of [`Empire::set_tolerance_params`].
    pub struct ToleranceParams {
        /// Seconds a vassal may go without a heartbeat (`emperor-required-heartbeat`).
        for_heartbeat: Option<u32>,
        /// Seconds a cursed vassal is given to die (`emperor-curse-tolerance`).
        for_cursed_vassals: Option<u32>,
    }
}

params! {
    /// Parameters of [`Empire::set_mode_tyrant_params`].
    pub struct TyrantParams {
        /// Run each vassal as the owner of its file (`emperor-tyrant`).
        enable: bool,
        /// Take the owner of a link, not of its target (`emperor-tyrant-nofollow`).
        links_no_follow: bool,
        /// Give each vassal its owner's groups (`emperor-tyrant-initgroups`; uWSGI 2.1).
        use_initgroups: bool,
    }
}

params! {
    /// Parameters of [`Empire::set_mode_broodlord_params`].
    pub struct BroodlordParams {
        /// Zergs the emperor may spawn (`emperor-broodlord`).
        zerg_count: Option<u32>,
        /// Seconds of a vassal's overload before it asks for reinforcements (`vassal-sos`).
        vassal_overload_sos_interval: Option<u32>,
        /// Queued requests that make a vassal ask for reinforcements
        /// (`vassal-sos-backlog`).
        vassal_queue_items_sos: Option<u32>,
    }
}

/// The emperor's options of a section (uwsgiconf's `Section.empire`), from
/// [`Section::empire`].
///
/// ```
/// use uwsgiconf_core::empire::{EmperorParams, ThrottleParams};
/// use uwsgiconf_core::Section;
///
/// let mut emperor = Section::new();
/// emperor
///     .empire()
///     .set_emperor_params(EmperorParams::new().vassals_home("/etc/vassals").scan_interval(1))
///     .set_throttle_params(ThrottleParams::new().level(1000));
/// assert_eq!(
///     emperor.to_ini().unwrap(),
///     "[uwsgi]\nemperor = /etc/vassals\nemperor-freq = 1\nemperor-throttle = 1000\n"
/// );
/// ```
#[derive(Debug)]
pub struct Empire<'a> {
    section: &'a mut Section,
}

impl Section {
    /// The emperor's options: the vassals it watches and how it runs them.
    pub fn empire(&mut self) -> Empire<'_> {
        Empire { section: self }
    }
}

impl Empire<'_> {
    fn value(&mut self, key: Key, value: Option<Value>, origin: &'static str, call: usize) {
        if let Some(value) = value {
            self.section.put_value(key, value, origin, call);
        }
    }

    fn values(&mut self, key: Key, values: Vec<Value>, origin: &'static str, call: usize) {
        for value in values {
            self.section.put_value(key, value, origin, call);
        }
    }

    fn number(&mut self, key: Key, number: Option<u32>, origin: &'static str, call: usize) {
        self.value(key, number.map(Value::from), origin, call);
    }

    fn switch(&mut self, key: Key, on: bool, origin: &'static str, call: usize) {
        if on {
            self.section.put_flag(key, true, origin, call);
        }
    }

    /// uwsgiconf's `set_emperor_params`: where the vassals are, and how the emperor runs.
    pub fn set_emperor_params(&mut self, params: EmperorParams) -> &mut Self {
        const ORIGIN: &str = "set_emperor_params";
        let call = self.section.next_call();
        self.values(key::EMPEROR, params.vassals_home, ORIGIN, call);
        self.value(key::EMPEROR_PROCNAME, params.name, ORIGIN, call);
        self.number(key::EMPEROR_FREQ, params.scan_interval, ORIGIN, call);
        self.value(key::EMPEROR_PIDFILE, params.pid_file, ORIGIN, call);
        self.switch(key::EARLY_EMPEROR, params.spawn_asap, ORIGIN, call);
        self.value(
            key::EMPEROR_STATS_SERVER,
            params.stats_address,
            ORIGIN,
            call,
        );
        self.value(
            key::EMPEROR_TRIGGER_SOCKET,
            params.trigger_socket,
            ORIGIN,
            call,
        );
        self.switch(key::EMPEROR_NOFOLLOW, params.links_no_follow, ORIGIN, call);
        self
    }

    /// uwsgiconf's `print_monitors`: uWSGI lists its imperial monitors when it starts
    /// (`imperial-monitor-list`).
    pub fn print_monitors(&mut self) -> &mut Self {
        let call = self.section.next_call();
        self.switch(key::IMPERIAL_MONITOR_LIST, true, "print_monitors", call);
        self
    }

    /// uwsgiconf's `set_emperor_command_params`: the emperor's command socket (uWSGI 2.1).
    pub fn set_emperor_command_params(&mut self, params: EmperorCommandParams) -> &mut Self {
        const ORIGIN: &str = "set_emperor_command_params";
        let call = self.section.next_call();
        self.value(
            key::EMPEROR_COMMAND_SOCKET,
            params.command_socket,
            ORIGIN,
            call,
        );
        self.switch(
            key::EMPEROR_WAIT_FOR_COMMAND,
            params.wait_for_command,
            ORIGIN,
            call,
        );
        let exclude = params.wait_for_command_exclude;
        self.values(key::EMPEROR_WAIT_FOR_COMMAND_IGNORE, exclude, ORIGIN, call);
        self
    }

    /// uwsgiconf's `set_vassals_wrapper_params`: the binary vassals run with.
    pub fn set_vassals_wrapper_params(&mut self, params: VassalsWrapperParams) -> &mut Self {
        const ORIGIN: &str = "set_vassals_wrapper_params";
        let call = self.section.next_call();
        self.value(key::EMPEROR_WRAPPER, params.wrapper, ORIGIN, call);
        self.values(
            key::EMPEROR_WRAPPER_OVERRIDE,
            params.overrides,
            ORIGIN,
            call,
        );
        self.values(
            key::EMPEROR_WRAPPER_FALLBACK,
            params.fallbacks,
            ORIGIN,
            call,
        );
        self
    }

    /// uwsgiconf's `set_throttle_params`: how the emperor slows down spawning after failures.
    pub fn set_throttle_params(&mut self, params: ThrottleParams) -> &mut Self {
        const ORIGIN: &str = "set_throttle_params";
        let call = self.section.next_call();
        self.number(key::EMPEROR_THROTTLE, params.level, ORIGIN, call);
        self.number(key::EMPEROR_MAX_THROTTLE, params.level_max, ORIGIN, call);
        self
    }

    /// uwsgiconf's `set_tolerance_params`: how long the emperor bears silent or cursed
    /// vassals.
    pub fn set_tolerance_params(&mut self, params: ToleranceParams) -> &mut Self {
        const ORIGIN: &str = "set_tolerance_params";
        let call = self.section.next_call();
        let heartbeat = params.for_heartbeat;
        self.number(key::EMPEROR_REQUIRED_HEARTBEAT, heartbeat, ORIGIN, call);
        let cursed = params.for_cursed_vassals;
        self.number(key::EMPEROR_CURSE_TOLERANCE, cursed, ORIGIN, call);
        self
    }

    /// uwsgiconf's `set_mode_tyrant_params`: each vassal runs as the owner of its file.
    pub fn set_mode_tyrant_params(&mut self, params: TyrantParams) -> &mut Self {
        const ORIGIN: &str = "set_mode_tyrant_params";
        let call = self.section.next_call();
        self.switch(key::EMPEROR_TYRANT, params.enable, ORIGIN, call);
        let nofollow = params.links_no_follow;
        self.switch(key::EMPEROR_TYRANT_NOFOLLOW, nofollow, ORIGIN, call);
        let initgroups = params.use_initgroups;
        self.switch(key::EMPEROR_TYRANT_INITGROUPS, initgroups, ORIGIN, call);
        self
    }

    /// uwsgiconf's `set_mode_broodlord_params`: zergs spawned for overloaded vassals.
    pub fn set_mode_broodlord_params(&mut self, params: BroodlordParams) -> &mut Self {
        const ORIGIN: &str = "set_mode_broodlord_params";
        let call = self.section.next_call();
        self.number(key::EMPEROR_BROODLORD, params.zerg_count, ORIGIN, call);
        let interval = params.vassal_overload_sos_interval;
        self.number(key::VASSAL_SOS, interval, ORIGIN, call);
        let backlog = params.vassal_queue_items_sos;
        self.number(key::VASSAL_SOS_BACKLOG, backlog, ORIGIN, call);
        self
    }
}

/// The group's entry in [`crate::groups::GROUPS`]: uwsgiconf's `Section.empire`, written
/// `empire.emperor(..)` in the macros.
pub(crate) const GROUP: Group = Group {
    name: "empire",
    items: ITEMS,
    rules: &[],
    config_rules: &[],
};

const EMPIRE: Receiver = Receiver::Group("empire");

/// The group's items in the macro language (`print_monitors` is
/// `option("imperial-monitor-list", true)` there).
const ITEMS: &[ItemSpec] = &[
    ItemSpec {
        name: "emperor",
        receiver: EMPIRE,
        method: "set_emperor_params",
        params_type: Some("empire::EmperorParams"),
        params: &[
            Param::setter("vassals_home", Kind::Values, &["emperor"]),
            Param::setter("name", Kind::Text, &["emperor-procname"]),
            Param::setter("scan_interval", U32, &["emperor-freq"]),
            Param::setter("pid_file", Kind::Text, &["emperor-pidfile"]),
            Param::setter("spawn_asap", Kind::Bool, &["early-emperor"]),
            Param::setter("stats_address", Kind::Text, &["emperor-stats-server"]),
            Param::setter("trigger_socket", Kind::Text, &["emperor-trigger-socket"]),
            Param::setter("links_no_follow", Kind::Bool, &["emperor-nofollow"]),
        ],
        doc: "the vassals, the scan interval, the emperor's pidfile and stats",
        apply: |s, a| {
            s.empire().set_emperor_params(EmperorParams::from_args(a));
        },
    },
    ItemSpec {
        name: "emperor_command",
        receiver: EMPIRE,
        method: "set_emperor_command_params",
        params_type: Some("empire::EmperorCommandParams"),
        params: &[
            Param::setter("command_socket", Kind::Text, &["emperor-command-socket"]),
            Param::setter(
                "wait_for_command",
                Kind::Bool,
                &["emperor-wait-for-command"],
            ),
            Param::setter(
                "wait_for_command_exclude",
                Kind::Values,
                &["emperor-wait-for-command-ignore"],
            ),
        ],
        doc: "the emperor's command socket (uWSGI 2.1)",
        apply: |s, a| {
            s.empire()
                .set_emperor_command_params(EmperorCommandParams::from_args(a));
        },
    },
    ItemSpec {
        name: "vassals_wrapper",
        receiver: EMPIRE,
        method: "set_vassals_wrapper_params",
        params_type: Some("empire::VassalsWrapperParams"),
        params: &[
            Param::setter("wrapper", Kind::Text, &["emperor-wrapper"]),
            Param::setter("overrides", Kind::Values, &["emperor-wrapper-override"]),
            Param::setter("fallbacks", Kind::Values, &["emperor-wrapper-fallback"]),
        ],
        doc: "the binary vassals run with",
        apply: |s, a| {
            s.empire()
                .set_vassals_wrapper_params(VassalsWrapperParams::from_args(a));
        },
    },
    ItemSpec {
        name: "throttle",
        receiver: EMPIRE,
        method: "set_throttle_params",
        params_type: Some("empire::ThrottleParams"),
        params: &[
            Param::setter("level", U32, &["emperor-throttle"]),
            Param::setter("level_max", U32, &["emperor-max-throttle"]),
        ],
        doc: "the delay between spawns after failures",
        apply: |s, a| {
            s.empire().set_throttle_params(ThrottleParams::from_args(a));
        },
    },
    ItemSpec {
        name: "tolerance",
        receiver: EMPIRE,
        method: "set_tolerance_params",
        params_type: Some("empire::ToleranceParams"),
        params: &[
            Param::setter("for_heartbeat", U32, &["emperor-required-heartbeat"]),
            Param::setter("for_cursed_vassals", U32, &["emperor-curse-tolerance"]),
        ],
        doc: "how long silent or cursed vassals are borne",
        apply: |s, a| {
            s.empire()
                .set_tolerance_params(ToleranceParams::from_args(a));
        },
    },
    ItemSpec {
        name: "mode_tyrant",
        receiver: EMPIRE,
        method: "set_mode_tyrant_params",
        params_type: Some("empire::TyrantParams"),
        params: &[
            Param::setter("enable", Kind::Bool, &["emperor-tyrant"]),
            Param::setter("links_no_follow", Kind::Bool, &["emperor-tyrant-nofollow"]),
            Param::setter("use_initgroups", Kind::Bool, &["emperor-tyrant-initgroups"]),
        ],
        doc: "vassals run as the owners of their files",
        apply: |s, a| {
            s.empire()
                .set_mode_tyrant_params(TyrantParams::from_args(a));
        },
    },
    ItemSpec {
        name: "mode_broodlord",
        receiver: EMPIRE,
        method: "set_mode_broodlord_params",
        params_type: Some("empire::BroodlordParams"),
        params: &[
            Param::setter("zerg_count", U32, &["emperor-broodlord"]),
            Param::setter("vassal_overload_sos_interval", U32, &["vassal-sos"]),
            Param::setter("vassal_queue_items_sos", U32, &["vassal-sos-backlog"]),
        ],
        doc: "zergs for overloaded vassals",
        apply: |s, a| {
            s.empire()
                .set_mode_broodlord_params(BroodlordParams::from_args(a));
        },
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ProblemKind;

    #[test]
    fn empire_as_uwsgiconf_writes_it() {
        let mut section = Section::new();
        section
            .empire()
            .set_emperor_params(
                EmperorParams::new()
                    .vassals_home(["/a", "/b"])
                    .name("e")
                    .scan_interval(0)
                    .pid_file("/p")
                    .spawn_asap(true)
                    .stats_address("a:1")
                    .links_no_follow(true),
            )
            .print_monitors()
            .set_vassals_wrapper_params(
                VassalsWrapperParams::new()
                    .wrapper("/w")
                    .overrides("/o")
                    .fallbacks(["/f1", "/f2"]),
            )
            .set_tolerance_params(ToleranceParams::new().for_heartbeat(30))
            .set_mode_tyrant_params(TyrantParams::new().enable(true).links_no_follow(true))
            .set_mode_broodlord_params(
                BroodlordParams::new()
                    .zerg_count(3)
                    .vassal_overload_sos_interval(1)
                    .vassal_queue_items_sos(2),
            );
        assert_eq!(
            section.to_ini().unwrap(),
            "[uwsgi]\nemperor = /a\nemperor = /b\nemperor-procname = e\nemperor-freq = 0\n\
             emperor-pidfile = /p\nearly-emperor = true\nemperor-stats-server = a:1\n\
             emperor-nofollow = true\nimperial-monitor-list = true\nemperor-wrapper = /w\n\
             emperor-wrapper-override = /o\nemperor-wrapper-fallback = /f1\n\
             emperor-wrapper-fallback = /f2\nemperor-required-heartbeat = 30\n\
             emperor-tyrant = true\nemperor-tyrant-nofollow = true\nemperor-broodlord = 3\n\
             vassal-sos = 1\nvassal-sos-backlog = 2\n"
        );

        // What uWSGI 2.0 lacks is refused for target 2.0, as everywhere.
        let mut section = Section::new();
        section.empire().set_emperor_command_params(
            EmperorCommandParams::new()
                .command_socket("/c")
                .wait_for_command(true),
        );
        let problems = section.to_ini().unwrap_err().into_problems();
        assert!(problems
            .iter()
            .all(|p| p.kind() == ProblemKind::UnavailableOption));
        section.set_target(crate::Target::V2_1);
        assert_eq!(
            section.to_ini().unwrap(),
            "[uwsgi]\nemperor-command-socket = /c\nemperor-wait-for-command = true\n"
        );
    }
}
