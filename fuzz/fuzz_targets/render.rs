//! Fuzz target `render`: a `Config` of one to several sections built from a structured
//! description (typed calls of every option group, raw options including `set`,
//! `set-placeholder`, config logic and repeatable options, values mixing hostile literal
//! text with `$(..)`, `@(..)`, `%(..)` and magic variables), rendered in every format.
//!
//! Oracle: no panic; every format that renders reads back (by the model of uWSGI) to the
//! same directives and values in the same order as every other (`uwsgiconf_fuzz::check_formats`);
//! and each tagged value (an entry of a list option) comes back exactly as given, as often as
//! its block runs it, in every format that rendered.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use uwsgiconf_core::master_process::{
    self, AttachProcessClassicParams, AttachProcessParams, CronTaskParams, ExceptionHandlingParams,
    ExitEventsParams, IdleParams,
};
use uwsgiconf_core::workers::{
    self, HarakiriParams, MuleFarm, MulesParams, ReloadOnExceptionParams, RunAsWorkerParams,
    ThreadParams, ZergClientParams, ZergServerParams,
};
use uwsgiconf_core::{
    options, Action, BasicParams, ChangeDirParams, Config, DaemonizeParams, DropAfter,
    MemoryParams, NamingParams, OnExitParams, OwnerParams, Phase, PidFileParams, RunOnEventParams,
    Section, Target, Value,
};
use uwsgiconf_fuzz::{check_formats, reads_another_config, Val, PLACEHOLDERS};

/// List options whose entries come back verbatim; no typed call writes them, so a tagged
/// entry read back is the fuzzer's own.
const TAGGED: [&str; 2] = ["env", "mime-file"];

/// Section names: plain, odd, and a duplicate of the first.
const NAMES: [&str; 6] = ["second", "app.3", "a:b", "a b", "uwsgi", "[x]"];

/// Words for config-logic arguments.
const WORDS: [&str; 5] = ["/", "PATH", "a b", "", "/nonexistent"];

#[derive(Arbitrary, Debug)]
enum Key {
    /// An option of the catalogue, by index.
    Known(u16),
    /// Any name.
    Other(String),
}

impl Key {
    /// The name; the tagged options are left to [`Op::Tagged`], which counts their entries,
    /// and options that read another config to the model's own includes.
    fn name(&self) -> String {
        let name = match self {
            Key::Known(i) => {
                let all = options::all();
                all[usize::from(*i) % all.len()].name().to_string()
            }
            Key::Other(name) => name.clone(),
        };
        if TAGGED.contains(&name.as_str()) || reads_another_config(&name) {
            "procname".to_string()
        } else {
            name
        }
    }
}

#[derive(Arbitrary, Debug)]
enum Block {
    IfEnv,
    IfNotEnv,
    IfExists,
    IfNotExists,
    IfOpt,
    For,
}

#[derive(Arbitrary, Debug)]
enum Close {
    End,
    Endif,
    Endfor,
    EndIf,
    EndFor,
}

#[derive(Arbitrary, Debug)]
enum Act {
    Raw(String),
    Print(Val),
    Exec(Val),
    Write(Val, Val, bool),
    Mkdir(Val),
    Exit(Option<u8>),
    Chown(Val, Val, Val),
    Putenv(Val, Val),
    Private(Box<Act>),
}

impl Act {
    fn action(&self) -> Action {
        match self {
            Act::Raw(raw) => Action::parse(raw),
            Act::Print(text) => Action::printout(text.value()),
            Act::Exec(command) => Action::execute(command.value()),
            Act::Write(path, text, newline) => Action::file_write(path.value(), text.value())
                .newline(*newline)
                .into(),
            Act::Mkdir(dir) => Action::dir_create(dir.value()),
            Act::Exit(code) => Action::exit(*code),
            Act::Chown(path, user, group) => {
                Action::chown(path.value(), user.value(), group.value())
            }
            Act::Putenv(name, value) => Action::putenv(name.value(), value.value()),
            Act::Private(inner) => inner.action().private(),
        }
    }
}

#[derive(Arbitrary, Debug)]
enum Op {
    // Raw options.
    Add(Key, Val),
    Set(Key, Val),
    Flag(Key, bool),
    Int(Key, i64),
    Tagged(u8, Val),
    Assign(Key, Val),
    DefinePlaceholder(u8, Val),
    Block(Block, u8, Vec<Op>, Close),
    Strict(bool),
    Target21,
    // Main process.
    Owner {
        uid: Option<Val>,
        gid: Option<Val>,
        uid_number: Option<u32>,
        add_gids: Vec<Val>,
        set_asap: bool,
        drop_after: Option<bool>,
        allow_root: bool,
        allow_variable_ids: bool,
    },
    PidFile(Val, bool, bool),
    ChangeDir(Val, bool),
    Daemonize(Val, bool),
    Basic {
        touch_reload: Vec<Val>,
        priority: Option<i32>,
        vacuum: Option<bool>,
        binary_path: Option<Val>,
        honour_stdin: Option<bool>,
    },
    Memory(Option<u32>, Option<bool>),
    Naming(Option<bool>, Option<Val>, Option<Val>, Option<Val>),
    OnExit(Option<bool>, Option<bool>),
    Hook(u8, Vec<Act>),
    HookTouch(Val, Vec<Act>),
    HookAfterRequest(Vec<Val>),
    RunOnEvent(Vec<Val>, u8),
    RunOnTouch(Vec<Val>, Val),
    // Master process.
    MasterBasic {
        enable: Option<bool>,
        name: Option<Val>,
        no_orphans: Option<bool>,
        as_root: Option<bool>,
        check_interval: Option<u32>,
        fifo: Vec<Val>,
        allow_root: bool,
    },
    ExitEvents(Option<bool>, Option<bool>, Option<bool>, Option<bool>),
    Exceptions(Vec<Val>, Option<bool>, Option<bool>),
    Idle(Option<u32>, Option<bool>),
    MasterReload(Option<u32>, Option<bool>),
    Cron {
        command: Val,
        fields: [Option<i32>; 5],
        legion: Option<Val>,
        unique: bool,
        harakiri: Option<u32>,
    },
    AttachClassic(Val, bool, bool, Option<Val>),
    Attach {
        command: Val,
        for_legion: Option<Val>,
        broken_counter: Option<u32>,
        pidfile: Option<Val>,
        switches: [bool; 4],
        touch_reload: Vec<Val>,
        signals: (Option<u32>, Option<u32>),
        ids: (Option<u32>, Option<u32>),
        change_dir: Option<Val>,
    },
    // Workers.
    WorkersBasic {
        count: Option<u32>,
        touch_reload: Vec<Val>,
        touch_chain_reload: Vec<Val>,
        zombie_reaper: Option<bool>,
        limits: [Option<u32>; 3],
    },
    CountAuto(Option<u32>),
    RunAsWorker(Val, bool),
    Thread(
        Option<bool>,
        Option<u32>,
        Option<u32>,
        Option<u32>,
        Option<bool>,
    ),
    Mules {
        count: Option<u32>,
        scripts: Vec<Val>,
        touch_reload: Vec<Val>,
        numbers: [Option<u32>; 4],
        farms: Vec<(String, Vec<u32>)>,
    },
    WorkersReload([Option<u64>; 4], [Option<u32>; 8]),
    ReloadOnException(Option<bool>, Vec<Val>, Vec<Val>, Vec<Val>),
    Harakiri(Option<u32>, Option<bool>, Option<bool>),
    ZergServer(Val, Vec<Val>),
    ZergClient(Vec<Val>, Option<bool>),
}

#[derive(Arbitrary, Debug)]
struct SectionPlan {
    name: u8,
    ops: Vec<Op>,
}

#[derive(Arbitrary, Debug)]
struct Plan {
    first: SectionPlan,
    others: Vec<SectionPlan>,
    autoinclude: bool,
}

/// A tagged entry: its option, the value uWSGI must read, and how often it runs.
struct Tag {
    key: &'static str,
    prefix: String,
    expected: Option<String>,
    times: usize,
}

fn values(list: &[Val]) -> Vec<Value> {
    list.iter().map(Val::value).collect()
}

fn apply(section: &mut Section, op: &Op, tags: &mut Vec<Tag>, times: usize) {
    match op {
        Op::Add(key, value) => {
            section.add_option(key.name().as_str(), value.value());
        }
        Op::Set(key, value) => {
            section.set_option(key.name().as_str(), value.value());
        }
        Op::Flag(key, on) => {
            section.set_option(key.name().as_str(), *on);
        }
        Op::Int(key, number) => {
            section.add_option(key.name().as_str(), *number);
        }
        Op::Tagged(key, value) => {
            let key = TAGGED[usize::from(*key) % TAGGED.len()];
            let prefix = format!("T{}:", tags.len());
            section.add_option(key, Value::literal(prefix.as_str()) + value.value());
            tags.push(Tag {
                key,
                expected: value.expected().map(|text| format!("{prefix}{text}")),
                prefix,
                times,
            });
        }
        Op::Assign(key, value) => {
            section.add_option(
                "set",
                Value::literal(format!("{}=", key.name())) + value.value(),
            );
        }
        Op::DefinePlaceholder(name, value) => {
            let name = PLACEHOLDERS[usize::from(*name) % PLACEHOLDERS.len()];
            section.add_option(
                "set-placeholder",
                Value::literal(format!("{name}=")) + value.value(),
            );
        }
        Op::Block(kind, word, body, close) => {
            let word = WORDS[usize::from(*word) % WORDS.len()];
            let (open, times) = match kind {
                Block::IfEnv => ("if-env", times),
                Block::IfNotEnv => ("if-not-env", times),
                Block::IfExists => ("if-exists", times),
                Block::IfNotExists => ("if-not-exists", times),
                Block::IfOpt => ("if-opt", times),
                Block::For => (
                    "for",
                    times * word.split(' ').filter(|w| !w.is_empty()).count(),
                ),
            };
            section.add_option(open, word);
            for op in body {
                apply(section, op, tags, times);
            }
            let close = match close {
                Close::End => "end",
                Close::Endif => "endif",
                Close::Endfor => "endfor",
                Close::EndIf => "end-if",
                Close::EndFor => "end-for",
            };
            section.add_option(close, true);
        }
        Op::Strict(on) => {
            section.set_strict(*on);
        }
        Op::Target21 => {
            section.set_target(Target::V2_1);
        }
        Op::Owner {
            uid,
            gid,
            uid_number,
            add_gids,
            set_asap,
            drop_after,
            allow_root,
            allow_variable_ids,
        } => {
            let mut params = OwnerParams::new()
                .add_gids(values(add_gids))
                .set_asap(*set_asap)
                .allow_root(*allow_root)
                .allow_variable_ids(*allow_variable_ids);
            if let Some(uid) = uid {
                params = params.uid(uid.value());
            }
            if let Some(number) = uid_number {
                params = params.uid(*number);
            }
            if let Some(gid) = gid {
                params = params.gid(gid.value());
            }
            if let Some(apps) = drop_after {
                params = params.drop_after(if *apps {
                    DropAfter::Apps
                } else {
                    DropAfter::Init
                });
            }
            section.main_process().set_owner_params(params);
        }
        Op::PidFile(path, before, safe) => {
            section.main_process().set_pid_file(
                path.value(),
                PidFileParams::new().before_priv_drop(*before).safe(*safe),
            );
        }
        Op::ChangeDir(to, after) => {
            section
                .main_process()
                .change_dir(to.value(), ChangeDirParams::new().after_app_loading(*after));
        }
        Op::Daemonize(log, after) => {
            section.main_process().daemonize(
                log.value(),
                DaemonizeParams::new().after_app_loading(*after),
            );
        }
        Op::Basic {
            touch_reload,
            priority,
            vacuum,
            binary_path,
            honour_stdin,
        } => {
            let mut params = BasicParams::new().touch_reload(values(touch_reload));
            if let Some(p) = priority {
                params = params.priority(*p);
            }
            if let Some(v) = vacuum {
                params = params.vacuum(*v);
            }
            if let Some(path) = binary_path {
                params = params.binary_path(path.value());
            }
            if let Some(h) = honour_stdin {
                params = params.honour_stdin(*h);
            }
            section.main_process().set_basic_params(params);
        }
        Op::Memory(ksm, no_swap) => {
            let mut params = MemoryParams::new();
            if let Some(k) = ksm {
                params = params.ksm_interval(*k);
            }
            if let Some(n) = no_swap {
                params = params.no_swap(*n);
            }
            section.main_process().set_memory_params(params);
        }
        Op::Naming(auto, prefix, suffix, name) => {
            let mut params = NamingParams::new();
            if let Some(a) = auto {
                params = params.autonaming(*a);
            }
            if let Some(p) = prefix {
                params = params.prefix(p.value());
            }
            if let Some(s) = suffix {
                params = params.suffix(s.value());
            }
            if let Some(n) = name {
                params = params.name(n.value());
            }
            section.main_process().set_naming_params(params);
        }
        Op::OnExit(hooks, teardown) => {
            let mut params = OnExitParams::new();
            if let Some(h) = hooks {
                params = params.skip_hooks(*h);
            }
            if let Some(t) = teardown {
                params = params.skip_teardown(*t);
            }
            section.main_process().set_on_exit_params(params);
        }
        Op::Hook(phase, actions) => {
            let phase = Phase::ALL[usize::from(*phase) % Phase::ALL.len()];
            let actions: Vec<Action> = actions.iter().map(Act::action).collect();
            section.main_process().set_hook(phase, actions);
        }
        Op::HookTouch(path, actions) => {
            let actions: Vec<Action> = actions.iter().map(Act::action).collect();
            section.main_process().set_hook_touch(path.value(), actions);
        }
        Op::HookAfterRequest(funcs) => {
            section.main_process().set_hook_after_request(values(funcs));
        }
        Op::RunOnEvent(commands, phase) => {
            let phase = Phase::ALL[usize::from(*phase) % Phase::ALL.len()];
            section
                .main_process()
                .run_command_on_event(values(commands), RunOnEventParams::new().phase(phase));
        }
        Op::RunOnTouch(commands, target) => {
            section
                .main_process()
                .run_command_on_touch(values(commands), target.value());
        }
        Op::MasterBasic {
            enable,
            name,
            no_orphans,
            as_root,
            check_interval,
            fifo,
            allow_root,
        } => {
            let mut params = master_process::BasicParams::new()
                .fifo_file(values(fifo))
                .allow_root(*allow_root);
            if let Some(e) = enable {
                params = params.enable(*e);
            }
            if let Some(n) = name {
                params = params.name(n.value());
            }
            if let Some(n) = no_orphans {
                params = params.no_orphans(*n);
            }
            if let Some(r) = as_root {
                params = params.as_root(*r);
            }
            if let Some(i) = check_interval {
                params = params.subproc_check_interval(*i);
            }
            section.master_process().set_basic_params(params);
        }
        Op::ExitEvents(no_workers, idle, reload, sig_term) => {
            let mut params = ExitEventsParams::new();
            if let Some(v) = no_workers {
                params = params.no_workers(*v);
            }
            if let Some(v) = idle {
                params = params.idle(*v);
            }
            if let Some(v) = reload {
                params = params.reload(*v);
            }
            if let Some(v) = sig_term {
                params = params.sig_term(*v);
            }
            section.master_process().set_exit_events(params);
        }
        Op::Exceptions(handlers, catch, no_write) => {
            let mut params = ExceptionHandlingParams::new().handler(values(handlers));
            if let Some(v) = catch {
                params = params.catch(*v);
            }
            if let Some(v) = no_write {
                params = params.no_write_exception(*v);
            }
            section
                .master_process()
                .set_exception_handling_params(params);
        }
        Op::Idle(timeout, exit) => {
            let mut params = IdleParams::new();
            if let Some(v) = timeout {
                params = params.timeout(*v);
            }
            if let Some(v) = exit {
                params = params.exit(*v);
            }
            section.master_process().set_idle_params(params);
        }
        Op::MasterReload(mercy, exit) => {
            let mut params = master_process::ReloadParams::new();
            if let Some(v) = mercy {
                params = params.mercy(*v);
            }
            if let Some(v) = exit {
                params = params.exit(*v);
            }
            section.master_process().set_reload_params(params);
        }
        Op::Cron {
            command,
            fields,
            legion,
            unique,
            harakiri,
        } => {
            let mut params = CronTaskParams::new().unique(*unique);
            let [weekday, month, day, hour, minute] = *fields;
            if let Some(v) = weekday {
                params = params.weekday(v);
            }
            if let Some(v) = month {
                params = params.month(v);
            }
            if let Some(v) = day {
                params = params.day(v);
            }
            if let Some(v) = hour {
                params = params.hour(v);
            }
            if let Some(v) = minute {
                params = params.minute(v);
            }
            if let Some(l) = legion {
                params = params.legion(l.value());
            }
            if let Some(h) = harakiri {
                params = params.harakiri(*h);
            }
            section
                .master_process()
                .add_cron_task(command.value(), params);
        }
        Op::AttachClassic(command, background, control, legion) => {
            let mut params = AttachProcessClassicParams::new().control(*control);
            if let Some(l) = legion {
                params = params.for_legion(l.value());
            }
            section
                .master_process()
                .attach_process_classic(command.value(), *background, params);
        }
        Op::Attach {
            command,
            for_legion,
            broken_counter,
            pidfile,
            switches,
            touch_reload,
            signals,
            ids,
            change_dir,
        } => {
            let [control, daemonize, honour_stdin, new_pid_ns] = *switches;
            let mut params = AttachProcessParams::new()
                .control(control)
                .daemonize(daemonize)
                .honour_stdin(honour_stdin)
                .new_pid_ns(new_pid_ns)
                .touch_reload(values(touch_reload));
            if let Some(l) = for_legion {
                params = params.for_legion(l.value());
            }
            if let Some(b) = broken_counter {
                params = params.broken_counter(*b);
            }
            if let Some(p) = pidfile {
                params = params.pidfile(p.value());
            }
            if let Some(s) = signals.0 {
                params = params.signal_stop(s);
            }
            if let Some(s) = signals.1 {
                params = params.signal_reload(s);
            }
            if let Some(u) = ids.0 {
                params = params.uid(u);
            }
            if let Some(g) = ids.1 {
                params = params.gid(g);
            }
            if let Some(d) = change_dir {
                params = params.change_dir(d.value());
            }
            section
                .master_process()
                .attach_process(command.value(), params);
        }
        Op::WorkersBasic {
            count,
            touch_reload,
            touch_chain_reload,
            zombie_reaper,
            limits,
        } => {
            let mut params = workers::BasicParams::new()
                .touch_reload(values(touch_reload))
                .touch_chain_reload(values(touch_chain_reload));
            if let Some(c) = count {
                params = params.count(*c);
            }
            if let Some(z) = zombie_reaper {
                params = params.zombie_reaper(*z);
            }
            let [addr_space, nproc, cpu] = *limits;
            if let Some(v) = addr_space {
                params = params.limit_addr_space(v);
            }
            if let Some(v) = nproc {
                params = params.limit_count(v);
            }
            if let Some(v) = cpu {
                params = params.cpu_affinity(v);
            }
            section.workers().set_basic_params(params);
        }
        Op::CountAuto(count) => {
            section.workers().set_count_auto(*count);
        }
        Op::RunAsWorker(command, after) => {
            section.workers().run_command_as_worker(
                command.value(),
                RunAsWorkerParams::new().after_post_fork_hook(*after),
            );
        }
        Op::Thread(enable, count, offload, stack, no_wait) => {
            let mut params = ThreadParams::new();
            if let Some(v) = enable {
                params = params.enable(*v);
            }
            if let Some(v) = count {
                params = params.count(*v);
            }
            if let Some(v) = offload {
                params = params.count_offload(*v);
            }
            if let Some(v) = stack {
                params = params.stack_size(*v);
            }
            if let Some(v) = no_wait {
                params = params.no_wait(*v);
            }
            section.workers().set_thread_params(params);
        }
        Op::Mules {
            count,
            scripts,
            touch_reload,
            numbers,
            farms,
        } => {
            let mut params = MulesParams::new().touch_reload(values(touch_reload));
            match count {
                Some(n) => params = params.mules(*n),
                None => {
                    if let Some(first) = scripts.first() {
                        params = params.mules(first.value());
                    }
                }
            }
            let [harakiri, mercy, buffer, buffer_recv] = *numbers;
            if let Some(v) = harakiri {
                params = params.harakiri_timeout(v);
            }
            if let Some(v) = mercy {
                params = params.reload_mercy(v);
            }
            if let Some(v) = buffer {
                params = params.msg_buffer(v);
            }
            if let Some(v) = buffer_recv {
                params = params.msg_buffer_recv(v);
            }
            let farms: Vec<MuleFarm> = farms
                .iter()
                .map(|(name, numbers)| match numbers.as_slice() {
                    // Counts up to what Linux runs are listed number by number: small ones
                    // keep the runs fast; larger ones are refused unlisted.
                    [count] if *count <= 4_194_304 => MuleFarm::new(name.as_str(), count % 64),
                    [count] => MuleFarm::new(name.as_str(), *count),
                    list => MuleFarm::new(name.as_str(), list.to_vec()),
                })
                .collect();
            params = params.farms(farms);
            section.workers().set_mules_params(params);
        }
        Op::WorkersReload(lifetimes, memory) => {
            let mut params = workers::ReloadParams::new();
            let [min, max, requests, delta] = *lifetimes;
            if let Some(v) = min {
                params = params.min_lifetime(v);
            }
            if let Some(v) = max {
                params = params.max_lifetime(v);
            }
            if let Some(v) = requests {
                params = params.max_requests(v);
            }
            if let Some(v) = delta {
                params = params.max_requests_delta(v);
            }
            let [addr, rss, uss, pss, addr_forced, rss_forced, watch, mercy] = *memory;
            if let Some(v) = addr {
                params = params.max_addr_space(v);
            }
            if let Some(v) = rss {
                params = params.max_rss(v);
            }
            if let Some(v) = uss {
                params = params.max_uss(v);
            }
            if let Some(v) = pss {
                params = params.max_pss(v);
            }
            if let Some(v) = addr_forced {
                params = params.max_addr_space_forced(v);
            }
            if let Some(v) = rss_forced {
                params = params.max_rss_forced(v);
            }
            if let Some(v) = watch {
                params = params.watch_interval_forced(v);
            }
            if let Some(v) = mercy {
                params = params.mercy(v);
            }
            section.workers().set_reload_params(params);
        }
        Op::ReloadOnException(reload, etype, evalue, erepr) => {
            let mut params = ReloadOnExceptionParams::new()
                .etype(values(etype))
                .evalue(values(evalue))
                .erepr(values(erepr));
            if let Some(v) = reload {
                params = params.do_reload(*v);
            }
            section.workers().set_reload_on_exception_params(params);
        }
        Op::Harakiri(timeout, verbose, no_arh) => {
            let mut params = HarakiriParams::new();
            if let Some(v) = timeout {
                params = params.timeout(*v);
            }
            if let Some(v) = verbose {
                params = params.verbose(*v);
            }
            if let Some(v) = no_arh {
                params = params.disable_for_arh(*v);
            }
            section.workers().set_harakiri_params(params);
        }
        Op::ZergServer(socket, pool) => {
            section.workers().set_zerg_server_params(
                socket.value(),
                ZergServerParams::new().clients_socket_pool(values(pool)),
            );
        }
        Op::ZergClient(sockets, fallback) => {
            let mut params = ZergClientParams::new();
            if let Some(v) = fallback {
                params = params.use_fallback_socket(*v);
            }
            section
                .workers()
                .set_zerg_client_params(values(sockets), params);
        }
    }
}

fn build(plan: &SectionPlan, name: Option<&str>, tags: &mut Vec<Tag>) -> Section {
    let mut section = match name {
        Some(name) => Section::named(name),
        None => Section::new(),
    };
    for op in &plan.ops {
        apply(&mut section, op, tags, 1);
    }
    section
}

fuzz_target!(|plan: Plan| {
    let mut tags = Vec::new();
    let mut config = Config::new();
    config.add_section(build(&plan.first, None, &mut tags));
    // Only the first section's tags are checked: the others are read only by name.
    let checked = tags.len();
    for other in plan.others.iter().take(3) {
        let name = NAMES[usize::from(other.name) % NAMES.len()];
        config.add_section(build(other, Some(name), &mut tags));
    }
    config.autoinclude(plan.autoinclude);
    for (format, sections) in check_formats(&config) {
        let Some((_, read)) = sections.first() else {
            continue;
        };
        for tag in &tags[..checked] {
            let found: Vec<&String> = read
                .iter()
                .filter(|(key, value)| key == tag.key && value.starts_with(&tag.prefix))
                .map(|(_, value)| value)
                .collect();
            assert_eq!(
                found.len(),
                tag.times,
                "{format:?}: tagged entry {} read back {} times, not {}: {read:#?}",
                tag.prefix,
                found.len(),
                tag.times
            );
            if let Some(expected) = &tag.expected {
                for value in found {
                    assert_eq!(value, expected, "{format:?}: {read:#?}");
                }
            }
        }
    }
});
