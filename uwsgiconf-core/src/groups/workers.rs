//! The workers options group: uwsgiconf's `Workers` (and its `MuleFarm`), method for method.
//!
//! Where uwsgiconf 2.4.0 writes something uWSGI 2.0.21 refuses or reads differently, the
//! methods write what uWSGI reads as meant, or report a [`Problem`](crate::Problem) when the
//! section is rendered. Options that exist only in later uWSGI releases
//! (`max-requests-delta`, `reload-on-uss`, `reload-on-pss`, `mule-msg-recv-size`) need
//! [`Target::V2_1`](crate::Target::V2_1).

use std::fmt;

use super::params::{non_empty, params, refuse};
use super::{Group, Rule};
use crate::error::{Problem, ProblemKind};
use crate::options::{key, Key};
use crate::validate::{Groups, Line, LineContent};
use crate::value::{IntoValues, MagicVar, Value, ValueRef};
use crate::Section;

params! {
    /// Parameters of [`Workers::set_basic_params`].
    pub struct BasicParams {
        /// How many workers (`workers`). Unset or 0 means one per CPU core (`workers = %k`),
        /// as in uwsgiconf.
        count: Option<u32>,
        /// Reload the workers (only them) when one of these files is touched
        /// (`touch-workers-reload`).
        touch_reload: Values,
        /// Reload the workers one after the other when one of these files is touched
        /// (`touch-chain-reload`).
        touch_chain_reload: Values,
        /// Reap zombie processes after each request (`reaper`).
        zombie_reaper: Option<bool>,
        /// Limit each process's address space, in megabytes (`limit-as`).
        limit_addr_space: Option<u32>,
        /// Limit the number of processes uWSGI may spawn (`limit-nproc`).
        limit_count: Option<u32>,
        /// How many CPU cores each worker is pinned to (`cpu-affinity`; Linux).
        cpu_affinity: Option<u32>,
    }
}

params! {
    /// Parameters of [`Workers::run_command_as_worker`].
    pub struct RunAsWorkerParams {
        /// Run it after the `post_fork` hook (`worker-exec2`) rather than before
        /// (`worker-exec`).
        after_post_fork_hook: bool,
    }
}

params! {
    /// Parameters of [`Workers::set_thread_params`].
    pub struct ThreadParams {
        /// Let the app start threads (`enable-threads`).
        enable: Option<bool>,
        /// Threads per worker (`threads`).
        count: Option<u32>,
        /// Offload threads per worker (`offload-threads`).
        count_offload: Option<u32>,
        /// Stack size of the threads, in kilobytes (`threads-stacksize`).
        stack_size: Option<u32>,
        /// Do not wait for the threads to end on quit or reload (`no-threads-wait`).
        no_wait: Option<bool>,
    }
}

params! {
    /// Parameters of [`Workers::set_mules_params`].
    pub struct MulesParams {
        /// Mules to add: a number of them (`mules`), or one per script (`mule`).
        mules: Into<Mules>,
        /// Reload the mules when one of these files is touched (`touch-mules-reload`).
        touch_reload: Values,
        /// Seconds a mule task may take before the mule is killed (`mule-harakiri`).
        harakiri_timeout: Option<u32>,
        /// Mule farms, groups of mules addressed by name (`farm`). Without `mules`, as many
        /// mules as the farms hold are added.
        farms: Vec<MuleFarm>,
        /// Seconds a mule may take to reload or shut down (`mule-reload-mercy`).
        reload_mercy: Option<u32>,
        /// Size in bytes of a mule's message buffer (`mule-msg-size`).
        msg_buffer: Option<u32>,
        /// Size in bytes of a mule's receive buffer (`mule-msg-recv-size`, uWSGI 2.1 only).
        msg_buffer_recv: Option<u32>,
    }
}

params! {
    /// Parameters of [`Workers::set_reload_params`]: when a worker is recycled.
    pub struct ReloadParams {
        /// Seconds a worker must live before it may be reloaded (`min-worker-lifetime`).
        min_lifetime: Option<u64>,
        /// Reload workers after this many seconds (`max-worker-lifetime`).
        max_lifetime: Option<u64>,
        /// Reload workers after this many requests (`max-requests`).
        max_requests: Option<u64>,
        /// Add worker id × this to each worker's `max_requests` (`max-requests-delta`, from
        /// uWSGI 2.0.31).
        max_requests_delta: Option<u64>,
        /// Reload a worker whose address space exceeds this many megabytes (`reload-on-as`).
        max_addr_space: Option<u32>,
        /// Reload a worker whose resident memory exceeds this many megabytes
        /// (`reload-on-rss`).
        max_rss: Option<u32>,
        /// Reload a worker whose unique set size exceeds this many megabytes
        /// (`reload-on-uss`, uWSGI 2.1 only).
        max_uss: Option<u32>,
        /// Reload a worker whose proportional set size exceeds this many megabytes
        /// (`reload-on-pss`, uWSGI 2.1 only).
        max_pss: Option<u32>,
        /// Make the master kill a worker whose address space exceeds this many megabytes
        /// (`evil-reload-on-as`).
        max_addr_space_forced: Option<u32>,
        /// Make the master kill a worker whose resident memory exceeds this many megabytes
        /// (`evil-reload-on-rss`).
        max_rss_forced: Option<u32>,
        /// Seconds between the memory checks of the forced reloads (`mem-collector-freq`).
        watch_interval_forced: Option<u32>,
        /// Seconds a worker may take to reload or shut down (`worker-reload-mercy`).
        mercy: Option<u32>,
    }
}

params! {
    /// Parameters of [`Workers::set_reload_on_exception_params`].
    pub struct ReloadOnExceptionParams {
        /// Reload a worker when an exception is raised (`reload-on-exception`).
        do_reload: Option<bool>,
        /// Reload on exceptions of these types (`reload-on-exception-type`).
        etype: Values,
        /// Reload on exceptions with these values (`reload-on-exception-value`).
        evalue: Values,
        /// Reload on exceptions with these type and value texts (`reload-on-exception-repr`).
        erepr: Values,
    }
}

params! {
    /// Parameters of [`Workers::set_harakiri_params`].
    pub struct HarakiriParams {
        /// Kill a request (and recycle its worker) after this many seconds (`harakiri`).
        timeout: Option<u32>,
        /// Log more when harakiri strikes (`harakiri-verbose`).
        verbose: Option<bool>,
        /// No harakiri during after-request hooks (`harakiri-no-arh`).
        disable_for_arh: Option<bool>,
    }
}

params! {
    /// Parameters of [`Workers::set_zerg_server_params`].
    pub struct ZergServerParams {
        /// Sockets to hand to the zergs through a zerg pool (`zergpool`, from the `zergpool`
        /// plugin, which is loaded too).
        clients_socket_pool: Values,
    }
}

params! {
    /// Parameters of [`Workers::set_zerg_client_params`].
    pub struct ZergClientParams {
        /// Use the instance's own sockets when no zerg server answers (`zerg-fallback`).
        use_fallback_socket: Option<bool>,
    }
}

/// Mules to add: uwsgiconf's `mules` parameter, a count or a list.
///
/// ```
/// use uwsgiconf_core::workers::Mules;
///
/// assert_eq!(Mules::from(2), Mules::Count(2));
/// assert_eq!(Mules::from("task.py"), Mules::Scripts(vec!["task.py".into()]));
/// assert_eq!(Mules::from(["a.py", "b.py"]), Mules::Scripts(vec!["a.py".into(), "b.py".into()]));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mules {
    /// This many mules without a script (`mules = N`).
    Count(u32),
    /// One mule per script (`mule = script`).
    Scripts(Vec<Value>),
}

impl From<u32> for Mules {
    fn from(count: u32) -> Mules {
        Mules::Count(count)
    }
}

macro_rules! one_script {
    ($($ty:ty),*) => {$(
        impl From<$ty> for Mules {
            fn from(script: $ty) -> Mules {
                Mules::Scripts(vec![Value::from(script)])
            }
        }
    )*};
}

one_script!(
    &str,
    String,
    &String,
    Value,
    &std::path::Path,
    std::path::PathBuf
);

impl<T: Into<Value>> From<Vec<T>> for Mules {
    fn from(scripts: Vec<T>) -> Mules {
        Mules::Scripts(scripts.into_values())
    }
}

impl<T: Into<Value>, const N: usize> From<[T; N]> for Mules {
    fn from(scripts: [T; N]) -> Mules {
        Mules::Scripts(scripts.into_values())
    }
}

/// The most processes Linux runs (`PID_MAX_LIMIT` on 64-bit systems): the most mules a farm
/// count may ask for, all farms of a call together.
const MAX_MULES: u32 = 4_194_304;

/// The mules of a [`MuleFarm`]: how many, or which.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MuleNumbers {
    /// This many mules, numbered after those of the earlier counted farms of the same call.
    Count(u32),
    /// These mules, by number (the first mule is 1).
    List(Vec<u32>),
}

impl From<u32> for MuleNumbers {
    fn from(count: u32) -> MuleNumbers {
        MuleNumbers::Count(count)
    }
}

impl From<Vec<u32>> for MuleNumbers {
    fn from(numbers: Vec<u32>) -> MuleNumbers {
        MuleNumbers::List(numbers)
    }
}

impl<const N: usize> From<[u32; N]> for MuleNumbers {
    fn from(numbers: [u32; N]) -> MuleNumbers {
        MuleNumbers::List(numbers.to_vec())
    }
}

impl From<&[u32]> for MuleNumbers {
    fn from(numbers: &[u32]) -> MuleNumbers {
        MuleNumbers::List(numbers.to_vec())
    }
}

/// A mule farm: uwsgiconf's `MuleFarm`, a name for a group of mules.
///
/// Shown as uWSGI reads it, `name:1,2`; a count shows the mules it gets as the first farm.
///
/// ```
/// use uwsgiconf_core::workers::MuleFarm;
///
/// assert_eq!(MuleFarm::new("n", [1, 2, 3]).to_string(), "n:1,2,3");
/// assert_eq!(MuleFarm::new("first", 2).to_string(), "first:1,2");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MuleFarm {
    /// The farm's name.
    pub name: String,
    /// Its mules.
    pub mule_numbers: MuleNumbers,
}

impl MuleFarm {
    /// A farm named `name` with `mule_numbers`: a count, or the mule numbers.
    pub fn new(name: impl Into<String>, mule_numbers: impl Into<MuleNumbers>) -> MuleFarm {
        MuleFarm {
            name: name.into(),
            mule_numbers: mule_numbers.into(),
        }
    }

    /// The mule numbers, a count taking the numbers from `next` on.
    fn numbers(&self, next: u32) -> Vec<u32> {
        match &self.mule_numbers {
            MuleNumbers::Count(count) => (next..next.saturating_add(*count)).collect(),
            MuleNumbers::List(numbers) => numbers.clone(),
        }
    }
}

impl fmt::Display for MuleFarm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_farm(f, &self.name, &self.numbers(1))
    }
}

/// Writes `<name>:<number>,<number>...`, a `farm` value.
fn write_farm(out: &mut impl fmt::Write, name: &str, numbers: &[u32]) -> fmt::Result {
    out.write_str(name)?;
    out.write_char(':')?;
    for (index, number) in numbers.iter().enumerate() {
        if index > 0 {
            out.write_char(',')?;
        }
        write!(out, "{number}")?;
    }
    Ok(())
}

/// The `farm` value of a farm of mules `numbers`.
fn farm_line(name: &str, numbers: &[u32]) -> String {
    let mut line = String::with_capacity(name.len() + 1 + 3 * numbers.len());
    // Writing to a String cannot fail.
    let _ = write_farm(&mut line, name, numbers);
    line
}

/// The text of the `print` line uwsgiconf adds with a thread count.
fn threads_banner(count: u32) -> String {
    format!(">   Threads per worker: {count}")
}

/// The workers options of a [`Section`], from [`Section::workers`].
///
/// Methods are those of uwsgiconf's `Workers`, with the same parameter names. Each records
/// directives and returns `&mut Self` for chaining; problems surface when the section is
/// rendered. Unlike uwsgiconf, asking for the group writes nothing: `workers = %k` comes
/// only from [`Workers::set_basic_params`] or [`Workers::set_count_auto`] without a count.
///
/// ```
/// use uwsgiconf_core::workers::{BasicParams, HarakiriParams, ThreadParams};
/// use uwsgiconf_core::Section;
///
/// let mut section = Section::new();
/// section
///     .workers()
///     .set_basic_params(BasicParams::new().count(4))
///     .set_thread_params(ThreadParams::new().enable(true))
///     .set_harakiri_params(HarakiriParams::new().timeout(30));
/// assert_eq!(section.to_ini().unwrap(), "[uwsgi]\nworkers = 4\nenable-threads = true\nharakiri = 30\n");
/// assert_eq!(section.to_args().unwrap(), ["--workers", "4", "--enable-threads", "--harakiri", "30"]);
/// ```
#[derive(Debug)]
pub struct Workers<'s> {
    section: &'s mut Section,
}

impl<'s> Workers<'s> {
    pub(crate) fn new(section: &'s mut Section) -> Self {
        Workers { section }
    }

    /// The section the options are written to.
    pub fn section(&mut self) -> &mut Section {
        self.section
    }

    /// uwsgiconf's `mule_farm`: a [`MuleFarm`] for [`MulesParams::farms`].
    pub fn mule_farm(name: impl Into<String>, mule_numbers: impl Into<MuleNumbers>) -> MuleFarm {
        MuleFarm::new(name, mule_numbers)
    }

    fn put_count(&mut self, count: Option<u32>, origin: &'static str, call: usize) {
        let value = match count {
            // As uwsgiconf: no count (or 0) is one worker per CPU core.
            None | Some(0) => Value::magic(MagicVar::CpuCores),
            Some(count) => Value::from(count),
        };
        self.section.put_value(key::WORKERS, value, origin, call);
    }

    fn put_paths(
        &mut self,
        key: Key,
        param: &'static str,
        paths: Vec<Value>,
        origin: &'static str,
        call: usize,
    ) {
        for path in paths {
            let why = "uWSGI would watch a path that never exists";
            if non_empty(self.section, origin, param, &path, why, call) {
                self.section.put_value(key, path, origin, call);
            }
        }
    }

    fn put_number(
        &mut self,
        key: Key,
        number: Option<impl Into<Value>>,
        origin: &'static str,
        call: usize,
    ) {
        if let Some(number) = number {
            self.section.put_value(key, number.into(), origin, call);
        }
    }

    fn put_switch(&mut self, key: Key, on: Option<bool>, origin: &'static str, call: usize) {
        if let Some(on) = on {
            self.section.put_flag(key, on, origin, call);
        }
    }

    /// uwsgiconf's `set_basic_params`: the number of workers, their reloads and limits.
    ///
    /// Without a count (or with 0), writes `workers = %k`, one worker per CPU core, as
    /// uwsgiconf does; `%k` exists only in config files, so the command line needs a count.
    ///
    /// ```
    /// use uwsgiconf_core::workers::BasicParams;
    /// use uwsgiconf_core::Section;
    ///
    /// let mut section = Section::new();
    /// section.workers().set_basic_params(BasicParams::new().touch_reload("/srv/reload").zombie_reaper(true));
    /// assert_eq!(section.to_ini().unwrap(), "[uwsgi]\nworkers = %k\ntouch-workers-reload = /srv/reload\nreaper = true\n");
    /// assert!(section.to_args().is_err());
    /// ```
    pub fn set_basic_params(&mut self, params: BasicParams) -> &mut Self {
        const ORIGIN: &str = "set_basic_params";
        let call = self.section.next_call();
        self.put_count(params.count, ORIGIN, call);
        self.put_paths(
            key::TOUCH_WORKERS_RELOAD,
            "touch_reload",
            params.touch_reload,
            ORIGIN,
            call,
        );
        self.put_paths(
            key::TOUCH_CHAIN_RELOAD,
            "touch_chain_reload",
            params.touch_chain_reload,
            ORIGIN,
            call,
        );
        self.put_switch(key::REAPER, params.zombie_reaper, ORIGIN, call);
        self.put_number(key::LIMIT_AS, params.limit_addr_space, ORIGIN, call);
        self.put_number(key::LIMIT_NPROC, params.limit_count, ORIGIN, call);
        self.put_number(key::CPU_AFFINITY, params.cpu_affinity, ORIGIN, call);
        self
    }

    /// uwsgiconf's `run_command_as_worker`: a program each worker becomes (`worker-exec`, or
    /// `worker-exec2` after the `post_fork` hook).
    ///
    /// uWSGI runs the value as one program path, without arguments and without a shell
    /// (execvp), and keeps one of each option: a value with a space is refused (it would
    /// name a program `echo 100%`), and so are two different programs.
    ///
    /// ```
    /// use uwsgiconf_core::workers::RunAsWorkerParams;
    /// use uwsgiconf_core::Section;
    ///
    /// let mut section = Section::new();
    /// section.workers().run_command_as_worker("/srv/app/worker", RunAsWorkerParams::new());
    /// assert_eq!(section.to_ini().unwrap(), "[uwsgi]\nworker-exec = /srv/app/worker\n");
    /// ```
    pub fn run_command_as_worker(
        &mut self,
        command: impl Into<Value>,
        params: RunAsWorkerParams,
    ) -> &mut Self {
        const ORIGIN: &str = "run_command_as_worker";
        let call = self.section.next_call();
        let command = command.into();
        let why = "uWSGI would exec no program and the worker would exit";
        if !non_empty(self.section, ORIGIN, "command", &command, why, call) {
            return self;
        }
        if command.literal_contains(' ') {
            refuse(
                self.section,
                ProblemKind::InvalidValue,
                (ORIGIN, "command"),
                &command,
                "uWSGI runs this value as one program, without arguments or a shell (execvp): \
                 with a space it names a program that does not exist",
                "give the path of a program; a script can carry the arguments",
                call,
            );
            return self;
        }
        let key = if params.after_post_fork_hook {
            key::WORKER_EXEC2
        } else {
            key::WORKER_EXEC
        };
        self.section.put_value(key, command, ORIGIN, call);
        self
    }

    /// uwsgiconf's `set_count_auto`: the number of workers, one per CPU core (`workers = %k`)
    /// when not given or 0.
    ///
    /// ```
    /// use uwsgiconf_core::Section;
    ///
    /// let mut section = Section::new();
    /// section.workers().set_count_auto(None);
    /// assert_eq!(section.to_ini().unwrap(), "[uwsgi]\nworkers = %k\n");
    /// let mut section = Section::new();
    /// section.workers().set_count_auto(8);
    /// assert_eq!(section.to_ini().unwrap(), "[uwsgi]\nworkers = 8\n");
    /// ```
    pub fn set_count_auto(&mut self, count: impl Into<Option<u32>>) -> &mut Self {
        const ORIGIN: &str = "set_count_auto";
        let call = self.section.next_call();
        self.put_count(count.into(), ORIGIN, call);
        self
    }

    /// uwsgiconf's `set_thread_params`: threads in the workers.
    ///
    /// With a thread count, also writes uwsgiconf's `print` line, which uWSGI logs at start.
    ///
    /// ```
    /// use uwsgiconf_core::workers::ThreadParams;
    /// use uwsgiconf_core::Section;
    ///
    /// let mut section = Section::new();
    /// section.workers().set_thread_params(ThreadParams::new().count(4).count_offload(2));
    /// assert_eq!(
    ///     section.to_ini().unwrap(),
    ///     "[uwsgi]\nthreads = 4\noffload-threads = 2\nprint = >   Threads per worker: 4\n"
    /// );
    /// ```
    pub fn set_thread_params(&mut self, params: ThreadParams) -> &mut Self {
        const ORIGIN: &str = "set_thread_params";
        let call = self.section.next_call();
        self.put_switch(key::ENABLE_THREADS, params.enable, ORIGIN, call);
        self.put_switch(key::NO_THREADS_WAIT, params.no_wait, ORIGIN, call);
        self.put_number(key::THREADS, params.count, ORIGIN, call);
        self.put_number(key::OFFLOAD_THREADS, params.count_offload, ORIGIN, call);
        if let Some(count @ 1..) = params.count {
            self.section
                .put_value(key::PRINT, threads_banner(count).into(), ORIGIN, call);
        }
        self.put_number(key::THREADS_STACKSIZE, params.stack_size, ORIGIN, call);
        self
    }

    /// uwsgiconf's `set_mules_params`: mules (processes that take tasks, not requests), and
    /// their farms.
    ///
    /// A farm given a count gets the next mule numbers, counted from 1 over the counted
    /// farms of the call (as uwsgiconf numbers them); without `mules`, as many mules as the
    /// farms hold are added. A single script is one mule (uwsgiconf writes nothing for it).
    /// The renderer checks that every farm's mules exist.
    ///
    /// ```
    /// use uwsgiconf_core::workers::{MuleFarm, MulesParams};
    /// use uwsgiconf_core::Section;
    ///
    /// let mut section = Section::new();
    /// section.workers().set_mules_params(
    ///     MulesParams::new().farms([MuleFarm::new("first", 2), MuleFarm::new("second", 3)]),
    /// );
    /// assert_eq!(
    ///     section.to_ini().unwrap(),
    ///     "[uwsgi]\nfarm = first:1,2\nfarm = second:3,4,5\nmules = 5\n"
    /// );
    /// assert_eq!(section.to_args().unwrap()[..2], ["--farm", "first:1,2"]);
    /// ```
    pub fn set_mules_params(&mut self, params: MulesParams) -> &mut Self {
        const ORIGIN: &str = "set_mules_params";
        let call = self.section.next_call();
        let mut next = 1u32;
        let mut farm_mules = 0u32;
        for farm in &params.farms {
            // A count is listed number by number: refuse one no system could run before
            // listing it (a count near `u32::MAX` would exhaust memory).
            if let MuleNumbers::Count(count) = farm.mule_numbers {
                if u64::from(next) - 1 + u64::from(count) > u64::from(MAX_MULES) {
                    refuse(
                        self.section,
                        ProblemKind::InvalidValue,
                        (ORIGIN, "farms"),
                        format!("{}: {count} mules", farm.name),
                        format!(
                            "{} mules in all: Linux runs at most {MAX_MULES} processes \
                             (PID_MAX_LIMIT), so uWSGI could never start them",
                            u64::from(next) - 1 + u64::from(count)
                        ),
                        "give the farms fewer mules",
                        call,
                    );
                    continue;
                }
            }
            let numbers = farm.numbers(next);
            if let MuleNumbers::Count(_) = farm.mule_numbers {
                next = next.saturating_add(numbers.len() as u32);
            }
            farm_mules = farm_mules.saturating_add(numbers.len() as u32);
            if self.farm_ok(farm, &numbers, ORIGIN, call) {
                let line = farm_line(&farm.name, &numbers);
                self.section.put_value(key::FARM, line.into(), ORIGIN, call);
            }
        }
        let mules = match params.mules {
            None if farm_mules > 0 => Some(Mules::Count(farm_mules)),
            other => other,
        };
        match mules {
            Some(Mules::Count(count)) => {
                self.section
                    .put_value(key::MULES, count.into(), ORIGIN, call);
            }
            Some(Mules::Scripts(scripts)) => {
                for script in scripts {
                    self.section.put_value(key::MULE, script, ORIGIN, call);
                }
            }
            None => {}
        }
        self.put_paths(
            key::TOUCH_MULES_RELOAD,
            "touch_reload",
            params.touch_reload,
            ORIGIN,
            call,
        );
        self.put_number(key::MULE_HARAKIRI, params.harakiri_timeout, ORIGIN, call);
        self.put_number(key::MULE_RELOAD_MERCY, params.reload_mercy, ORIGIN, call);
        self.put_number(key::MULE_MSG_SIZE, params.msg_buffer, ORIGIN, call);
        self.put_number(
            key::MULE_MSG_RECV_SIZE,
            params.msg_buffer_recv,
            ORIGIN,
            call,
        );
        self
    }

    fn farm_ok(
        &mut self,
        farm: &MuleFarm,
        numbers: &[u32],
        origin: &'static str,
        call: usize,
    ) -> bool {
        let problem = if farm.name.is_empty() || farm.name.contains(':') {
            Some((
                "a farm name must be non-empty and without `:` (uWSGI ends it at the first `:`)",
                "rename the farm",
            ))
        } else if farm.name.len() > 255 {
            Some(("uWSGI cuts farm names at 255 bytes", "use a shorter name"))
        } else if numbers.is_empty() {
            Some((
                "a farm needs at least one mule",
                "give it a count or mule numbers",
            ))
        } else if numbers.contains(&0) {
            Some((
                "mules are numbered from 1: uWSGI exits on mule 0 (\"invalid mule id\")",
                "number the mules from 1",
            ))
        } else {
            None
        };
        match problem {
            Some((message, fix)) => {
                refuse(
                    self.section,
                    ProblemKind::InvalidValue,
                    (origin, "farms"),
                    farm_line(&farm.name, numbers),
                    message,
                    fix,
                    call,
                );
                false
            }
            None => true,
        }
    }

    /// uwsgiconf's `set_reload_params`: when workers are recycled.
    ///
    /// `max_requests_delta` needs uWSGI 2.0.31 and `max_uss`/`max_pss` uWSGI 2.1: under the
    /// default target (2.0.21 to 2.0.31) they are refused when rendered.
    ///
    /// ```
    /// use uwsgiconf_core::workers::ReloadParams;
    /// use uwsgiconf_core::Section;
    ///
    /// let mut section = Section::new();
    /// section.workers().set_reload_params(ReloadParams::new().max_requests(1000).max_rss(256).mercy(30));
    /// assert_eq!(section.to_ini().unwrap(), "[uwsgi]\nmax-requests = 1000\nreload-on-rss = 256\nworker-reload-mercy = 30\n");
    /// ```
    pub fn set_reload_params(&mut self, params: ReloadParams) -> &mut Self {
        const ORIGIN: &str = "set_reload_params";
        let call = self.section.next_call();
        self.put_number(key::MAX_REQUESTS, params.max_requests, ORIGIN, call);
        self.put_number(
            key::MAX_REQUESTS_DELTA,
            params.max_requests_delta,
            ORIGIN,
            call,
        );
        self.put_number(key::MIN_WORKER_LIFETIME, params.min_lifetime, ORIGIN, call);
        self.put_number(key::MAX_WORKER_LIFETIME, params.max_lifetime, ORIGIN, call);
        self.put_number(key::RELOAD_ON_AS, params.max_addr_space, ORIGIN, call);
        self.put_number(key::RELOAD_ON_RSS, params.max_rss, ORIGIN, call);
        self.put_number(key::RELOAD_ON_USS, params.max_uss, ORIGIN, call);
        self.put_number(key::RELOAD_ON_PSS, params.max_pss, ORIGIN, call);
        self.put_number(
            key::EVIL_RELOAD_ON_AS,
            params.max_addr_space_forced,
            ORIGIN,
            call,
        );
        self.put_number(key::EVIL_RELOAD_ON_RSS, params.max_rss_forced, ORIGIN, call);
        self.put_number(
            key::MEM_COLLECTOR_FREQ,
            params.watch_interval_forced,
            ORIGIN,
            call,
        );
        self.put_number(key::WORKER_RELOAD_MERCY, params.mercy, ORIGIN, call);
        self
    }

    /// uwsgiconf's `set_reload_on_exception_params`: reload a worker on exceptions, all or
    /// some. uWSGI keeps every type, value and repr given, so each takes several.
    ///
    /// ```
    /// use uwsgiconf_core::workers::ReloadOnExceptionParams;
    /// use uwsgiconf_core::Section;
    ///
    /// let mut section = Section::new();
    /// section.workers().set_reload_on_exception_params(ReloadOnExceptionParams::new().etype(["MemoryError", "OSError"]));
    /// assert_eq!(
    ///     section.to_ini().unwrap(),
    ///     "[uwsgi]\nreload-on-exception-type = MemoryError\nreload-on-exception-type = OSError\n"
    /// );
    /// ```
    pub fn set_reload_on_exception_params(&mut self, params: ReloadOnExceptionParams) -> &mut Self {
        const ORIGIN: &str = "set_reload_on_exception_params";
        let call = self.section.next_call();
        self.put_switch(key::RELOAD_ON_EXCEPTION, params.do_reload, ORIGIN, call);
        for (key, param, values) in [
            (key::RELOAD_ON_EXCEPTION_TYPE, "etype", params.etype),
            (key::RELOAD_ON_EXCEPTION_VALUE, "evalue", params.evalue),
            (key::RELOAD_ON_EXCEPTION_REPR, "erepr", params.erepr),
        ] {
            for value in values {
                let why = "it would match no exception";
                if non_empty(self.section, ORIGIN, param, &value, why, call) {
                    self.section.put_value(key, value, ORIGIN, call);
                }
            }
        }
        self
    }

    /// uwsgiconf's `set_harakiri_params`: kill requests that take too long.
    ///
    /// ```
    /// use uwsgiconf_core::workers::HarakiriParams;
    /// use uwsgiconf_core::Section;
    ///
    /// let mut section = Section::new();
    /// section.workers().set_harakiri_params(HarakiriParams::new().timeout(30).verbose(true));
    /// assert_eq!(section.to_ini().unwrap(), "[uwsgi]\nharakiri = 30\nharakiri-verbose = true\n");
    /// ```
    pub fn set_harakiri_params(&mut self, params: HarakiriParams) -> &mut Self {
        const ORIGIN: &str = "set_harakiri_params";
        let call = self.section.next_call();
        self.put_number(key::HARAKIRI, params.timeout, ORIGIN, call);
        self.put_switch(key::HARAKIRI_VERBOSE, params.verbose, ORIGIN, call);
        self.put_switch(key::HARAKIRI_NO_ARH, params.disable_for_arh, ORIGIN, call);
        self
    }

    /// uwsgiconf's `set_zerg_server_params`: a zerg server on a UNIX socket (`zerg-server`),
    /// or with a socket pool a zerg pool (`zergpool`, preceded by `plugin = zergpool`, which
    /// provides it).
    ///
    /// ```
    /// use uwsgiconf_core::workers::ZergServerParams;
    /// use uwsgiconf_core::Section;
    ///
    /// let mut section = Section::new();
    /// section.workers().set_zerg_server_params(
    ///     "/run/zerg.sock",
    ///     ZergServerParams::new().clients_socket_pool(["127.0.0.1:3031", "127.0.0.1:3032"]),
    /// );
    /// assert_eq!(
    ///     section.to_ini().unwrap(),
    ///     "[uwsgi]\nplugin = zergpool\nzergpool = /run/zerg.sock:127.0.0.1:3031,127.0.0.1:3032\n"
    /// );
    /// ```
    pub fn set_zerg_server_params(
        &mut self,
        socket: impl Into<Value>,
        params: ZergServerParams,
    ) -> &mut Self {
        const ORIGIN: &str = "set_zerg_server_params";
        let call = self.section.next_call();
        let socket = socket.into();
        let why = "uWSGI cannot bind a UNIX socket without a path";
        if !non_empty(self.section, ORIGIN, "socket", &socket, why, call) {
            return self;
        }
        if params.clients_socket_pool.is_empty() {
            self.section
                .put_value(key::ZERG_SERVER, socket, ORIGIN, call);
            return self;
        }
        let mut ok = true;
        if socket.literal_contains(':') {
            ok = false;
            refuse(
                self.section,
                ProblemKind::InvalidValue,
                (ORIGIN, "socket"),
                &socket,
                "a zerg pool's socket cannot hold `:`: uWSGI ends it at the first `:`",
                "use a path without `:`",
                call,
            );
        }
        let mut line = socket;
        line.push_str(":");
        for (index, address) in params.clients_socket_pool.into_iter().enumerate() {
            if address.is_empty() || address.literal_contains(',') {
                ok = false;
                refuse(
                    self.section,
                    ProblemKind::InvalidValue,
                    (ORIGIN, "clients_socket_pool"),
                    &address,
                    "a pool address must be non-empty and without `,` (uWSGI splits the pool at `,`)",
                    "give one address per item",
                    call,
                );
            }
            if index > 0 {
                line.push_str(",");
            }
            line.push(address);
        }
        if ok {
            if !self.plugin_loaded("zergpool") {
                self.section
                    .put_value(key::PLUGIN, "zergpool".into(), ORIGIN, call);
            }
            self.section.put_value(key::ZERGPOOL, line, ORIGIN, call);
        }
        self
    }

    fn plugin_loaded(&self, plugin: &str) -> bool {
        self.section.directives().iter().any(|directive| {
            [
                key::PLUGIN,
                key::PLUGINS,
                key::NEED_PLUGIN,
                key::NEED_PLUGINS,
            ]
            .iter()
            .any(|key| key.is(directive.spec()))
                && self
                    .section
                    .value_of(directive)
                    .and_then(ValueRef::as_literal)
                    == Some(plugin)
        })
    }

    /// uwsgiconf's `set_zerg_client_params`: zerg servers to take sockets from (`zerg`), and
    /// whether to fall back to the instance's own sockets (`zerg-fallback`).
    ///
    /// uwsgiconf also adds each zerg server's path as a `socket`, which makes uWSGI delete
    /// the zerg server's socket file and bind its own there: this writes no such line.
    ///
    /// ```
    /// use uwsgiconf_core::workers::ZergClientParams;
    /// use uwsgiconf_core::Section;
    ///
    /// let mut section = Section::new();
    /// section.workers().set_zerg_client_params(["/run/z1.sock", "/run/z2.sock"], ZergClientParams::new().use_fallback_socket(true));
    /// assert_eq!(
    ///     section.to_ini().unwrap(),
    ///     "[uwsgi]\nzerg = /run/z1.sock\nzerg = /run/z2.sock\nzerg-fallback = true\n"
    /// );
    /// ```
    pub fn set_zerg_client_params(
        &mut self,
        server_sockets: impl IntoValues,
        params: ZergClientParams,
    ) -> &mut Self {
        const ORIGIN: &str = "set_zerg_client_params";
        let call = self.section.next_call();
        for socket in server_sockets.into_values() {
            let why = "uWSGI cannot connect to a socket without an address and exits";
            if non_empty(self.section, ORIGIN, "server_sockets", &socket, why, call) {
                self.section.put_value(key::ZERG, socket, ORIGIN, call);
            }
        }
        self.put_switch(key::ZERG_FALLBACK, params.use_fallback_socket, ORIGIN, call);
        self
    }
}

/// A line's value, when it is literal text only.
fn literal<'a>(line: &Line<'a>) -> Option<&'a str> {
    match line.content() {
        LineContent::Value(value) => value.as_literal(),
        LineContent::On => None,
    }
}

/// The group's rules across directives, run by the renderer: every farm's mules exist, and
/// `worker-exec` does not hide a `worker-exec2` of `run_command_as_worker`.
fn check_across(_: &Section, _: &[Section], groups: &Groups<'_>, problems: &mut Vec<Problem>) {
    let lines = || groups.iter().flatten();

    // uWSGI numbers the mules from 1, `mules = N` adding N and `mule = ..` one.
    let mut mules: Option<u64> = Some(0);
    for line in lines() {
        if key::MULES.is(line.spec()) {
            let count = literal(line).and_then(|text| text.parse::<u64>().ok());
            mules = mules.zip(count).map(|(total, count)| total + count);
        } else if key::MULE.is(line.spec()) {
            mules = mules.map(|total| total + 1);
        }
    }
    if let Some(mules) = mules {
        for line in lines().filter(|line| key::FARM.is(line.spec())) {
            let Some(text) = literal(line) else { continue };
            let Some((_, numbers)) = text.split_once(':') else {
                continue;
            };
            let missing = numbers
                .split(',')
                .filter_map(|number| number.parse::<u64>().ok())
                .find(|number| *number > mules);
            if let Some(number) = missing {
                problems.push(
                    Problem::new(
                        ProblemKind::InvalidValue,
                        line.origin(),
                        format!(
                            "the farm uses mule {number}, but the section has {mules} mule{}: \
                             uWSGI exits at start (\"invalid mule id\")",
                            if mules == 1 { "" } else { "s" }
                        ),
                    )
                    .with_value(text)
                    .with_fix("add mules (set_mules_params mules), or number the farm's mules within them")
                    .with_call(line.call()).with_blame(line.blame()),
                );
            }
        }
    }

    // Checked for the typed method only: lines set by name are written as asked.
    let exec = lines().find(|line| key::WORKER_EXEC.is(line.spec()));
    let exec2 = lines().find(|line| key::WORKER_EXEC2.is(line.spec()));
    let typed = |line: &Line<'_>| line.origin() == "run_command_as_worker";
    let both = exec.zip(exec2).filter(|(a, b)| typed(a) || typed(b));
    if let Some((_, exec2)) = both {
        problems.push(
            Problem::new(
                ProblemKind::Conflict,
                exec2.origin(),
                "`worker-exec` replaces the worker before the post_fork hook, so \
                 `worker-exec2` would never run",
            )
            .with_value(literal(exec2).unwrap_or_default())
            .with_fix("run one program per worker: drop one of them")
            .with_call(exec2.call()),
        );
    }
}

impl Section {
    /// The options group of uWSGI's workers (uwsgiconf's `Workers`).
    pub fn workers(&mut self) -> Workers<'_> {
        Workers::new(self)
    }
}

/// The workers group: farms name existing mules, and worker commands do not hide each other.
pub(crate) const GROUP: Group = Group {
    name: "workers",
    items: ITEMS,
    rules: &[Rule {
        name: "mule farms and worker commands",
        watches: &[
            key::MULES,
            key::MULE,
            key::FARM,
            key::WORKER_EXEC,
            key::WORKER_EXEC2,
        ],
        check: check_across,
    }],
    config_rules: &[],
};

// ---------------------------------------------------------------------------------------
// The group's items in the macro language: `workers.basic(..)`, ...
// ---------------------------------------------------------------------------------------

use crate::dsl::{FromArg, ItemSpec, Kind, Param, Receiver, Shape, U32, U64};

/// `mules = 2` is a count, `mules = "a.py"` or `mules = ["a.py", "b.py"]` scripts, as the
/// setter reads the same literals. A run-time value reads as not given: whether it is a count
/// or scripts is known only at run time.
impl FromArg for Mules {
    fn from_arg(val: &Shape<'_>, stand_in: &Value) -> Option<Self> {
        match val {
            Shape::Int(value) => u32::try_from(*value).ok().map(Mules::Count),
            Shape::Str(_) | Shape::List(_) => {
                Vec::<Value>::from_arg(val, stand_in).map(Mules::Scripts)
            }
            _ => None,
        }
    }
}

// Farms have no literal form in the macro language (the `mules` row leaves them out), so a
// macro value never reads as one.
impl FromArg for Vec<MuleFarm> {
    fn from_arg(_: &Shape<'_>, _: &Value) -> Option<Self> {
        None
    }
}

const WORKERS: Receiver = Receiver::Group("workers");

/// The group's items in the macro language, written `workers.<item>(..)`; each calls the
/// method it names, with uwsgiconf's parameter names.
const ITEMS: &[ItemSpec] = &[
    ItemSpec {
        name: "basic",
        receiver: WORKERS,
        method: "set_basic_params",
        params_type: Some("workers::BasicParams"),
        params: &[
            Param::setter("count", U32, &["workers"]),
            Param::setter("touch_reload", Kind::Values, &["touch-workers-reload"]),
            Param::setter("touch_chain_reload", Kind::Values, &["touch-chain-reload"]),
            Param::setter("zombie_reaper", Kind::Bool, &["reaper"]),
            Param::setter("limit_addr_space", U32, &["limit-as"]),
            Param::setter("limit_count", U32, &["limit-nproc"]),
            Param::setter("cpu_affinity", U32, &["cpu-affinity"]),
        ],
        doc: "the number of workers (one per CPU core without a count), their reloads and limits",
        apply: |s, a| {
            s.workers().set_basic_params(BasicParams::from_args(a));
        },
    },
    ItemSpec {
        name: "run_command_as_worker",
        receiver: WORKERS,
        method: "run_command_as_worker",
        params_type: Some("workers::RunAsWorkerParams"),
        params: &[
            Param::arg("command", Kind::Text, &["worker-exec"]),
            Param::setter("after_post_fork_hook", Kind::Bool, &["worker-exec2"]),
        ],
        doc: "a program each worker becomes (one path, no arguments)",
        apply: |s, a| {
            s.workers()
                .run_command_as_worker(a.text("command"), RunAsWorkerParams::from_args(a));
        },
    },
    ItemSpec {
        name: "count_auto",
        receiver: WORKERS,
        method: "set_count_auto",
        params_type: None,
        // uwsgiconf's count is optional; here it is given, 0 meaning one per CPU core (as
        // with no count), so the call takes the literal as written.
        params: &[Param::arg("count", U32, &["workers"])],
        doc: "the number of workers, 0 for one per CPU core (`workers = %k`)",
        apply: |s, a| {
            s.workers().set_count_auto(a.get::<u32>("count"));
        },
    },
    ItemSpec {
        name: "thread",
        receiver: WORKERS,
        method: "set_thread_params",
        params_type: Some("workers::ThreadParams"),
        params: &[
            Param::setter("enable", Kind::Bool, &["enable-threads"]),
            Param::setter("count", U32, &["threads", "print"]),
            Param::setter("count_offload", U32, &["offload-threads"]),
            Param::setter("stack_size", U32, &["threads-stacksize"]),
            Param::setter("no_wait", Kind::Bool, &["no-threads-wait"]),
        ],
        doc: "threads in the workers",
        apply: |s, a| {
            s.workers().set_thread_params(ThreadParams::from_args(a));
        },
    },
    ItemSpec {
        name: "mules",
        receiver: WORKERS,
        method: "set_mules_params",
        params_type: Some("workers::MulesParams"),
        // `farms` takes `MuleFarm` values, which have no literal form in the language: it is
        // left out (write `option("farm", "name:1,2")`, or call the method).
        params: &[
            Param::setter("mules", Kind::Values, &["mules", "mule"]),
            Param::setter("touch_reload", Kind::Values, &["touch-mules-reload"]),
            Param::setter("harakiri_timeout", U32, &["mule-harakiri"]),
            Param::setter("reload_mercy", U32, &["mule-reload-mercy"]),
            Param::setter("msg_buffer", U32, &["mule-msg-size"]),
            Param::setter("msg_buffer_recv", U32, &["mule-msg-recv-size"]),
        ],
        doc: "mules: a count or scripts (farms: with `option(\"farm\", ..)`)",
        apply: |s, a| {
            s.workers().set_mules_params(MulesParams::from_args(a));
        },
    },
    ItemSpec {
        name: "reload",
        receiver: WORKERS,
        method: "set_reload_params",
        params_type: Some("workers::ReloadParams"),
        params: &[
            Param::setter("min_lifetime", U64, &["min-worker-lifetime"]),
            Param::setter("max_lifetime", U64, &["max-worker-lifetime"]),
            Param::setter("max_requests", U64, &["max-requests"]),
            Param::setter("max_requests_delta", U64, &["max-requests-delta"]),
            Param::setter("max_addr_space", U32, &["reload-on-as"]),
            Param::setter("max_rss", U32, &["reload-on-rss"]),
            Param::setter("max_uss", U32, &["reload-on-uss"]),
            Param::setter("max_pss", U32, &["reload-on-pss"]),
            Param::setter("max_addr_space_forced", U32, &["evil-reload-on-as"]),
            Param::setter("max_rss_forced", U32, &["evil-reload-on-rss"]),
            Param::setter("watch_interval_forced", U32, &["mem-collector-freq"]),
            Param::setter("mercy", U32, &["worker-reload-mercy"]),
        ],
        doc: "when workers are recycled",
        apply: |s, a| {
            s.workers().set_reload_params(ReloadParams::from_args(a));
        },
    },
    ItemSpec {
        name: "reload_on_exception",
        receiver: WORKERS,
        method: "set_reload_on_exception_params",
        params_type: Some("workers::ReloadOnExceptionParams"),
        params: &[
            Param::setter("do_reload", Kind::Bool, &["reload-on-exception"]),
            Param::setter("etype", Kind::Values, &["reload-on-exception-type"]),
            Param::setter("evalue", Kind::Values, &["reload-on-exception-value"]),
            Param::setter("erepr", Kind::Values, &["reload-on-exception-repr"]),
        ],
        doc: "reload a worker on exceptions, all or some",
        apply: |s, a| {
            s.workers()
                .set_reload_on_exception_params(ReloadOnExceptionParams::from_args(a));
        },
    },
    ItemSpec {
        name: "harakiri",
        receiver: WORKERS,
        method: "set_harakiri_params",
        params_type: Some("workers::HarakiriParams"),
        params: &[
            Param::setter("timeout", U32, &["harakiri"]),
            Param::setter("verbose", Kind::Bool, &["harakiri-verbose"]),
            Param::setter("disable_for_arh", Kind::Bool, &["harakiri-no-arh"]),
        ],
        doc: "kill requests that take too long",
        apply: |s, a| {
            s.workers()
                .set_harakiri_params(HarakiriParams::from_args(a));
        },
    },
    ItemSpec {
        name: "zerg_server",
        receiver: WORKERS,
        method: "set_zerg_server_params",
        params_type: Some("workers::ZergServerParams"),
        params: &[
            Param::arg("socket", Kind::Text, &["zerg-server"]),
            Param::setter("clients_socket_pool", Kind::Values, &["plugin", "zergpool"]),
        ],
        doc: "a zerg server, or with a socket pool a zerg pool",
        apply: |s, a| {
            s.workers()
                .set_zerg_server_params(a.text("socket"), ZergServerParams::from_args(a));
        },
    },
    ItemSpec {
        name: "zerg_client",
        receiver: WORKERS,
        method: "set_zerg_client_params",
        params_type: Some("workers::ZergClientParams"),
        params: &[
            Param::arg("server_sockets", Kind::Values, &["zerg"]),
            Param::setter("use_fallback_socket", Kind::Bool, &["zerg-fallback"]),
        ],
        doc: "zerg servers to take sockets from",
        apply: |s, a| {
            s.workers()
                .set_zerg_client_params(a.values("server_sockets"), ZergClientParams::from_args(a));
        },
    },
];
