//! # uwsgiconf
//!
//! Describe, check and render uWSGI configuration from Rust. This is the facade: it
//! re-exports the runtime ([`uwsgiconf_core`]) and provides the declarative macros
//! [`uwsgi_config!`] and [`uwsgi_ini!`].
//!
//! The macros need the `macros` feature, on by default. A program that only calls the
//! methods can leave them out, and then builds the runtime alone (no `syn`, `quote` or
//! `proc-macro2`):
//!
//! ```toml
//! uwsgiconf = { version = "0.1", default-features = false }
//! ```
//!
//! # Declarative configuration: `uwsgi_config!` and `uwsgi_ini!`
//!
//! Both macros take the same list of items. Each item is one call of uwsgiconf's methods,
//! written without `set_` and `_params`, with the parameters named exactly as uwsgiconf names
//! them:
//!
//! ```
//! # #[cfg(feature = "macros")] {
//! use uwsgiconf::{uwsgi_config, uwsgi_ini};
//!
//! let section: uwsgiconf::Section = uwsgi_config!(
//!     owner(uid = "www-data", gid = "www-data", add_gids = ["docker", 1001]),
//!     pid_file("/run/app/app.pid", before_priv_drop = false, safe = true),
//!     change_dir("/srv/app"),
//!     daemonize("/var/log/app.log", after_app_loading = true),
//!     basic(touch_reload = ["/srv/app/reload"], priority = 5, vacuum = true),
//!     memory(ksm_interval = 10, no_swap = true),
//!     naming(autonaming = true, prefix = "app "),
//!     on_exit(skip_hooks = true, skip_teardown = true),
//!     hook(asap, [execute("mkdir -p /run/app"), chown("/run/app", "www-data", "www-data"), printout("booting")]),
//!     hook(PRIV_DROP_POST, file_write("/run/app/ready", "1", newline = true)),
//!     hook_touch("/srv/app/stop", exit(0)),
//!     hook_after_request("my_c_symbol"),
//!     run_command_on_event("echo started", phase = pre_app),
//!     run_command_on_touch("echo touched", target = "/srv/app/touch"),
//!     option("master", true),
//! );
//! assert!(section.to_ini().unwrap().starts_with("[uwsgi]\nuid = www-data\ngid = www-data\n"));
//!
//! // The same language, rendered to INI while compiling:
//! const INI: &str = uwsgi_ini!(pid_file("/run/app.pid"), hook(asap, execute("echo hi")));
//! assert_eq!(INI, "[uwsgi]\npidfile = /run/app.pid\nhook-asap = exec:echo hi\n");
//! # }
//! ```
//!
//! * [`uwsgi_config!`] evaluates to a [`Section`], built by the same typed calls you would
//!   write by hand (`section.main_process().set_pid_file(..)`), one call per item, in order.
//! * [`uwsgi_ini!`] evaluates to a `&'static str`, usable in a `const`: the section rendered
//!   by [`Section::to_ini`] at compile time. Its values must all be literals.
//!
//! Everything uwsgiconf refuses in a section (see [`Section::to_ini`]) is refused at compile
//! time for literal values, with the same message, on the offending token, and every mistake
//! of an invocation is reported at once:
//!
//! ```text
//! error: uid without gid: uWSGI would keep the root group
//!        = help: set gid too
//!  --> src/main.rs:4:22
//!   |
//! 4 |     owner(uid = "www-data"),
//!   |                 ^^^^^^^^^^
//! ```
//!
//! ## Grammar
//!
//! ```text
//! invocation := item ("," item)* ","?
//! item       := (group ".")? name "(" args ")" // ( ), [ ] and { } all work
//! group      := "main_process" | "master_process" | "workers"
//! args       := arg ("," arg)* ","?
//! arg        := value | param "=" value      // positional arguments first
//! value      := literal | "[" value,* "]" | phase | action | any Rust expression
//! ```
//!
//! The macros can be called with `( )`, `[ ]` or `{ }`. The parenthesised form is made of
//! valid Rust expressions (calls and assignments), so rustfmt formats it.
//!
//! ## Items
//!
//! Each item calls one method of an option group or of [`Section`]: items written without a
//! group are [`MainProcess`]'s (reached with [`Section::main_process`]; `main_process.owner(..)`
//! works too), `master_process.<item>` calls [`MasterProcess`] and `workers.<item>` calls
//! [`Workers`]. Parameters shown as `name = ..` are optional (except `target` of
//! `run_command_on_touch`) and are set through the params struct of the method
//! ([`OwnerParams`], [`BasicParams`], [`workers::BasicParams`], ...). `owner` also takes
//! `allow_root = true`, to accept running as root, and `allow_variable_ids = true`, to accept
//! owner values holding variables (which uWSGI expands when it starts, and the crate cannot
//! check); `master_process.basic` takes `allow_root = true` for `as_root = true`.
//!
//! `workers.mules(mules = ..)` takes a count (`2`) or scripts (`"a.py"`, `["a.py", "b.py"]`);
//! its farms ([`workers::MuleFarm`]) have no literal form: call
//! [`Workers::set_mules_params`], or write `option("farm", "name:1,2")`.
//! `workers.count_auto(0)` is one worker per CPU core (`workers = %k`, files only).
//!
//! | item | uwsgiconf method | uWSGI directives |
//! |---|---|---|
//! | `basic(touch_reload = .., priority = .., vacuum = .., binary_path = .., honour_stdin = ..)` | `MainProcess::set_basic_params` | `touch-reload`, `prio`, `vacuum`, `binary-path`, `honour-stdin` |
//! | `memory(ksm_interval = .., no_swap = ..)` | `MainProcess::set_memory_params` | `ksm`, `never-swap` |
//! | `daemonize(log_into, after_app_loading = ..)` | `MainProcess::daemonize` | `daemonize`, `daemonize2` |
//! | `change_dir(to, after_app_loading = ..)` | `MainProcess::change_dir` | `chdir`, `chdir2` |
//! | `owner(uid = .., gid = .., add_gids = .., set_asap = .., drop_after = .., allow_root = .., allow_variable_ids = ..)` | `MainProcess::set_owner_params` | `uid`, `immediate-uid`, `gid`, `immediate-gid`, `add-gid`, `drop-after-init`, `drop-after-apps` |
//! | `hook(phase, actions)` | `MainProcess::set_hook` | `hook-<phase>` |
//! | `hook_touch(fpath, actions)` | `MainProcess::set_hook_touch` | `hook-touch`, `master` |
//! | `hook_after_request(func)` | `MainProcess::set_hook_after_request` | `after-request-hook` |
//! | `on_exit(skip_hooks = .., skip_teardown = ..)` | `MainProcess::set_on_exit_params` | `skip-atexit`, `skip-atexit-teardown` |
//! | `run_command_on_event(command, phase = ..)` | `MainProcess::run_command_on_event` | `exec-<phase>` |
//! | `run_command_on_touch(command, target = ..)` | `MainProcess::run_command_on_touch` | `touch-exec` |
//! | `pid_file(fpath, before_priv_drop = .., safe = ..)` | `MainProcess::set_pid_file` | `pidfile`, `pidfile2`, `safe-pidfile`, `safe-pidfile2` |
//! | `naming(autonaming = .., prefix = .., suffix = .., name = ..)` | `MainProcess::set_naming_params` | `auto-procname`, `procname-prefix`, `procname-prefix-spaced`, `procname-append`, `procname` |
//! | `master_process.basic(enable = .., name = .., no_orphans = .., as_root = .., subproc_check_interval = .., fifo_file = .., allow_root = ..)` | `MasterProcess::set_basic_params` | `master`, `procname-master`, `no-orphans`, `master-as-root`, `check-interval`, `master-fifo` |
//! | `master_process.exit_events(no_workers = .., idle = .., reload = .., sig_term = ..)` | `MasterProcess::set_exit_events` | `die-on-no-workers`, `die-on-idle`, `exit-on-reload`, `die-on-term` |
//! | `master_process.exception_handling(handler = .., catch = .., no_write_exception = ..)` | `MasterProcess::set_exception_handling_params` | `exception-handler`, `catch-exceptions`, `disable-write-exception` |
//! | `master_process.idle(timeout = .., exit = ..)` | `MasterProcess::set_idle_params` | `idle`, `die-on-idle` |
//! | `master_process.reload(mercy = .., exit = ..)` | `MasterProcess::set_reload_params` | `reload-mercy`, `exit-on-reload` |
//! | `master_process.add_cron_task(command, weekday = .., month = .., day = .., hour = .., minute = .., legion = .., unique = .., harakiri = ..)` | `MasterProcess::add_cron_task` | `cron2` |
//! | `master_process.attach_process_classic(command_or_pid_path, background, control = .., for_legion = ..)` | `MasterProcess::attach_process_classic` | `attach-daemon`, `smart-attach-daemon`, `smart-attach-daemon2`, `attach-control-daemon`, `legion-attach-daemon`, `legion-smart-attach-daemon`, `legion-smart-attach-daemon2` |
//! | `master_process.attach_process(command, for_legion = .., broken_counter = .., pidfile = .., control = .., daemonize = .., touch_reload = .., signal_stop = .., signal_reload = .., honour_stdin = .., uid = .., gid = .., new_pid_ns = .., change_dir = ..)` | `MasterProcess::attach_process` | `attach-daemon2` |
//! | `workers.basic(count = .., touch_reload = .., touch_chain_reload = .., zombie_reaper = .., limit_addr_space = .., limit_count = .., cpu_affinity = ..)` | `Workers::set_basic_params` | `workers`, `touch-workers-reload`, `touch-chain-reload`, `reaper`, `limit-as`, `limit-nproc`, `cpu-affinity` |
//! | `workers.run_command_as_worker(command, after_post_fork_hook = ..)` | `Workers::run_command_as_worker` | `worker-exec`, `worker-exec2` |
//! | `workers.count_auto(count)` | `Workers::set_count_auto` | `workers` |
//! | `workers.thread(enable = .., count = .., count_offload = .., stack_size = .., no_wait = ..)` | `Workers::set_thread_params` | `enable-threads`, `threads`, `print`, `offload-threads`, `threads-stacksize`, `no-threads-wait` |
//! | `workers.mules(mules = .., touch_reload = .., harakiri_timeout = .., reload_mercy = .., msg_buffer = .., msg_buffer_recv = ..)` | `Workers::set_mules_params` | `mules`, `mule`, `touch-mules-reload`, `mule-harakiri`, `mule-reload-mercy`, `mule-msg-size`, `mule-msg-recv-size` |
//! | `workers.reload(min_lifetime = .., max_lifetime = .., max_requests = .., max_requests_delta = .., max_addr_space = .., max_rss = .., max_uss = .., max_pss = .., max_addr_space_forced = .., max_rss_forced = .., watch_interval_forced = .., mercy = ..)` | `Workers::set_reload_params` | `min-worker-lifetime`, `max-worker-lifetime`, `max-requests`, `max-requests-delta`, `reload-on-as`, `reload-on-rss`, `reload-on-uss`, `reload-on-pss`, `evil-reload-on-as`, `evil-reload-on-rss`, `mem-collector-freq`, `worker-reload-mercy` |
//! | `workers.reload_on_exception(do_reload = .., etype = .., evalue = .., erepr = ..)` | `Workers::set_reload_on_exception_params` | `reload-on-exception`, `reload-on-exception-type`, `reload-on-exception-value`, `reload-on-exception-repr` |
//! | `workers.harakiri(timeout = .., verbose = .., disable_for_arh = ..)` | `Workers::set_harakiri_params` | `harakiri`, `harakiri-verbose`, `harakiri-no-arh` |
//! | `workers.zerg_server(socket, clients_socket_pool = ..)` | `Workers::set_zerg_server_params` | `zerg-server`, `plugin`, `zergpool` |
//! | `workers.zerg_client(server_sockets, use_fallback_socket = ..)` | `Workers::set_zerg_client_params` | `zerg`, `zerg-fallback` |
//! | `empire.emperor(vassals_home = .., name = .., scan_interval = .., pid_file = .., spawn_asap = .., stats_address = .., trigger_socket = .., links_no_follow = ..)` | `Empire::set_emperor_params` | `emperor`, `emperor-procname`, `emperor-freq`, `emperor-pidfile`, `early-emperor`, `emperor-stats-server`, `emperor-trigger-socket`, `emperor-nofollow` |
//! | `empire.emperor_command(command_socket = .., wait_for_command = .., wait_for_command_exclude = ..)` | `Empire::set_emperor_command_params` | `emperor-command-socket`, `emperor-wait-for-command`, `emperor-wait-for-command-ignore` |
//! | `empire.vassals_wrapper(wrapper = .., overrides = .., fallbacks = ..)` | `Empire::set_vassals_wrapper_params` | `emperor-wrapper`, `emperor-wrapper-override`, `emperor-wrapper-fallback` |
//! | `empire.throttle(level = .., level_max = ..)` | `Empire::set_throttle_params` | `emperor-throttle`, `emperor-max-throttle` |
//! | `empire.tolerance(for_heartbeat = .., for_cursed_vassals = ..)` | `Empire::set_tolerance_params` | `emperor-required-heartbeat`, `emperor-curse-tolerance` |
//! | `empire.mode_tyrant(enable = .., links_no_follow = .., use_initgroups = ..)` | `Empire::set_mode_tyrant_params` | `emperor-tyrant`, `emperor-tyrant-nofollow`, `emperor-tyrant-initgroups` |
//! | `empire.mode_broodlord(zerg_count = .., vassal_overload_sos_interval = .., vassal_queue_items_sos = ..)` | `Empire::set_mode_broodlord_params` | `emperor-broodlord`, `vassal-sos`, `vassal-sos-backlog` |
//! | `option(key, value)` | `Section::add_option` | `<key>` |
//! | `target(version)` | `Section::set_target` | none (checks only) |
//! | `plugins(plugins = .., search_dirs = .., autoload = .., required = ..)` | `Section::set_plugins_params` | `plugin`, `need-plugin`, `plugins-dir`, `autoload` |
//! | `embedded_plugins(plugins)` | `Section::set_embedded_plugins` | none (checks only) |
//!
//! * `option(key, value)` writes any other uWSGI directive: the key is checked against
//!   uWSGI's option catalogue (`option("never_swap", true)` is refused: did you mean
//!   `never-swap`?), switches take `true`/`false`, other options a string or an integer.
//!   Repeating `option` with the same key writes the directive again (for options uWSGI
//!   repeats, such as `env`); a single-valued option set twice to different values is
//!   refused.
//! * `target("2.1")` checks against uWSGI 2.1 instead of 2.0 (the 2.1-only hook phases and
//!   options are then accepted).
//! * `owner(drop_after = init)` or `drop_after = apps` delays the privilege drop.
//!
//! ## Phases
//!
//! `hook(phase, ..)` and `run_command_on_event(.., phase = ..)` take uWSGI's phase name with
//! `-` written `_` (`asap`, `pre_jail`, `as_user`, `as_user_atexit`, `accepting1_once`,
//! `post_fork`...) or uwsgiconf's constant name (`ASAP`, `JAIL_PRE`, `PRIV_DROP_POST`,
//! `APP_LOAD_PRE`...): see [`Phase`]. Any other expression (`Phase::ASAP`, `{ phase }`) is a
//! [`Phase`] computed at run time.
//!
//! ## Actions
//!
//! Hook actions are written as the constructors of [`Action`], by name, with their
//! arguments in order and their flags as `name = value`; every action also takes
//! `private = true` (the hook's command is not logged). A raw uWSGI hook string
//! (`"mkdir:/run/app"`) works too, and its action name is checked. Several actions go in a
//! list: `hook(asap, [dir_create("/run/app"), "print:ready"])`.
//!
//! | action | uWSGI actions |
//! |---|---|
//! | `alarm(alarm, message)` | `alarm` |
//! | `call(target, honour_exit_status = .., arg_int = ..)` | `call`, `callret`, `callint`, `callintret` |
//! | `dir_change(dir)` | `cd`, `chdir` |
//! | `dir_create(dir)` | `mkdir` |
//! | `execute(command)` | `exec` |
//! | `exit([status_code])` | `exit` |
//! | `fifo_write(target, text, wait = ..)` | `writefifo`, `spinningfifo` |
//! | `file_create(path)` | `create`, `creat` |
//! | `file_write(target, text, append = .., newline = ..)` | `write`, `writen`, `append`, `appendn` |
//! | `mount(mountpoint, fs = .., src = .., flags = .., data = ..)` | `mount`, `umount` |
//! | `printout(text)` | `print`, `log` |
//! | `set_host_name(name)` | `hostname` |
//! | `unlink(path)` | `unlink` |
//! | `putenv(name, value)` | `putenv` |
//! | `chmod(path, mode)` | `chmod` |
//! | `sticky(path)` | `sticky` |
//! | `chown(path, user, group)` | `chown` |
//! | `chown2(path, uid, gid)` | `chown2` |
//! | `safe_execute(command)` | `safeexec` |
//! | `rpc(call)` | `rpc` |
//! | `retry_rpc(call)` | `retryrpc` |
//! | `wait_for_fs(path)` | `wait_for_fs` |
//! | `wait_for_file(path)` | `wait_for_file` |
//! | `wait_for_dir(path)` | `wait_for_dir` |
//! | `wait_for_socket(address)` | `wait_for_socket` |
//! | `unix_signal(signum, symbol)` | `unix_signal` |
//!
//! In an action position, `name(..)` always names an action. To call a Rust function that
//! returns actions, write a block (`{ my_actions() }`) or a path (`self::my_actions()`).
//!
//! ## Values
//!
//! * A literal (a string, an integer, `true`/`false`, or an array of literals) is checked at
//!   compile time.
//! * Any other Rust expression (a variable, `env!(..)`, a function call, a `Vec<Action>` or
//!   an iterator of actions) is evaluated at run time and checked when the section is
//!   rendered ([`Section::to_ini`] returns the problems). It must have the type the method
//!   takes: `impl Into<Value>` for text, `impl IntoValues` for lists, `bool`, `i32`/`u32`/`u64`
//!   for numbers, [`Phase`], [`DropAfter`], [`Target`], or [`IntoActions`]/an iterator of actions.
//!   Literal values next to it are still checked at compile time. A problem found when
//!   rendering names the item as written and where it is ([`Problem::origin`] is `owner` or
//!   `workers.harakiri`, [`Problem::location`] is `src/main.rs:12:9`), and problems come in
//!   the order of the items.
//! * Where a lone name is read as a phase or as `init`/`apps`, a Rust variable is written in
//!   braces: `hook({ phase }, ..)`.
//!
//! ```
//! # #[cfg(feature = "macros")] {
//! use uwsgiconf::{uwsgi_config, Action};
//!
//! let app_dir = String::from("/srv/app");
//! let extra = vec![Action::printout("ready")];
//! let section = uwsgi_config!(
//!     change_dir(app_dir.as_str()),
//!     hook(pre_app, [dir_create("/run/app"), extra]),
//!     hook(post_app, ["a", "b"].iter().map(|name| Action::printout(*name))),
//! );
//! assert_eq!(
//!     section.to_ini().unwrap(),
//!     "[uwsgi]\nchdir = /srv/app\nhook-pre-app = mkdir:/run/app\nhook-pre-app = print:ready\n\
//!      hook-post-app = print:a\nhook-post-app = print:b\n"
//! );
//! # }
//! ```
//!
//! ## What is checked at compile time
//!
//! Unknown items, parameters, phases and actions (with the closest names:
//! `set_owner_params` → `owner`, `JAIL_PER` → `JAIL_PRE`, `option("never_swap", ..)` →
//! `never-swap`); a value of the wrong type; a parameter given twice; `exec-` on a phase
//! that has none (use `hook(master_start, execute(..))`); a 2.1-only phase without
//! `target("2.1")`; a line break in a value; root as the user or a group without
//! `allow_root = true`; `option("set", "uid=root")` (`set` sets the option it names);
//! `uid` without `gid`; `add_gids` without `gid`; a path with a space where uWSGI splits
//! at spaces; `mount` with `fs` but no `src`; a `chmod` mode that is not three octal
//! digits; an after-request hook that is not a C symbol;
//! `master_process.basic(as_root = true)` without `allow_root = true`; a cron field that
//! never matches (`minute = 60`); a daemon `uid` without `gid`; a worker program with
//! arguments; options only uWSGI 2.1 has (`no_workers`, `max_uss`...) without
//! `target("2.1")`; and everything else the renderer refuses.
//!
//! ```compile_fail
//! let section = uwsgiconf::uwsgi_config!(owner(uid = "www-data"));
//! ```
//!
//! ```compile_fail
//! const INI: &str = uwsgiconf::uwsgi_ini!(change_dir(std::env!("HOME")));
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub use uwsgiconf_core::*;
#[cfg(feature = "deploy")]
#[cfg_attr(docsrs, doc(cfg(feature = "deploy")))]
#[doc(inline)]
pub use uwsgiconf_deploy as deploy;

/// The README's Rust examples, compiled and run as doctests so they stay true.
#[cfg(all(doctest, feature = "macros", feature = "deploy"))]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

/// Builds a [`Section`] from a declarative list of items, checked at compile time.
///
/// The items, their parameters, phases and actions are described in the
/// [crate documentation](crate#declarative-configuration-uwsgi_config-and-uwsgi_ini). The
/// result is the section that the same calls on [`Section`] and [`MainProcess`] build, one
/// call per item, in order.
///
/// ```
/// use uwsgiconf::{uwsgi_config, Action, OwnerParams, Phase, Section};
///
/// let section = uwsgi_config!(
///     owner(uid = "www-data", gid = "www-data"),
///     hook(asap, dir_create("/run/app")),
///     option("master", true),
/// );
///
/// let mut by_hand = Section::new();
/// by_hand
///     .main_process()
///     .set_owner_params(OwnerParams::new().uid("www-data").gid("www-data"));
/// by_hand.main_process().set_hook(Phase::ASAP, Action::dir_create("/run/app"));
/// by_hand.add_option("master", true);
///
/// assert_eq!(section, by_hand);
/// ```
#[cfg(feature = "macros")]
#[cfg_attr(docsrs, doc(cfg(feature = "macros")))]
#[macro_export]
macro_rules! uwsgi_config {
    ($($items:tt)*) => {
        $crate::__private::uwsgi_config_impl!(($crate) $($items)*)
    };
}

/// Renders a declarative list of items to INI text at compile time: a `&'static str`,
/// usable in a `const`.
///
/// It takes the same items as [`uwsgi_config!`] and equals
/// `uwsgi_config!(..).to_ini().unwrap()`; every value must be a literal (a run-time
/// expression is a compile error on that expression).
///
/// ```
/// const INI: &str = uwsgiconf::uwsgi_ini!(
///     pid_file("/run/app.pid"),
///     hook(asap, printout("100% ready")),
/// );
/// assert_eq!(INI, "[uwsgi]\npidfile = /run/app.pid\nhook-asap = print:100%%%% ready\n");
/// ```
#[cfg(feature = "macros")]
#[cfg_attr(docsrs, doc(cfg(feature = "macros")))]
#[macro_export]
macro_rules! uwsgi_ini {
    ($($items:tt)*) => {
        $crate::__private::uwsgi_ini_impl!(($crate) $($items)*)
    };
}

/// Renders a declarative list of items at compile time in a format named before `;`: `ini`,
/// `json`, `yaml` or `xml` give a `&'static str`, `env` a `&'static [(&str, &str)]` of
/// `UWSGI_*` variables. More formats after the first are checked too, so the section is
/// refused for anything one of them cannot carry.
///
/// It takes the same items as [`uwsgi_config!`] and equals
/// `uwsgi_config!(..).to_json().unwrap()` (for `json`); every value must be a literal.
///
/// ```
/// const JSON: &str = uwsgiconf::uwsgi_render!(json; option("procname", "two\nlines"));
/// assert_eq!(JSON, "{\n  \"uwsgi\": {\n    \"procname\": \"two\\nlines\"\n  }\n}\n");
///
/// // A line break is fine in JSON; for a section also written as INI it is refused:
/// // uwsgiconf::uwsgi_render!(json, ini; option("procname", "two\nlines")) does not compile.
/// ```
///
/// [`uwsgi_config!`] takes the same list after `for`, to check a section for the formats it
/// will be written in (INI when none is named): `uwsgi_config!(for json; ..)`.
#[cfg(feature = "macros")]
#[cfg_attr(docsrs, doc(cfg(feature = "macros")))]
#[macro_export]
macro_rules! uwsgi_render {
    ($($items:tt)*) => {
        $crate::__private::uwsgi_render_impl!(($crate) $($items)*)
    };
}

/// Not public API: what the macros' expansions name. It may change in any release.
#[doc(hidden)]
pub mod __private {
    pub use uwsgiconf_core::__private::*;
    #[cfg(feature = "macros")]
    pub use uwsgiconf_macros::{uwsgi_config_impl, uwsgi_ini_impl, uwsgi_render_impl};
}
