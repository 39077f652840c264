//! The master-process options group: uwsgiconf's `MasterProcess`, method for method.
//!
//! Where uwsgiconf 2.4.0 writes something uWSGI 2.0.21 refuses or reads differently, the
//! methods write what uWSGI reads as meant, or report a [`Problem`](crate::Problem) when the
//! section is rendered. Options that exist only in later uWSGI releases
//! (`die-on-no-workers`) need [`Target::V2_1`](crate::Target::V2_1).

use super::params::{non_empty, params, refuse};
use super::{Group, Rule};
use crate::error::{Problem, ProblemKind};
use crate::options::key;
use crate::validate::{Groups, LineContent};
use crate::value::{IntoValues, Value};
use crate::Section;

params! {
    /// Parameters of [`MasterProcess::set_basic_params`].
    pub struct BasicParams {
        /// Run the master process (`master`); `false` removes an earlier `true`.
        enable: Option<bool>,
        /// The master's process name (`procname-master`).
        name: Text,
        /// Kill the workers when the master dies (`no-orphans`).
        no_orphans: Option<bool>,
        /// Keep the master running as root (`master-as-root`). Needs
        /// [`BasicParams::allow_root`].
        as_root: Option<bool>,
        /// Seconds between the master's checks of its subprocesses (`check-interval`).
        subproc_check_interval: Option<u32>,
        /// FIFO files through which the master takes commands (`master-fifo`); the first is
        /// active.
        fifo_file: Values,
        /// Accept running the master as root (not a uwsgiconf parameter: `as_root` is refused
        /// unless asked for, as a root `uid` is).
        allow_root: bool,
    }
}

params! {
    /// Parameters of [`MasterProcess::set_exit_events`].
    pub struct ExitEventsParams {
        /// Shut down when no worker is running (`die-on-no-workers`, uWSGI 2.1 only).
        no_workers: Option<bool>,
        /// Shut down when idle (`die-on-idle`).
        idle: Option<bool>,
        /// Exit even when a reload is asked for (`exit-on-reload`).
        reload: Option<bool>,
        /// Exit on SIGTERM instead of reloading (`die-on-term`).
        sig_term: Option<bool>,
    }
}

params! {
    /// Parameters of [`MasterProcess::set_exception_handling_params`].
    pub struct ExceptionHandlingParams {
        /// Exception handlers (`exception-handler`): the name of a handler a plugin registers,
        /// with an optional `:argument`.
        handler: Values,
        /// Report exceptions in the HTTP response, stack trace and environment included
        /// (`catch-exceptions`). For testing only: it shows internals to clients.
        catch: Option<bool>,
        /// Do not raise exceptions on write()/writev() errors (`disable-write-exception`).
        no_write_exception: Option<bool>,
    }
}

params! {
    /// Parameters of [`MasterProcess::set_idle_params`].
    pub struct IdleParams {
        /// Seconds of inactivity before the cheap mode (`idle`).
        timeout: Option<u32>,
        /// Shut down when idle (`die-on-idle`).
        exit: Option<bool>,
    }
}

params! {
    /// Parameters of [`MasterProcess::set_reload_params`].
    pub struct ReloadParams {
        /// Seconds to wait for workers and other processes to die on reload or shutdown
        /// (`reload-mercy`).
        mercy: Option<u32>,
        /// Exit even when a reload is asked for (`exit-on-reload`).
        exit: Option<bool>,
    }
}

params! {
    /// Parameters of [`MasterProcess::add_cron_task`]: when to run, as uWSGI's `cron2` keys.
    ///
    /// Unset fields mean "every". A negative value `-N` means every N units (`hour(-3)`: every
    /// three hours).
    pub struct CronTaskParams {
        /// Day of the week, 0 (Sunday) to 6; 7 is Sunday too (`week`).
        weekday: Option<i32>,
        /// Month, 1 to 12 (`month`).
        month: Option<i32>,
        /// Day of the month, 1 to 31 (`day`).
        day: Option<i32>,
        /// Hour, 0 to 23 (`hour`).
        hour: Option<i32>,
        /// Minute, 0 to 59 (`minute`).
        minute: Option<i32>,
        /// Run only on the lord node of this legion (`legion`).
        legion: Text,
        /// Do not start the command while an earlier run is still going (`unique`).
        unique: bool,
        /// Kill the command after this many seconds (`harakiri`; 0 disables a global
        /// `cron-harakiri`).
        harakiri: Option<u32>,
    }
}

params! {
    /// Parameters of [`MasterProcess::attach_process_classic`].
    pub struct AttachProcessClassicParams {
        /// The master exits when the daemon dies (`attach-control-daemon`).
        control: bool,
        /// Run the daemon only on the lord node of this legion (`legion-*` forms). uwsgiconf
        /// takes a boolean here, but uWSGI needs the legion's name.
        for_legion: Text,
    }
}

params! {
    /// Parameters of [`MasterProcess::attach_process`], as uWSGI's `attach-daemon2` keys.
    pub struct AttachProcessParams {
        /// Legion daemons: uWSGI has no `legion-attach-daemon2` and `attach-daemon2` takes no
        /// legion, so setting it is refused; use
        /// [`MasterProcess::attach_process_classic`] with a legion instead.
        for_legion: Text,
        /// Attempts before the daemon is considered broken (`freq`).
        broken_counter: Option<u32>,
        /// The pidfile to watch, for a daemon that daemonizes itself (`pidfile`).
        pidfile: Text,
        /// The master exits when the daemon dies (`control`).
        control: bool,
        /// Daemonize the process, which then writes its pid to `pidfile` (`daemonize`).
        daemonize: bool,
        /// Restart the daemon when one of these files is touched (`touch`).
        touch_reload: Values,
        /// Signal sent to stop the daemon, 1 to 64 (`stopsignal`; SIGTERM by default).
        signal_stop: Option<u32>,
        /// Signal sent to reload the daemon, 1 to 64 (`reloadsignal`).
        signal_reload: Option<u32>,
        /// Keep stdin instead of /dev/null (`stdin`).
        honour_stdin: bool,
        /// The numeric user id to run as (`uid`; the master must be root). uWSGI reads it
        /// with atoi(), so names cannot be given.
        uid: Option<u32>,
        /// The numeric group id to run as (`gid`; the master must be root).
        gid: Option<u32>,
        /// Run in a new pid namespace (`ns_pid`; Linux, the master must be root).
        new_pid_ns: bool,
        /// Working directory of the daemon (`chdir`).
        change_dir: Text,
    }
}

/// The master-process options of a [`Section`], from [`Section::master_process`].
///
/// Methods are those of uwsgiconf's `MasterProcess`, with the same parameter names. Each
/// records directives and returns `&mut Self` for chaining; problems surface when the section
/// is rendered.
///
/// ```
/// use uwsgiconf_core::master_process::{BasicParams, CronTaskParams};
/// use uwsgiconf_core::Section;
///
/// let mut section = Section::new();
/// section
///     .master_process()
///     .set_basic_params(BasicParams::new().enable(true).no_orphans(true))
///     .add_cron_task("/srv/app/cleanup", CronTaskParams::new().hour(-3).minute(0));
/// assert_eq!(
///     section.to_ini().unwrap(),
///     "[uwsgi]\nmaster = true\nno-orphans = true\ncron2 = hour=-3,minute=0 /srv/app/cleanup\n"
/// );
/// ```
#[derive(Debug)]
pub struct MasterProcess<'s> {
    section: &'s mut Section,
}

impl<'s> MasterProcess<'s> {
    pub(crate) fn new(section: &'s mut Section) -> Self {
        MasterProcess { section }
    }

    /// The section the options are written to.
    pub fn section(&mut self) -> &mut Section {
        self.section
    }

    /// uwsgiconf's `set_basic_params`: the master itself, its name, orphans, root, checks,
    /// FIFOs.
    ///
    /// `as_root` keeps the master running as root: it is refused unless
    /// [`BasicParams::allow_root`] (or another root opt-in of the section) says so.
    ///
    /// ```
    /// use uwsgiconf_core::master_process::BasicParams;
    /// use uwsgiconf_core::Section;
    ///
    /// let mut section = Section::new();
    /// section.master_process().set_basic_params(BasicParams::new().enable(true).fifo_file(["/run/a.fifo", "/run/b.fifo"]));
    /// assert_eq!(
    ///     section.to_ini().unwrap(),
    ///     "[uwsgi]\nmaster = true\nmaster-fifo = /run/a.fifo\nmaster-fifo = /run/b.fifo\n"
    /// );
    ///
    /// let mut root = Section::new();
    /// root.master_process().set_basic_params(BasicParams::new().as_root(true));
    /// assert!(root.to_ini().is_err());
    /// root.master_process().set_basic_params(BasicParams::new().allow_root(true));
    /// assert_eq!(root.to_ini().unwrap(), "[uwsgi]\nmaster-as-root = true\n");
    /// ```
    pub fn set_basic_params(&mut self, params: BasicParams) -> &mut Self {
        const ORIGIN: &str = "set_basic_params";
        let call = self.section.next_call();
        if params.allow_root {
            self.section.allow_root();
        }
        if let Some(on) = params.enable {
            self.section.put_flag(key::MASTER, on, ORIGIN, call);
        }
        if let Some(name) = params.name {
            self.section
                .put_value(key::PROCNAME_MASTER, name, ORIGIN, call);
        }
        if let Some(on) = params.no_orphans {
            self.section.put_flag(key::NO_ORPHANS, on, ORIGIN, call);
        }
        if let Some(on) = params.as_root {
            self.section.put_flag(key::MASTER_AS_ROOT, on, ORIGIN, call);
        }
        if let Some(seconds) = params.subproc_check_interval {
            self.section
                .put_value(key::CHECK_INTERVAL, seconds.into(), ORIGIN, call);
        }
        for path in params.fifo_file {
            let why = "uWSGI cannot create a FIFO without a name";
            if non_empty(self.section, ORIGIN, "fifo_file", &path, why, call) {
                self.section.put_value(key::MASTER_FIFO, path, ORIGIN, call);
            }
        }
        self
    }

    /// uwsgiconf's `set_exit_events`: when to shut down instead of going on.
    ///
    /// `no_workers` writes `die-on-no-workers`, which only uWSGI 2.1 has: it needs
    /// [`Target::V2_1`](crate::Target::V2_1).
    ///
    /// ```
    /// use uwsgiconf_core::master_process::ExitEventsParams;
    /// use uwsgiconf_core::Section;
    ///
    /// let mut section = Section::new();
    /// section.master_process().set_exit_events(ExitEventsParams::new().reload(true).sig_term(true).idle(true));
    /// assert_eq!(
    ///     section.to_ini().unwrap(),
    ///     "[uwsgi]\nexit-on-reload = true\ndie-on-term = true\ndie-on-idle = true\n"
    /// );
    /// ```
    pub fn set_exit_events(&mut self, params: ExitEventsParams) -> &mut Self {
        const ORIGIN: &str = "set_exit_events";
        let call = self.section.next_call();
        let flags = [
            (key::DIE_ON_NO_WORKERS, params.no_workers),
            (key::EXIT_ON_RELOAD, params.reload),
            (key::DIE_ON_TERM, params.sig_term),
            (key::DIE_ON_IDLE, params.idle),
        ];
        for (key, on) in flags {
            if let Some(on) = on {
                self.section.put_flag(key, on, ORIGIN, call);
            }
        }
        self
    }

    /// uwsgiconf's `set_exception_handling_params`: exception handlers and reports.
    ///
    /// A handler is the name of one a plugin registers (uWSGI 2.0 has one, `log`, in the
    /// `exception_log` plugin), optionally followed by `:argument`; uWSGI exits at start on
    /// a name it does not know.
    ///
    /// ```
    /// use uwsgiconf_core::master_process::ExceptionHandlingParams;
    /// use uwsgiconf_core::Section;
    ///
    /// let mut section = Section::new();
    /// section.master_process().set_exception_handling_params(ExceptionHandlingParams::new().handler("log").no_write_exception(true));
    /// assert_eq!(section.to_ini().unwrap(), "[uwsgi]\nexception-handler = log\ndisable-write-exception = true\n");
    /// ```
    pub fn set_exception_handling_params(&mut self, params: ExceptionHandlingParams) -> &mut Self {
        const ORIGIN: &str = "set_exception_handling_params";
        let call = self.section.next_call();
        for handler in params.handler {
            let why = "uWSGI looks the handler up by name and exits when it finds none";
            if non_empty(self.section, ORIGIN, "handler", &handler, why, call) {
                self.section
                    .put_value(key::EXCEPTION_HANDLER, handler, ORIGIN, call);
            }
        }
        if let Some(on) = params.catch {
            self.section
                .put_flag(key::CATCH_EXCEPTIONS, on, ORIGIN, call);
        }
        if let Some(on) = params.no_write_exception {
            self.section
                .put_flag(key::DISABLE_WRITE_EXCEPTION, on, ORIGIN, call);
        }
        self
    }

    /// uwsgiconf's `set_idle_params`: the cheap mode after a time without requests.
    ///
    /// ```
    /// use uwsgiconf_core::master_process::IdleParams;
    /// use uwsgiconf_core::Section;
    ///
    /// let mut section = Section::new();
    /// section.master_process().set_idle_params(IdleParams::new().timeout(30).exit(true));
    /// assert_eq!(section.to_ini().unwrap(), "[uwsgi]\nidle = 30\ndie-on-idle = true\n");
    /// ```
    pub fn set_idle_params(&mut self, params: IdleParams) -> &mut Self {
        const ORIGIN: &str = "set_idle_params";
        let call = self.section.next_call();
        if let Some(seconds) = params.timeout {
            self.section
                .put_value(key::IDLE, seconds.into(), ORIGIN, call);
        }
        if let Some(on) = params.exit {
            self.section.put_flag(key::DIE_ON_IDLE, on, ORIGIN, call);
        }
        self
    }

    /// uwsgiconf's `set_reload_params`: how long a reload waits, and whether it exits.
    ///
    /// ```
    /// use uwsgiconf_core::master_process::ReloadParams;
    /// use uwsgiconf_core::Section;
    ///
    /// let mut section = Section::new();
    /// section.master_process().set_reload_params(ReloadParams::new().mercy(10).exit(true));
    /// assert_eq!(section.to_ini().unwrap(), "[uwsgi]\nreload-mercy = 10\nexit-on-reload = true\n");
    /// ```
    pub fn set_reload_params(&mut self, params: ReloadParams) -> &mut Self {
        const ORIGIN: &str = "set_reload_params";
        let call = self.section.next_call();
        if let Some(seconds) = params.mercy {
            self.section
                .put_value(key::RELOAD_MERCY, seconds.into(), ORIGIN, call);
        }
        if let Some(on) = params.exit {
            self.section.put_flag(key::EXIT_ON_RELOAD, on, ORIGIN, call);
        }
        self
    }

    /// uwsgiconf's `add_cron_task`: a command the master runs on a schedule (`cron2`), as
    /// the master's user (root's when the master runs as root, see `as_root`).
    ///
    /// uWSGI reads each schedule field with atoi(), so they are integers: a value outside the
    /// field's range would never match and is refused. A command whose first word holds `=`
    /// would be taken for schedule keys: it is then written after `minute=-1` (every minute,
    /// the default), which uWSGI reads as meant.
    ///
    /// ```
    /// use uwsgiconf_core::master_process::CronTaskParams;
    /// use uwsgiconf_core::Section;
    ///
    /// let mut section = Section::new();
    /// section
    ///     .master_process()
    ///     .add_cron_task("/bin/backup", CronTaskParams::new().weekday(1).hour(3).unique(true))
    ///     .add_cron_task("LANG=C /bin/report", CronTaskParams::new());
    /// assert_eq!(
    ///     section.to_ini().unwrap(),
    ///     "[uwsgi]\ncron2 = week=1,hour=3,unique=1 /bin/backup\ncron2 = minute=-1 LANG=C /bin/report\n"
    /// );
    /// ```
    pub fn add_cron_task(
        &mut self,
        command: impl Into<Value>,
        params: CronTaskParams,
    ) -> &mut Self {
        const ORIGIN: &str = "add_cron_task";
        let call = self.section.next_call();
        let command = command.into();
        let why = "the task would run nothing";
        let mut ok = non_empty(self.section, ORIGIN, "command", &command, why, call);
        let fields = [
            (
                "weekday",
                "week",
                params.weekday,
                0,
                7,
                "days of the week are 0 (Sunday) to 6, or 7",
            ),
            ("month", "month", params.month, 1, 12, "months are 1 to 12"),
            (
                "day",
                "day",
                params.day,
                1,
                31,
                "days of the month are 1 to 31",
            ),
            ("hour", "hour", params.hour, 0, 23, "hours are 0 to 23"),
            (
                "minute",
                "minute",
                params.minute,
                0,
                59,
                "minutes are 0 to 59",
            ),
        ];
        let mut keys: Vec<Value> = Vec::new();
        for (param, key, value, low, high, range) in fields {
            let Some(value) = value else { continue };
            if (value < 0 && value >= -high) || (low..=high).contains(&value) {
                keys.push(Value::from(format!("{key}={value}")));
            } else {
                ok = false;
                refuse(
                    self.section,
                    ProblemKind::InvalidValue,
                    (ORIGIN, param),
                    value,
                    format!("`{param}` = {value} never matches: {range}, or -N for every N"),
                    format!("give `{param}` a value in range, or leave it out for every one"),
                    call,
                );
            }
        }
        if let Some(seconds) = params.harakiri {
            keys.push(Value::from(format!("harakiri={seconds}")));
        }
        if let Some(legion) = params.legion {
            ok &= self.legion_name(ORIGIN, &legion, call);
            keys.push(kv_item("legion", &legion, &[',']));
        }
        if params.unique {
            keys.push(Value::from("unique=1"));
        }
        if keys.is_empty() && first_word(&command.to_string()).contains('=') {
            // uWSGI takes a first word holding `=` for the schedule keys.
            keys.push(Value::from("minute=-1"));
        }
        if ok {
            let mut line = join(keys, ",");
            if !line.is_empty() {
                line.push_str(" ");
            }
            line.push(command);
            self.section.put_value(key::CRON2, line, ORIGIN, call);
        }
        self
    }

    /// uwsgiconf's `attach_process_classic`: a daemon the master starts, watches and
    /// restarts, in uWSGI's first syntax. It runs as the master's user (root's when the master
    /// runs as root, see `as_root`); [`MasterProcess::attach_process`] can drop to another.
    ///
    /// When the first word of `command_or_pid_path` names a pidfile (holds `.pid`), the
    /// daemon is pid-governed: `<pidfile> <command>`, with `background` saying whether the
    /// command daemonizes itself (`smart-attach-daemon`) or not (`smart-attach-daemon2`).
    /// Otherwise it is a command that stays in the foreground (`attach-daemon`, or
    /// `attach-control-daemon` with `control`), and `background` is refused.
    ///
    /// ```
    /// use uwsgiconf_core::master_process::AttachProcessClassicParams;
    /// use uwsgiconf_core::Section;
    ///
    /// let mut section = Section::new();
    /// section
    ///     .master_process()
    ///     .attach_process_classic("memcached -p 11311", false, AttachProcessClassicParams::new())
    ///     .attach_process_classic(
    ///         "/run/m.pid memcached -d -P /run/m.pid",
    ///         true,
    ///         AttachProcessClassicParams::new().for_legion("cluster"),
    ///     );
    /// assert_eq!(
    ///     section.to_ini().unwrap(),
    ///     "[uwsgi]\nattach-daemon = memcached -p 11311\n\
    ///      legion-smart-attach-daemon = cluster /run/m.pid memcached -d -P /run/m.pid\n"
    /// );
    /// ```
    pub fn attach_process_classic(
        &mut self,
        command_or_pid_path: impl Into<Value>,
        background: bool,
        params: AttachProcessClassicParams,
    ) -> &mut Self {
        const ORIGIN: &str = "attach_process_classic";
        let call = self.section.next_call();
        let command = command_or_pid_path.into();
        let why = "uWSGI would start an empty command over and over";
        let mut ok = non_empty(
            self.section,
            ORIGIN,
            "command_or_pid_path",
            &command,
            why,
            call,
        );
        let shown = command.to_string();
        let pid_governed = first_word(&shown).contains(".pid");
        let legion = params.for_legion;
        let key = if pid_governed {
            let has_command = shown
                .split_once(' ')
                .is_some_and(|(_, rest)| !rest.trim().is_empty());
            if !has_command {
                ok = false;
                refuse(
                    self.section,
                    ProblemKind::InvalidValue,
                    (ORIGIN, "command_or_pid_path"),
                    &shown,
                    "a pid-governed daemon is written `<pidfile> <command>`: uWSGI exits on a \
                     pidfile alone (\"invalid smart-attach-daemon syntax\")",
                    "write the pidfile, a space, then the command that writes it (or use \
                     attach_process for a command whose first word holds `.pid`)",
                    call,
                );
            }
            if params.control {
                ok = false;
                refuse(
                    self.section,
                    ProblemKind::Conflict,
                    (ORIGIN, "control"),
                    &shown,
                    "uWSGI has no control form of a pid-governed daemon: `control` would be lost",
                    "use attach_process with pidfile and control",
                    call,
                );
            }
            match (background, legion.is_some()) {
                (true, false) => key::SMART_ATTACH_DAEMON,
                (false, false) => key::SMART_ATTACH_DAEMON2,
                (true, true) => key::LEGION_SMART_ATTACH_DAEMON,
                (false, true) => key::LEGION_SMART_ATTACH_DAEMON2,
            }
        } else {
            if background {
                ok = false;
                refuse(
                    self.section,
                    ProblemKind::InvalidValue,
                    (ORIGIN, "background"),
                    &shown,
                    "`background` is only for pid-governed daemons (`<pidfile> <command>`): \
                     uWSGI watches any other daemon as a foreground process",
                    "start the value with the pidfile the command writes, or set background \
                     to false",
                    call,
                );
            }
            match (params.control, legion.is_some()) {
                (true, true) => {
                    ok = false;
                    refuse(
                        self.section,
                        ProblemKind::Conflict,
                        (ORIGIN, "for_legion"),
                        &shown,
                        "uWSGI has no legion form of a control daemon: `for_legion` would be lost",
                        "drop control or for_legion",
                        call,
                    );
                    key::ATTACH_CONTROL_DAEMON
                }
                (true, false) => key::ATTACH_CONTROL_DAEMON,
                (false, true) => key::LEGION_ATTACH_DAEMON,
                (false, false) => key::ATTACH_DAEMON,
            }
        };
        let value = match legion {
            Some(legion) => {
                ok &= self.legion_name(ORIGIN, &legion, call);
                let mut line = legion.clone();
                line.push_str(" ");
                line.push(command);
                if line.to_string().len() < LEGION_MIN_LEN {
                    ok = false;
                    refuse(
                        self.section,
                        ProblemKind::InvalidValue,
                        (ORIGIN, "for_legion"),
                        &line,
                        format!(
                            "uWSGI 2.0 reads the legion name only from values of {LEGION_MIN_LEN} \
                             characters or more: this daemon would run on every node"
                        ),
                        "use a longer legion name",
                        call,
                    );
                }
                line
            }
            None => command,
        };
        if ok {
            self.section.put_value(key, value, ORIGIN, call);
        }
        self
    }

    /// uwsgiconf's `attach_process`: a daemon the master starts, watches and restarts
    /// (`attach-daemon2`, whose `key=value` list this writes with `,` and `\` escaped). It
    /// runs as the master's user (root's when the master runs as root) unless `uid`/`gid`
    /// say otherwise, which only a root master can do.
    ///
    /// Switches are written only when on (uWSGI turns `control`, `daemonize`, `stdin` and
    /// `ns_pid` on whatever their value). `uid` and `gid` are numbers (uWSGI reads them with
    /// atoi()), not 0 (which uWSGI skips), and `uid` needs `gid` (the daemon would keep the
    /// root group). `for_legion` is refused: uWSGI has no legion form of this syntax.
    ///
    /// ```
    /// use uwsgiconf_core::master_process::AttachProcessParams;
    /// use uwsgiconf_core::Section;
    ///
    /// let mut section = Section::new();
    /// section.master_process().attach_process(
    ///     "memcached -p 11311 -U 0,1",
    ///     AttachProcessParams::new().touch_reload(["/srv/a", "/srv/b"]).uid(1000).gid(1000),
    /// );
    /// assert_eq!(
    ///     section.to_ini().unwrap(),
    ///     "[uwsgi]\nattach-daemon2 = cmd=memcached -p 11311 -U 0\\,1,touch=/srv/a;/srv/b,uid=1000,gid=1000\n"
    /// );
    /// ```
    pub fn attach_process(
        &mut self,
        command: impl Into<Value>,
        params: AttachProcessParams,
    ) -> &mut Self {
        const ORIGIN: &str = "attach_process";
        let call = self.section.next_call();
        let command = command.into();
        let why = "uWSGI would start an empty command over and over";
        let mut ok = non_empty(self.section, ORIGIN, "command", &command, why, call);
        if let Some(legion) = &params.for_legion {
            ok = false;
            refuse(
                self.section,
                ProblemKind::UnknownOption,
                (ORIGIN, "for_legion"),
                legion,
                "uWSGI has no `legion-attach-daemon2`, and `attach-daemon2` takes no legion",
                "use attach_process_classic(.., AttachProcessClassicParams::new().for_legion(..))",
                call,
            );
        }
        let mut items = vec![kv_item("cmd", &command, &[','])];
        if let Some(count) = params.broken_counter {
            items.push(Value::from(format!("freq={count}")));
        }
        let why = "uWSGI cannot read a pidfile without a name";
        ok &= self.kv_text(&mut items, "pidfile", params.pidfile, why, call);
        for (key, on) in [("control", params.control), ("daemonize", params.daemonize)] {
            if on {
                items.push(Value::from(format!("{key}=1")));
            }
        }
        if !params.touch_reload.is_empty() {
            let mut paths = Vec::new();
            for path in params.touch_reload {
                let why = "uWSGI would watch a path that never exists";
                if non_empty(self.section, ORIGIN, "touch_reload", &path, why, call) {
                    // One level for the `;`-separated list, one for the key=value list.
                    paths.push(kv_escape(&path, &[';', '"', '\'']));
                } else {
                    ok = false;
                }
            }
            items.push(kv_item("touch", &join(paths, ";"), &[',']));
        }
        for (param, key, signal, lowest) in [
            ("signal_stop", "stopsignal", params.signal_stop, 1),
            ("signal_reload", "reloadsignal", params.signal_reload, 1),
        ] {
            let Some(signal) = signal else { continue };
            if (lowest..=64).contains(&signal) {
                items.push(Value::from(format!("{key}={signal}")));
            } else {
                ok = false;
                refuse(
                    self.section,
                    ProblemKind::InvalidValue,
                    (ORIGIN, param),
                    signal,
                    format!("`{param}` is not a signal: Linux signals are 1 to 64"),
                    "give a signal number, such as 15 (SIGTERM) or 1 (SIGHUP)",
                    call,
                );
            }
        }
        if params.honour_stdin {
            items.push(Value::from("stdin=1"));
        }
        for (param, id) in [("uid", params.uid), ("gid", params.gid)] {
            match id {
                Some(0) => {
                    ok = false;
                    refuse(
                        self.section,
                        ProblemKind::RunsAsRoot,
                        (ORIGIN, param),
                        0,
                        format!(
                            "uWSGI skips a daemon {param} of 0: the daemon keeps the master's \
                             {}, which is root's when the master runs as root",
                            if param == "uid" { "user" } else { "group" }
                        ),
                        format!(
                            "leave {param} out to keep the master's, or give an unprivileged id"
                        ),
                        call,
                    );
                }
                Some(id) => items.push(Value::from(format!("{param}={id}"))),
                None => {}
            }
        }
        if let (Some(uid), None) = (params.uid, params.gid) {
            ok = false;
            refuse(
                self.section,
                ProblemKind::UidWithoutGid,
                (ORIGIN, "uid"),
                uid,
                "uid without gid: the daemon would keep the master's group (root's, when the \
                 master is root)",
                "set gid too",
                call,
            );
        }
        if params.new_pid_ns {
            // uwsgiconf's spelling; uWSGI turns it on for any value.
            items.push(Value::from("ns_pid=True"));
        }
        let why = "the daemon would fail to change into \"\" and exit";
        ok &= self.kv_text(&mut items, "change_dir", params.change_dir, why, call);
        if ok {
            self.section
                .put_value(key::ATTACH_DAEMON2, join(items, ","), ORIGIN, call);
        }
        self
    }

    /// Appends `<key>=<value>` for an `attach-daemon2` text parameter, if given and not empty.
    fn kv_text(
        &mut self,
        items: &mut Vec<Value>,
        param: &'static str,
        value: Option<Value>,
        why: &str,
        call: usize,
    ) -> bool {
        const ORIGIN: &str = "attach_process";
        let Some(value) = value else { return true };
        if !non_empty(self.section, ORIGIN, param, &value, why, call) {
            return false;
        }
        let key = if param == "change_dir" {
            "chdir"
        } else {
            param
        };
        items.push(kv_item(key, &value, &[',']));
        true
    }

    fn legion_name(&mut self, origin: &'static str, legion: &Value, call: usize) -> bool {
        let why = "uWSGI would look for a legion without a name";
        if !non_empty(self.section, origin, "legion", legion, why, call) {
            return false;
        }
        if legion.literal_contains(' ') {
            refuse(
                self.section,
                ProblemKind::SpaceInPath,
                (origin, "legion"),
                legion,
                "a legion name cannot hold a space: uWSGI ends it at the first space",
                "use a legion name without spaces",
                call,
            );
            return false;
        }
        true
    }
}

/// uWSGI 2.0 compares the `legion-` prefix over the value's length (core/daemons.c): shorter
/// values are read without a legion.
const LEGION_MIN_LEN: usize = 7;

/// The text before the first space of a value as shown (variables in their uWSGI syntax).
fn first_word(shown: &str) -> &str {
    shown.split(' ').next().unwrap_or_default()
}

/// `value` with a backslash before each of `special` and before every backslash, in its
/// literal text: the escape uWSGI's key=value and `;` list parsers undo.
fn kv_escape(value: &Value, special: &[char]) -> Value {
    let mut escaped = Value::default();
    escaped.push_mapped(value, |text, out| escape_into(text, special, out));
    escaped
}

/// `<key>=<value>`, the value escaped as by [`kv_escape`].
fn kv_item(key: &str, value: &Value, special: &[char]) -> Value {
    let mut item = Value::literal(key);
    item.push_str("=");
    item.push_mapped(value, |text, out| escape_into(text, special, out));
    item
}

/// Appends `text` with a backslash before each of `special` and before every backslash.
fn escape_into(text: &str, special: &[char], out: &mut String) {
    for c in text.chars() {
        if c == '\\' || special.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
}

/// The values joined by `separator`.
fn join(values: Vec<Value>, separator: &str) -> Value {
    let mut out = Value::default();
    for (index, value) in values.into_iter().enumerate() {
        if index > 0 {
            out.push_str(separator);
        }
        out.push(value);
    }
    out
}

/// The group's rule across directives, run by the renderer: `master-as-root` keeps the master
/// running as root, which needs the section's root opt-in.
fn check_as_root(
    section: &Section,
    _: &[Section],
    groups: &Groups<'_>,
    problems: &mut Vec<Problem>,
) {
    if section.root_allowed() {
        return;
    }
    let as_root = groups.iter().flatten().find(|line| {
        key::MASTER_AS_ROOT.is(line.spec()) && matches!(line.content(), LineContent::On)
    });
    if let Some(line) = as_root {
        problems.push(
            Problem::new(
                ProblemKind::RunsAsRoot,
                line.origin(),
                "`master-as-root` keeps the master running as root, which is unsafe",
            )
            .with_value("true")
            .with_fix("drop as_root, or say allow_root = true")
            .with_call(line.call())
            .with_blame(line.blame()),
        );
    }
}

impl Section {
    /// The options group of uWSGI's master process (uwsgiconf's `MasterProcess`).
    pub fn master_process(&mut self) -> MasterProcess<'_> {
        MasterProcess::new(self)
    }
}

/// The master-process group: running the master as root needs the opt-in.
pub(crate) const GROUP: Group = Group {
    name: "master_process",
    items: ITEMS,
    rules: &[Rule {
        name: "master as root",
        watches: &[key::MASTER_AS_ROOT],
        check: check_as_root,
    }],
    config_rules: &[],
};

// ---------------------------------------------------------------------------------------
// The group's items in the macro language: `master_process.basic(..)`, ...
// ---------------------------------------------------------------------------------------

use crate::dsl::{ItemSpec, Kind, Param, Receiver, I32, U32};

const MASTER_PROCESS: Receiver = Receiver::Group("master_process");

/// The group's items in the macro language, written `master_process.<item>(..)`; each calls
/// the method it names, with uwsgiconf's parameter names.
const ITEMS: &[ItemSpec] = &[
    ItemSpec {
        name: "basic",
        receiver: MASTER_PROCESS,
        method: "set_basic_params",
        params_type: Some("master_process::BasicParams"),
        params: &[
            Param::setter("enable", Kind::Bool, &["master"]),
            Param::setter("name", Kind::Text, &["procname-master"]),
            Param::setter("no_orphans", Kind::Bool, &["no-orphans"]),
            Param::setter("as_root", Kind::Bool, &["master-as-root"]),
            Param::setter("subproc_check_interval", U32, &["check-interval"]),
            Param::setter("fifo_file", Kind::Values, &["master-fifo"]),
            Param::setter("allow_root", Kind::Bool, &[]),
        ],
        doc: "the master process, its name, orphans, running as root, checks, FIFOs",
        apply: |s, a| {
            s.master_process()
                .set_basic_params(BasicParams::from_args(a));
        },
    },
    ItemSpec {
        name: "exit_events",
        receiver: MASTER_PROCESS,
        method: "set_exit_events",
        params_type: Some("master_process::ExitEventsParams"),
        params: &[
            Param::setter("no_workers", Kind::Bool, &["die-on-no-workers"]),
            Param::setter("idle", Kind::Bool, &["die-on-idle"]),
            Param::setter("reload", Kind::Bool, &["exit-on-reload"]),
            Param::setter("sig_term", Kind::Bool, &["die-on-term"]),
        ],
        doc: "when to shut down instead of going on",
        apply: |s, a| {
            s.master_process()
                .set_exit_events(ExitEventsParams::from_args(a));
        },
    },
    ItemSpec {
        name: "exception_handling",
        receiver: MASTER_PROCESS,
        method: "set_exception_handling_params",
        params_type: Some("master_process::ExceptionHandlingParams"),
        params: &[
            Param::setter("handler", Kind::Values, &["exception-handler"]),
            Param::setter("catch", Kind::Bool, &["catch-exceptions"]),
            Param::setter(
                "no_write_exception",
                Kind::Bool,
                &["disable-write-exception"],
            ),
        ],
        doc: "exception handlers and reports",
        apply: |s, a| {
            s.master_process()
                .set_exception_handling_params(ExceptionHandlingParams::from_args(a));
        },
    },
    ItemSpec {
        name: "idle",
        receiver: MASTER_PROCESS,
        method: "set_idle_params",
        params_type: Some("master_process::IdleParams"),
        params: &[
            Param::setter("timeout", U32, &["idle"]),
            Param::setter("exit", Kind::Bool, &["die-on-idle"]),
        ],
        doc: "the cheap mode after a time without requests",
        apply: |s, a| {
            s.master_process().set_idle_params(IdleParams::from_args(a));
        },
    },
    ItemSpec {
        name: "reload",
        receiver: MASTER_PROCESS,
        method: "set_reload_params",
        params_type: Some("master_process::ReloadParams"),
        params: &[
            Param::setter("mercy", U32, &["reload-mercy"]),
            Param::setter("exit", Kind::Bool, &["exit-on-reload"]),
        ],
        doc: "how long a reload waits, and whether it exits",
        apply: |s, a| {
            s.master_process()
                .set_reload_params(ReloadParams::from_args(a));
        },
    },
    ItemSpec {
        name: "add_cron_task",
        receiver: MASTER_PROCESS,
        method: "add_cron_task",
        params_type: Some("master_process::CronTaskParams"),
        params: &[
            Param::arg("command", Kind::Text, &["cron2"]),
            Param::setter("weekday", I32, &[]),
            Param::setter("month", I32, &[]),
            Param::setter("day", I32, &[]),
            Param::setter("hour", I32, &[]),
            Param::setter("minute", I32, &[]),
            Param::setter("legion", Kind::Text, &[]),
            Param::setter("unique", Kind::Bool, &[]),
            Param::setter("harakiri", U32, &[]),
        ],
        doc: "a command the master runs on a schedule (fields out of range are refused)",
        apply: |s, a| {
            s.master_process()
                .add_cron_task(a.text("command"), CronTaskParams::from_args(a));
        },
    },
    ItemSpec {
        name: "attach_process_classic",
        receiver: MASTER_PROCESS,
        method: "attach_process_classic",
        params_type: Some("master_process::AttachProcessClassicParams"),
        params: &[
            Param::arg(
                "command_or_pid_path",
                Kind::Text,
                &[
                    "attach-daemon",
                    "smart-attach-daemon",
                    "smart-attach-daemon2",
                ],
            ),
            Param::arg("background", Kind::Bool, &[]),
            Param::setter("control", Kind::Bool, &["attach-control-daemon"]),
            Param::setter(
                "for_legion",
                Kind::Text,
                &[
                    "legion-attach-daemon",
                    "legion-smart-attach-daemon",
                    "legion-smart-attach-daemon2",
                ],
            ),
        ],
        doc: "a daemon the master watches, in uWSGI's first syntax (`for_legion` takes the \
              legion's name)",
        apply: |s, a| {
            s.master_process().attach_process_classic(
                a.text("command_or_pid_path"),
                a.flag("background"),
                AttachProcessClassicParams::from_args(a),
            );
        },
    },
    ItemSpec {
        name: "attach_process",
        receiver: MASTER_PROCESS,
        method: "attach_process",
        params_type: Some("master_process::AttachProcessParams"),
        params: &[
            Param::arg("command", Kind::Text, &["attach-daemon2"]),
            Param::setter("for_legion", Kind::Text, &[]),
            Param::setter("broken_counter", U32, &[]),
            Param::setter("pidfile", Kind::Text, &[]),
            Param::setter("control", Kind::Bool, &[]),
            Param::setter("daemonize", Kind::Bool, &[]),
            Param::setter("touch_reload", Kind::Values, &[]),
            Param::setter("signal_stop", U32, &[]),
            Param::setter("signal_reload", U32, &[]),
            Param::setter("honour_stdin", Kind::Bool, &[]),
            Param::setter("uid", U32, &[]),
            Param::setter("gid", U32, &[]),
            Param::setter("new_pid_ns", Kind::Bool, &[]),
            Param::setter("change_dir", Kind::Text, &[]),
        ],
        doc: "a daemon the master watches, as `attach-daemon2` keys (`for_legion` is refused: \
              uWSGI has no legion form of it)",
        apply: |s, a| {
            s.master_process()
                .attach_process(a.text("command"), AttachProcessParams::from_args(a));
        },
    },
];
