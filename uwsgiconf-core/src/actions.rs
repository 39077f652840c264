//! Hook actions: what a `hook-<phase>` line does (`mkdir:/run/app`, `exec:...`, `print:...`).
//!
//! Constructors are named as uwsgiconf's actions (`dir_create`, `file_write`...), plus the
//! actions uWSGI has and uwsgiconf lacks (`putenv`, `chmod`, `wait_for_socket`...). Actions
//! with flags return a small builder ([`Call`], [`FileWrite`], [`FifoWrite`], [`Mount`]) that
//! converts into an [`Action`].

use std::fmt;

use crate::dsl::{ActionSpec, Kind, Param, Shape, PRIVATE, U32, U8};
use crate::error::{Blame, Problem, ProblemKind};
use crate::few::Few;
use crate::value::{IntoValues, Part, Value};

/// The actions uWSGI registers in its core (`uwsgi_register_base_hooks`), identical in 2.0.21,
/// 2.0.31 and 2.1. Aliases are listed separately.
pub const UWSGI_ACTIONS: [&str; 40] = [
    "cd",
    "chdir",
    "mkdir",
    "putenv",
    "chmod",
    "chown",
    "chown2",
    "sticky",
    "exec",
    "safeexec",
    "create",
    "creat",
    "write",
    "writen",
    "append",
    "appendn",
    "writefifo",
    "spinningfifo",
    "unlink",
    "mount",
    "umount",
    "call",
    "callret",
    "callint",
    "callintret",
    "hostname",
    "alarm",
    "rpc",
    "retryrpc",
    "wait_for_fs",
    "wait_for_file",
    "wait_for_dir",
    "wait_for_socket",
    "unix_signal",
    "exit",
    "print",
    "log",
    // Not callable by these names, but kept so the list covers the core table.
    "ffi",
    "tcc",
    "perl",
];

/// The plugin-provided entries of [`UWSGI_ACTIONS`]: no Debian `uwsgi-core` build has them.
const PLUGIN_ACTIONS: [&str; 3] = ["ffi", "tcc", "perl"];

/// Mount and unmount flags uWSGI knows (`core/mount.c`); any other flag makes it exit.
pub const MOUNT_FLAGS: [&str; 19] = [
    "bind",
    "dirsync",
    "mandlock",
    "move",
    "noatime",
    "nodev",
    "noexec",
    "rdonly",
    "readonly",
    "ro",
    "remount",
    "nosuid",
    "sync",
    "force",
    "detach",
    "rec",
    "recursive",
    "private",
    "shared",
];

/// How an argument is written and checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// A word uWSGI finds by splitting at spaces (a path, a name): no space allowed.
    Word,
    /// The rest of the line, verbatim.
    Text,
    /// The rest of the line, verbatim, and not empty (a path, a command).
    RequiredText,
    /// The rest of the line, used by uWSGI as a printf format: `%` is doubled.
    PrintfText,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Arg {
    param: &'static str,
    role: Role,
    value: Value,
}

/// A hook action, ready to be attached to a phase with
/// [`MainProcess::set_hook`](crate::MainProcess::set_hook).
///
/// ```
/// use uwsgiconf_core::Action;
///
/// assert_eq!(Action::dir_create("/run/app").to_string(), "mkdir:/run/app");
/// assert_eq!(Action::file_write("/run/ok", "1").newline(true).to_string(), "writen:/run/ok 1");
/// assert_eq!(Action::exit(5).to_string(), "exit:05"); // uWSGI ignores one-digit codes
/// assert_eq!(Action::printout("50%").to_string(), "print:50%%"); // printf format
/// assert_eq!(Action::execute("id").private().to_string(), "!exec:id");
/// assert_eq!(Action::parse("mkdir:/x"), Action::dir_create("/x"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    name: &'static str,
    args: Few<Arg>,
    private: bool,
    problems: Vec<Problem>,
}

impl Action {
    fn new(name: &'static str) -> Action {
        Action {
            name,
            args: Few::None,
            private: false,
            problems: Vec::new(),
        }
    }

    fn arg(mut self, param: &'static str, role: Role, value: impl Into<Value>) -> Action {
        self.args.push(Arg {
            param,
            role,
            value: value.into(),
        });
        self
    }

    fn word(self, param: &'static str, value: impl Into<Value>) -> Action {
        self.arg(param, Role::Word, value)
    }

    fn required(self, param: &'static str, value: impl Into<Value>) -> Action {
        self.arg(param, Role::RequiredText, value)
    }

    fn text(self, param: &'static str, value: impl Into<Value>) -> Action {
        self.arg(param, Role::Text, value)
    }

    /// Records a problem about argument `param`.
    fn problem(
        mut self,
        kind: ProblemKind,
        param: &'static str,
        value: &str,
        message: String,
        fix: &str,
    ) -> Action {
        self.problems.push(
            Problem::new(kind, format!("action `{}`", self.name), message)
                .with_value(value)
                .with_fix(fix)
                .with_blame(Blame::param(param)),
        );
        self
    }

    /// `alarm:<alarm> <message>`: raises an alarm defined with the `alarm` option.
    pub fn alarm(alarm: impl Into<Value>, message: impl Into<Value>) -> Action {
        Action::new("alarm")
            .word("alarm", alarm)
            .text("message", message)
    }

    /// `call:<symbol>[ <arg>]`: calls a C function; see [`Call`] for the variants.
    pub fn call(target: impl Into<Value>) -> Call {
        Call {
            target: target.into(),
            honour_exit_status: false,
            arg_int: false,
        }
    }

    /// `cd:<dir>`: changes the working directory.
    pub fn dir_change(dir: impl Into<Value>) -> Action {
        Action::new("cd").required("target_dir", dir)
    }

    /// `mkdir:<dir>`: creates a directory (not recursive; fails if it exists).
    pub fn dir_create(dir: impl Into<Value>) -> Action {
        Action::new("mkdir").required("target_dir", dir)
    }

    /// `exec:<command>`: runs a shell command; a non-zero exit status is a failure.
    pub fn execute(command: impl Into<Value>) -> Action {
        Action::new("exec").required("command", command)
    }

    /// `safeexec:<command>`: runs a shell command, never failing.
    pub fn safe_execute(command: impl Into<Value>) -> Action {
        Action::new("safeexec").required("command", command)
    }

    /// `exit[:code]`: exits uWSGI. Codes 1 to 9 are written `exit:0N`, because uWSGI ignores
    /// a one-character code and exits 0.
    pub fn exit(status_code: impl Into<Option<u8>>) -> Action {
        let code = match status_code.into() {
            None => String::new(),
            Some(code @ 1..=9) => format!("0{code}"),
            Some(code) => code.to_string(),
        };
        Action::new("exit").text("status_code", code)
    }

    /// `writefifo:<fifo> <text>`; see [`FifoWrite`] to wait for a reader.
    pub fn fifo_write(target: impl Into<Value>, text: impl Into<Value>) -> FifoWrite {
        FifoWrite {
            target: target.into(),
            text: text.into(),
            wait: false,
        }
    }

    /// `create:<file>`: creates (truncates) a file.
    pub fn file_create(path: impl Into<Value>) -> Action {
        Action::new("create").required("fpath", path)
    }

    /// `write:<file> <text>`; see [`FileWrite`] to append or add a newline.
    pub fn file_write(target: impl Into<Value>, text: impl Into<Value>) -> FileWrite {
        FileWrite {
            target: target.into(),
            text: text.into(),
            append: false,
            newline: false,
        }
    }

    /// `mount:<fs> <src> <mountpoint>[ <flags>[ <data>]]`, or `umount:<mountpoint>[ <flags>]`
    /// when no file system is given; see [`Mount`].
    pub fn mount(mountpoint: impl Into<Value>) -> Mount {
        Mount {
            mountpoint: mountpoint.into(),
            fs: None,
            src: None,
            flags: Vec::new(),
            data: None,
        }
    }

    /// `print:<text>`: logs a line (the text is written so that `%` prints as is).
    ///
    /// uWSGI uses the text as a printf format: a `%` in it that is not doubled reads
    /// arguments that are not there (`%s%n` makes uWSGI crash). Literal text is doubled;
    /// a variable (`Value::env`, `Value::file`, `Value::placeholder`, or a magic variable
    /// whose value may hold `%`, such as a path or a name) cannot be, and is refused when
    /// rendering. Magic variables of a fixed form (`%k`, `%V`...) are fine.
    pub fn printout(text: impl Into<Value>) -> Action {
        Action::new("print").arg("text", Role::PrintfText, text)
    }

    /// `hostname:<name>`: sets the host name.
    pub fn set_host_name(name: impl Into<Value>) -> Action {
        Action::new("hostname").required("name", name)
    }

    /// `unlink:<file>`: removes a file (fails if missing).
    pub fn unlink(path: impl Into<Value>) -> Action {
        Action::new("unlink").required("target", path)
    }

    /// `putenv:<name>=<value>`: sets an environment variable.
    pub fn putenv(name: impl Into<Value>, value: impl Into<Value>) -> Action {
        let name = name.into();
        let mut action = Action::new("putenv");
        if let Some(text) = name.as_literal() {
            if text.is_empty() || text.contains('=') {
                action = action.problem(
                    ProblemKind::InvalidValue,
                    "name",
                    text,
                    "an environment variable name must be non-empty and without `=`".into(),
                    "",
                );
            }
        }
        action.text("assignment", name.then("=").then(value))
    }

    /// `chmod:<path> <mode>`: changes a file's mode. The mode is three octal digits
    /// (`"755"`, or `"0755"`), or a number such as `0o755`.
    pub fn chmod(path: impl Into<Value>, mode: impl Into<Mode>) -> Action {
        let mode = mode.into();
        let action = Action::new("chmod").word("path", path);
        match mode.check() {
            Ok(text) => action.text("mode", text),
            Err(message) => action
                .problem(
                    ProblemKind::BadMode,
                    "mode",
                    &mode.shown(),
                    message,
                    "write the mode as three octal digits, such as \"755\" or 0o755",
                )
                .text("mode", mode.shown()),
        }
    }

    /// `sticky:<path>`: sets the sticky bit.
    pub fn sticky(path: impl Into<Value>) -> Action {
        Action::new("sticky").required("path", path)
    }

    /// `chown:<path> <user> <group>`: changes owner by *names* (uWSGI resolves only names).
    pub fn chown(
        path: impl Into<Value>,
        user: impl Into<Value>,
        group: impl Into<Value>,
    ) -> Action {
        Action::new("chown")
            .word("path", path)
            .word("user", user)
            .word("group", group)
    }

    /// `chown2:<path> <uid> <gid>`: changes owner by numeric ids.
    pub fn chown2(path: impl Into<Value>, uid: u32, gid: u32) -> Action {
        Action::new("chown2")
            .word("path", path)
            .word("uid", uid)
            .word("gid", gid)
    }

    /// `rpc:<func>[@<node>] [args...]`: calls an RPC function.
    pub fn rpc(call: impl Into<Value>) -> Action {
        Action::new("rpc").required("call", call)
    }

    /// `retryrpc:...`: like [`Action::rpc`], retrying every 2 s until it answers.
    pub fn retry_rpc(call: impl Into<Value>) -> Action {
        Action::new("retryrpc").required("call", call)
    }

    /// `wait_for_fs:<path>`: waits for a file or directory to appear.
    pub fn wait_for_fs(path: impl Into<Value>) -> Action {
        Action::new("wait_for_fs").required("path", path)
    }

    /// `wait_for_file:<path>`: waits for a regular file to appear.
    pub fn wait_for_file(path: impl Into<Value>) -> Action {
        Action::new("wait_for_file").required("path", path)
    }

    /// `wait_for_dir:<path>`: waits for a directory to appear.
    pub fn wait_for_dir(path: impl Into<Value>) -> Action {
        Action::new("wait_for_dir").required("path", path)
    }

    /// `wait_for_socket:<address>`: waits until a socket accepts connections.
    pub fn wait_for_socket(address: impl Into<Value>) -> Action {
        Action::new("wait_for_socket").required("address", address)
    }

    /// `unix_signal:<signum> <symbol>`: installs a C function as a signal handler.
    pub fn unix_signal(signum: u8, symbol: impl Into<Value>) -> Action {
        let symbol = symbol.into();
        let mut action = Action::new("unix_signal").word("signum", signum);
        if let Some(text) = symbol.as_literal() {
            if !is_c_symbol(text) {
                action = action.problem(
                    ProblemKind::NotASymbol,
                    "symbol",
                    text,
                    "uWSGI looks the handler up with dlsym(), so it must be a C symbol".into(),
                    "give a C function name such as `my_handler`",
                );
            }
        }
        action.text("symbol", symbol)
    }

    /// Makes the hook private: its command is not shown in the log (`!exec:...`).
    pub fn private(mut self) -> Action {
        self.private = true;
        self
    }

    /// uWSGI's action name (`mkdir`), without the `!` of private hooks.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Whether the hook is private.
    pub fn is_private(&self) -> bool {
        self.private
    }

    /// Reads a raw `name:args` hook string, as written in a uWSGI config.
    ///
    /// Known actions become the same typed action their constructor makes, so every check
    /// applies (and `exit:5` is fixed to `exit:05`, `print` text is escaped for printf). An
    /// unknown name, or arguments the action cannot take, are reported when rendering.
    ///
    /// ```
    /// use uwsgiconf_core::Action;
    ///
    /// assert_eq!(Action::parse("writen:/f hello world"), Action::file_write("/f", "hello world").newline(true).into());
    /// assert_eq!(Action::parse("!exit:5").to_string(), "!exit:05");
    /// assert!(!Action::parse("mkdri:/x").problems().is_empty());
    /// ```
    pub fn parse(raw: &str) -> Action {
        crate::actions::parse::parse(raw)
    }

    /// Problems found when the action was built (bad mode, unknown name...).
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// The hook value, as uWSGI must read it (`!` + `name:` + arguments), plus every problem
    /// of the action. Escaping for the file format is the renderer's job.
    pub(crate) fn to_value(&self) -> (Value, Vec<Problem>) {
        let mut problems = self.problems.clone();
        // Written straight into one value, its text sized once: no value or string is made
        // per piece.
        let args_len: usize = (self.args.as_slice().iter())
            .map(|arg| 1 + arg.value.literals().map(str::len).sum::<usize>())
            .sum();
        // Room for a few `%` that printf text doubles, which would otherwise grow the string.
        let mut head = String::with_capacity(2 + self.name.len() + args_len + 8);
        if self.private {
            head.push('!');
        }
        head.push_str(self.name);
        head.push(':');
        let mut value = Value::literal(head);
        for (index, arg) in self.args.as_slice().iter().enumerate() {
            if index > 0 {
                value.push_str(" ");
            }
            problems.extend(check_arg(self.name, arg));
            match arg.role {
                Role::PrintfText => value.push_mapped(&arg.value, crate::format::double_percent),
                Role::Word | Role::Text | Role::RequiredText => value.push_ref(&arg.value),
            }
        }
        (value, problems)
    }

    /// [`Action::to_value`] for an action given away: the text of a single literal argument
    /// becomes the value, its head written in front (in place when the string has room, as
    /// a formatted string mostly has), rather than copied into a new string.
    pub(crate) fn into_value(mut self) -> (Value, Vec<Problem>) {
        let arg = match std::mem::take(&mut self.args) {
            Few::One(arg) => arg,
            other => {
                self.args = other;
                return self.to_value();
            }
        };
        let problem = check_arg(self.name, &arg);
        let Arg { param, role, value } = arg;
        let mut text = match value.into_literal() {
            Ok(text) => text,
            Err(value) => {
                self.args = Few::One(Arg { param, role, value });
                return self.to_value();
            }
        };
        // printf prints `%%` as `%`: each `%` of printf text is doubled, in place too.
        let percents = match role {
            Role::PrintfText => text.bytes().filter(|&byte| byte == b'%').count(),
            Role::Word | Role::Text | Role::RequiredText => 0,
        };
        let head = usize::from(self.private) + self.name.len() + 1;
        // At most one reallocation, for the head and the doubled `%`.
        text.reserve(head + percents);
        text.insert_str(0, self.name);
        text.insert(self.name.len(), ':');
        if self.private {
            text.insert(0, '!');
        }
        let mut from = head;
        for _ in 0..percents {
            let Some(offset) = text[from..].find('%') else {
                break;
            };
            text.insert(from + offset, '%');
            from += offset + 2;
        }
        let mut problems = self.problems;
        problems.extend(problem);
        (Value::literal(text), problems)
    }
}

/// The problem of an argument's value, by its role.
fn check_arg(action: &str, arg: &Arg) -> Option<Problem> {
    match arg.role {
        Role::Word => check_word(action, arg.param, &arg.value),
        Role::RequiredText => check_required(action, arg.param, &arg.value),
        Role::PrintfText => check_printf(action, arg.param, &arg.value),
        Role::Text => None,
    }
}

/// A word uWSGI splits on spaces cannot hold one, nor be empty.
fn check_word(action: &str, param: &'static str, value: &Value) -> Option<Problem> {
    if value.literal_contains(' ') {
        return Some(
            Problem::new(
                ProblemKind::SpaceInPath,
                format!("action `{action}`"),
                format!("`{param}` contains a space, but uWSGI splits the arguments of `{action}` at spaces"),
            )
            .with_value(value.to_string())
            .with_fix("use a path without spaces (a symlink can help)")
            .with_blame(Blame::param(param)),
        );
    }
    check_required(action, param, value)
}

/// A path or command uWSGI would fail on (or do nothing with) when empty.
fn check_required(action: &str, param: &'static str, value: &Value) -> Option<Problem> {
    value.is_empty().then(|| {
        Problem::new(
            ProblemKind::EmptyValue,
            format!("action `{action}`"),
            format!("`{param}` is empty"),
        )
        .with_fix(format!("give `{param}` a value"))
        .with_blame(Blame::param(param))
    })
}

/// printf text cannot hold a variable: its value is only known when uWSGI runs, so its `%`
/// cannot be doubled (`%s%n` in an environment variable crashed uWSGI 2.0.21).
fn check_printf(action: &str, param: &'static str, value: &Value) -> Option<Problem> {
    let variable = value.parts().iter().any(|part| match part {
        Part::Literal(_) => false,
        Part::Magic(var) => !var.has_fixed_form(),
        Part::Env(_) | Part::File(_) | Part::Placeholder(_) => true,
    });
    variable.then(|| {
        Problem::new(
            ProblemKind::MisplacedVariable,
            format!("action `{action}`"),
            format!(
                "`{param}` holds a variable, but uWSGI uses the text of `{action}` as a printf \
                 format: a `%` in the variable's value would read arguments that do not exist \
                 (and can crash uWSGI)"
            ),
        )
        .with_value(value.to_string())
        .with_fix("print literal text only")
        .with_blame(Blame::param(param))
    })
}

/// Whether `text` is a C identifier, as `dlsym()` needs.
pub(crate) fn is_c_symbol(text: &str) -> bool {
    let mut chars = text.chars();
    matches!(chars.next(), Some(c) if c == '_' || c.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
}

impl fmt::Display for Action {
    /// Shows the hook as uWSGI must read it, before any file-format escaping.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.to_value().0.fmt(f)
    }
}

/// A file mode for [`Action::chmod`]: a string of octal digits or a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// As written (`"755"`).
    Text(String),
    /// The permission bits (`0o755`).
    Bits(u32),
}

impl Mode {
    fn shown(&self) -> String {
        match self {
            Mode::Text(text) => text.clone(),
            Mode::Bits(bits) => format!("0o{bits:o}"),
        }
    }

    /// uWSGI reads exactly three octal digits (four with a leading `0`): anything else is
    /// silently misread (`0o755` becomes 7775).
    fn check(&self) -> Result<String, String> {
        match self {
            Mode::Bits(bits) if *bits <= 0o777 => Ok(format!("{bits:03o}")),
            Mode::Bits(_) => Err("uWSGI can only set the permission bits (at most 0o777)".into()),
            Mode::Text(text) => {
                let digits = match text.len() {
                    4 if text.starts_with('0') => &text[1..],
                    _ => text.as_str(),
                };
                if digits.len() == 3 && digits.bytes().all(|b| (b'0'..=b'7').contains(&b)) {
                    Ok(digits.to_string())
                } else {
                    Err("uWSGI reads a mode as exactly three octal digits".into())
                }
            }
        }
    }
}

impl From<&str> for Mode {
    fn from(text: &str) -> Mode {
        Mode::Text(text.to_string())
    }
}

impl From<String> for Mode {
    fn from(text: String) -> Mode {
        Mode::Text(text)
    }
}

impl From<u32> for Mode {
    fn from(bits: u32) -> Mode {
        Mode::Bits(bits)
    }
}

/// `call`, `callret`, `callint` or `callintret`, made by [`Action::call`].
///
/// ```
/// use uwsgiconf_core::Action;
///
/// let action = Action::call("my_init 3").arg_int(true).honour_exit_status(true);
/// assert_eq!(action.to_string(), "callintret:my_init 3");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use = "a builder does nothing until it is used as an action"]
pub struct Call {
    target: Value,
    honour_exit_status: bool,
    arg_int: bool,
}

impl Call {
    /// Treat a non-zero return value as a failure (`callret`).
    pub fn honour_exit_status(mut self, yes: bool) -> Call {
        self.honour_exit_status = yes;
        self
    }

    /// Pass the argument as an integer (`callint`).
    pub fn arg_int(mut self, yes: bool) -> Call {
        self.arg_int = yes;
        self
    }

    /// Makes the hook private.
    pub fn private(self) -> Action {
        Action::from(self).private()
    }
}

impl From<Call> for Action {
    fn from(call: Call) -> Action {
        let name = match (call.arg_int, call.honour_exit_status) {
            (false, false) => "call",
            (false, true) => "callret",
            (true, false) => "callint",
            (true, true) => "callintret",
        };
        let mut action = Action::new(name);
        if let Some(text) = call.target.as_literal() {
            let (symbol, arg) = match text.split_once(' ') {
                Some((symbol, arg)) => (symbol, Some(arg)),
                None => (text, None),
            };
            if !is_c_symbol(symbol) {
                action = action.problem(
                    ProblemKind::NotASymbol,
                    "target",
                    text,
                    format!("`{symbol}` is not a C symbol; uWSGI looks it up with dlsym()"),
                    "start with the function name, then a space and its argument",
                );
            }
            if let (true, Some(arg)) = (call.arg_int, arg) {
                if arg.trim().parse::<i64>().is_err() {
                    action = action.problem(
                        ProblemKind::InvalidValue,
                        "target",
                        text,
                        format!("`{arg}` is not an integer, but arg_int passes it through atoi()"),
                        "give a number, or drop arg_int",
                    );
                }
            }
        }
        action.text("target", call.target)
    }
}

/// `write`, `writen`, `append` or `appendn`, made by [`Action::file_write`].
///
/// ```
/// use uwsgiconf_core::Action;
///
/// let action = Action::file_write("/run/log", "started").append(true).newline(true);
/// assert_eq!(action.to_string(), "appendn:/run/log started");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use = "a builder does nothing until it is used as an action"]
pub struct FileWrite {
    target: Value,
    text: Value,
    append: bool,
    newline: bool,
}

impl FileWrite {
    /// Append instead of truncating.
    pub fn append(mut self, yes: bool) -> FileWrite {
        self.append = yes;
        self
    }

    /// Add a newline after the text.
    pub fn newline(mut self, yes: bool) -> FileWrite {
        self.newline = yes;
        self
    }

    /// Makes the hook private.
    pub fn private(self) -> Action {
        Action::from(self).private()
    }
}

impl From<FileWrite> for Action {
    fn from(write: FileWrite) -> Action {
        let name = match (write.append, write.newline) {
            (false, false) => "write",
            (false, true) => "writen",
            (true, false) => "append",
            (true, true) => "appendn",
        };
        let action = Action::new(name).word("target", write.target);
        if name == "appendn" && write.text.is_empty() {
            // `appendn:<file>` appends just a newline; a trailing space could not be
            // written in INI.
            return action;
        }
        action.text("text", write.text)
    }
}

/// `writefifo` or `spinningfifo`, made by [`Action::fifo_write`].
///
/// ```
/// use uwsgiconf_core::Action;
///
/// assert_eq!(Action::fifo_write("/run/fifo", "r").wait(true).to_string(), "spinningfifo:/run/fifo r");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use = "a builder does nothing until it is used as an action"]
pub struct FifoWrite {
    target: Value,
    text: Value,
    wait: bool,
}

impl FifoWrite {
    /// Retry every second until the fifo exists and has a reader (`spinningfifo`).
    pub fn wait(mut self, yes: bool) -> FifoWrite {
        self.wait = yes;
        self
    }

    /// Makes the hook private.
    pub fn private(self) -> Action {
        Action::from(self).private()
    }
}

impl From<FifoWrite> for Action {
    fn from(write: FifoWrite) -> Action {
        Action::new(if write.wait {
            "spinningfifo"
        } else {
            "writefifo"
        })
        .word("target", write.target)
        .text("text", write.text)
    }
}

/// `mount` or `umount`, made by [`Action::mount`].
///
/// uWSGI reads `mount:<fs> <src> <mountpoint>[ <flags>[ <data>]]` (`core/mount.c`): the
/// data, everything after the flags, is the file system's own options, handed to `mount(2)`
/// as given (`size=64m,mode=755` for tmpfs). Data without flags is written after an empty
/// flags word (two spaces), which uWSGI reads as no flag.
///
/// ```
/// use uwsgiconf_core::Action;
///
/// let mount = Action::mount("/proc").fs("proc").src("none").flags(["nodev", "nosuid"]);
/// assert_eq!(mount.to_string(), "mount:proc none /proc nodev,nosuid");
/// let tmpfs = Action::mount("/run/app").fs("tmpfs").src("none").flags("nodev").data("size=1m");
/// assert_eq!(tmpfs.to_string(), "mount:tmpfs none /run/app nodev size=1m");
/// let no_flags = Action::mount("/run/app").fs("tmpfs").src("none").data("size=1m");
/// assert_eq!(no_flags.to_string(), "mount:tmpfs none /run/app  size=1m");
/// assert_eq!(Action::mount("/proc").flags("detach").to_string(), "umount:/proc detach");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use = "a builder does nothing until it is used as an action"]
pub struct Mount {
    mountpoint: Value,
    fs: Option<Value>,
    src: Option<Value>,
    flags: Vec<Value>,
    data: Option<Value>,
}

impl Mount {
    /// The file system type (`proc`, `tmpfs`, ...); without it the action unmounts.
    pub fn fs(mut self, fs: impl Into<Value>) -> Mount {
        self.fs = Some(fs.into());
        self
    }

    /// The source device (`none` for virtual file systems); required with `fs`.
    pub fn src(mut self, src: impl Into<Value>) -> Mount {
        self.src = Some(src.into());
        self
    }

    /// Mount flags (`ro`, `bind`, `rec`, ...; `detach`, `force` to unmount).
    pub fn flags(mut self, flags: impl IntoValues) -> Mount {
        self.flags = flags.into_values();
        self
    }

    /// The file system's options, passed to `mount(2)` as its data (`size=64m,mode=755` for
    /// tmpfs); only a mount takes them. Empty data is not written.
    pub fn data(mut self, data: impl Into<Value>) -> Mount {
        self.data = Some(data.into());
        self
    }

    /// Makes the hook private.
    pub fn private(self) -> Action {
        Action::from(self).private()
    }
}

impl From<Mount> for Action {
    fn from(mount: Mount) -> Action {
        let mut action = match (mount.fs, mount.src) {
            (Some(fs), Some(src)) => Action::new("mount").word("fs", fs).word("src", src),
            (Some(fs), None) => Action::new("mount")
                .problem(
                    ProblemKind::MountWithoutSource,
                    "fs",
                    &fs.to_string(),
                    "mount needs a source: uWSGI reads `fs src mountpoint`".into(),
                    "add src (use \"none\" for virtual file systems such as proc or tmpfs)",
                )
                .word("fs", fs),
            (None, Some(src)) => Action::new("umount").problem(
                ProblemKind::MountWithoutSource,
                "src",
                &src.to_string(),
                "a source without a file system would unmount".into(),
                "add fs to mount, or drop src to unmount",
            ),
            (None, None) => Action::new("umount"),
        };
        action = action.word("mountpoint", mount.mountpoint);
        let data = mount.data.filter(|data| !data.is_empty());
        if let (Some(data), "umount") = (&data, action.name) {
            action = action.problem(
                ProblemKind::InvalidValue,
                "data",
                &data.to_string(),
                "only a mount takes data: uWSGI reads `umount:<mountpoint>[ <flags>]`".into(),
                "add fs and src to mount, or drop data",
            );
        }
        if !mount.flags.is_empty() {
            // A flag may also be given as uWSGI writes them, comma-separated ("ro,nodev").
            let literal_flags = mount
                .flags
                .iter()
                .enumerate()
                .filter_map(|(index, flag)| Some((index, flag.as_literal()?)))
                .flat_map(|(index, text)| text.split(',').map(move |text| (index, text)));
            for (index, text) in literal_flags {
                if !MOUNT_FLAGS.contains(&text) {
                    let hint = crate::suggest::closest(text, MOUNT_FLAGS);
                    action.problems.push(
                        Problem::new(
                            ProblemKind::UnknownMountFlag,
                            format!("action `{}`", action.name),
                            "uWSGI exits on an unknown mount flag",
                        )
                        .with_value(text)
                        .with_fix(crate::suggest::did_you_mean(&hint))
                        .with_blame(Blame::param("flags").at_entry(index)),
                    );
                }
            }
            let mut joined = Value::default();
            for (index, flag) in mount.flags.into_iter().enumerate() {
                if index > 0 {
                    joined.push_str(",");
                }
                joined.push(flag);
            }
            action = action.word("flags", joined);
        } else if data.is_some() && action.name == "mount" {
            // uWSGI reads an empty flags word as no flag.
            action = action.text("flags", Value::default());
        }
        match data {
            Some(data) if action.name == "mount" => action.text("data", data),
            _ => action,
        }
    }
}

impl From<&str> for Action {
    fn from(raw: &str) -> Action {
        Action::parse(raw)
    }
}

impl From<String> for Action {
    fn from(raw: String) -> Action {
        Action::parse(&raw)
    }
}

impl From<&String> for Action {
    fn from(raw: &String) -> Action {
        Action::parse(raw)
    }
}

impl From<&Action> for Action {
    fn from(action: &Action) -> Action {
        action.clone()
    }
}

/// One action or several: an [`Action`], a builder, a raw `"name:args"` string, or an array,
/// `Vec` or `Option` of them.
///
/// ```
/// use uwsgiconf_core::{Action, IntoActions};
///
/// assert_eq!(Action::printout("x").into_actions().len(), 1);
/// assert_eq!(["print:a", "print:b"].into_actions().len(), 2);
/// assert_eq!(vec![Action::printout("a"), Action::file_create("/f")].into_actions().len(), 2);
/// assert_eq!(None::<Action>.into_actions().len(), 0);
/// ```
pub trait IntoActions {
    /// The actions, in order.
    fn into_actions(self) -> Vec<Action>;

    /// Gives each action to `f`, in order: a single action without the vector of
    /// [`IntoActions::into_actions`].
    #[doc(hidden)]
    fn for_each_action(self, f: &mut dyn FnMut(Action))
    where
        Self: Sized,
    {
        self.into_actions().into_iter().for_each(f);
    }
}

macro_rules! single_action {
    ($($ty:ty),*) => {$(
        impl IntoActions for $ty {
            fn into_actions(self) -> Vec<Action> {
                vec![Action::from(self)]
            }

            fn for_each_action(self, f: &mut dyn FnMut(Action)) {
                f(Action::from(self));
            }
        }
    )*};
}

single_action!(Action, &Action, Call, FileWrite, FifoWrite, Mount, &str, String, &String);

impl<T: Into<Action>> IntoActions for Vec<T> {
    fn into_actions(self) -> Vec<Action> {
        self.into_iter().map(Into::into).collect()
    }
}

impl<T: Into<Action>, const N: usize> IntoActions for [T; N] {
    fn into_actions(self) -> Vec<Action> {
        self.into_iter().map(Into::into).collect()
    }
}

impl<T: Into<Action>> IntoActions for Option<T> {
    fn into_actions(self) -> Vec<Action> {
        self.into_iter().map(Into::into).collect()
    }
}

impl<T> IntoActions for &[T]
where
    for<'a> &'a T: Into<Action>,
{
    fn into_actions(self) -> Vec<Action> {
        self.iter().map(Into::into).collect()
    }
}

pub(crate) mod parse {
    //! Raw `name:args` strings into typed actions.

    use super::*;

    fn split_word(args: &str) -> (&str, &str) {
        args.split_once(' ').unwrap_or((args, ""))
    }

    /// An action uWSGI does not have: rendering it reports the problem.
    pub(crate) fn unknown(name: &str, raw: &str, message: String, fix: String) -> Action {
        let mut action = Action::new("unknown");
        action.problems.push(
            Problem::new(ProblemKind::UnknownName, "raw action", message)
                .with_value(raw)
                .with_fix(fix),
        );
        action.args.push(Arg {
            param: "raw",
            role: Role::Text,
            value: Value::literal(name),
        });
        action
    }

    pub(crate) fn parse(raw: &str) -> Action {
        let (private, body) = match raw.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, raw),
        };
        let Some((name, args)) = body.split_once(':') else {
            return unknown(
                body,
                raw,
                "a hook action is written `name:args`, and this has no `:`".into(),
                "write it as `name:args`, e.g. `print:hello`".into(),
            );
        };
        let action = match name {
            "cd" | "chdir" => Action::dir_change(args).renamed(name),
            "mkdir" => Action::dir_create(args),
            "putenv" => match args.split_once('=') {
                Some((key, value)) => Action::putenv(key, value),
                None => Action::putenv(args, "").with_problem(
                    ProblemKind::InvalidValue,
                    raw,
                    "putenv needs `NAME=value`",
                ),
            },
            "chmod" => {
                let (path, mode) = split_word(args);
                Action::chmod(path, mode)
            }
            "chown" => {
                let (path, rest) = split_word(args);
                let (user, group) = split_word(rest);
                Action::chown(path, user, group)
            }
            "chown2" => {
                let (path, rest) = split_word(args);
                let (uid, gid) = split_word(rest);
                match (uid.parse(), gid.parse()) {
                    (Ok(uid), Ok(gid)) => Action::chown2(path, uid, gid),
                    _ => Action::new("chown2").text("args", args).with_problem(
                        ProblemKind::InvalidValue,
                        raw,
                        "chown2 takes numeric ids: `path uid gid`",
                    ),
                }
            }
            "sticky" => Action::sticky(args),
            "exec" => Action::execute(args),
            "safeexec" => Action::safe_execute(args),
            "create" | "creat" => Action::file_create(args).renamed(name),
            "write" | "writen" | "append" | "appendn" => {
                let (target, text) = split_word(args);
                Action::file_write(target, text)
                    .append(name.starts_with("append"))
                    .newline(name.ends_with('n'))
                    .into()
            }
            "writefifo" | "spinningfifo" => {
                let (target, text) = split_word(args);
                Action::fifo_write(target, text)
                    .wait(name == "spinningfifo")
                    .into()
            }
            "unlink" => Action::unlink(args),
            "mount" => {
                // As uWSGI splits it: three words, then optional flags, then the data (the
                // rest of the line, spaces included).
                let words: Vec<&str> = args.splitn(5, ' ').collect();
                match words.as_slice() {
                    [fs, src, mountpoint, rest @ ..] => {
                        let mut mount = Action::mount(*mountpoint).fs(*fs).src(*src);
                        if let Some(flags) = rest.first().filter(|flags| !flags.is_empty()) {
                            mount = mount.flags(flags.split(',').collect::<Vec<_>>());
                        }
                        if let Some(data) = rest.get(1) {
                            mount = mount.data(*data);
                        }
                        mount.into()
                    }
                    _ => Action::new("mount").text("args", args).with_problem(
                        ProblemKind::MountWithoutSource,
                        raw,
                        "mount takes `fs src mountpoint[ flags[ data]]`",
                    ),
                }
            }
            "umount" => {
                let (mountpoint, flags) = split_word(args);
                let mount = Action::mount(mountpoint);
                if flags.is_empty() {
                    mount.into()
                } else {
                    mount.flags(flags.split(',').collect::<Vec<_>>()).into()
                }
            }
            "call" | "callret" | "callint" | "callintret" => Action::call(args)
                .honour_exit_status(name.ends_with("ret"))
                .arg_int(name.starts_with("callint"))
                .into(),
            "hostname" => Action::set_host_name(args),
            "alarm" => {
                let (alarm, message) = split_word(args);
                Action::alarm(alarm, message)
            }
            "rpc" => Action::rpc(args),
            "retryrpc" => Action::retry_rpc(args),
            "wait_for_fs" => Action::wait_for_fs(args),
            "wait_for_file" => Action::wait_for_file(args),
            "wait_for_dir" => Action::wait_for_dir(args),
            "wait_for_socket" => Action::wait_for_socket(args),
            "unix_signal" => {
                let (signum, symbol) = split_word(args);
                match signum.parse() {
                    Ok(signum) => Action::unix_signal(signum, symbol),
                    Err(_) => Action::new("unix_signal").text("args", args).with_problem(
                        ProblemKind::InvalidValue,
                        raw,
                        "unix_signal takes `signum symbol` with a numeric signal",
                    ),
                }
            }
            "exit" if args.is_empty() => Action::exit(None),
            "exit" => match args.parse::<u8>() {
                Ok(code) => Action::exit(code),
                Err(_) => Action::exit(None).with_problem(
                    ProblemKind::InvalidValue,
                    raw,
                    "the exit code must be a number from 0 to 255",
                ),
            },
            "print" | "log" => Action::printout(args).renamed(name),
            other if PLUGIN_ACTIONS.contains(&other) => unknown(
                other,
                raw,
                format!("action `{other}` comes from a plugin that uWSGI's core build lacks"),
                "use a core action such as exec or call".into(),
            ),
            other => unknown(
                other,
                raw,
                format!("unknown hook action `{other}`; uWSGI would exit when the phase runs"),
                crate::suggest::did_you_mean(&crate::suggest::closest(
                    other,
                    UWSGI_ACTIONS.iter().copied(),
                )),
            ),
        };
        if private {
            action.private()
        } else {
            action
        }
    }

    impl Action {
        /// Keeps the alias the user wrote (`chdir` for `cd`, `log` for `print`).
        fn renamed(mut self, name: &str) -> Action {
            if let Some(alias) = UWSGI_ACTIONS.iter().find(|known| **known == name) {
                self.name = alias;
            }
            self
        }

        fn with_problem(mut self, kind: ProblemKind, raw: &str, message: &str) -> Action {
            self.problems.push(
                Problem::new(kind, "raw action", message)
                    .with_value(raw)
                    .with_fix("see the action's syntax in the uWSGI hook documentation"),
            );
            self
        }
    }
}

// ---- the actions in the macro language ----

macro_rules! action {
    ($name:literal, [$($uwsgi:literal),*], [$($param:expr),* $(,)?], $build:expr) => {
        ActionSpec {
            name: $name,
            uwsgi: &[$($uwsgi),*],
            params: &[$($param,)* PRIVATE],
            build: $build,
        }
    };
}

const fn text_arg(name: &'static str) -> Param {
    Param::arg(name, Kind::Text, &[])
}

const fn flag_arg(name: &'static str) -> Param {
    Param::setter(name, Kind::Bool, &[])
}

/// Every hook action constructor in the macro language, by name (uwsgiconf's names, plus the
/// actions uWSGI has and uwsgiconf lacks), each with the constructor call it stands for.
pub const ACTIONS: &[ActionSpec] = &[
    action!(
        "alarm",
        ["alarm"],
        [text_arg("alarm"), text_arg("message")],
        |a| Action::alarm(a.text("alarm"), a.text("message"))
    ),
    action!(
        "call",
        ["call", "callret", "callint", "callintret"],
        [
            text_arg("target"),
            flag_arg("honour_exit_status"),
            flag_arg("arg_int")
        ],
        |a| Action::call(a.text("target"))
            .honour_exit_status(a.flag("honour_exit_status"))
            .arg_int(a.flag("arg_int"))
            .into()
    ),
    action!("dir_change", ["cd", "chdir"], [text_arg("dir")], |a| {
        Action::dir_change(a.text("dir"))
    }),
    action!("dir_create", ["mkdir"], [text_arg("dir")], |a| {
        Action::dir_create(a.text("dir"))
    }),
    action!("execute", ["exec"], [text_arg("command")], |a| {
        Action::execute(a.text("command"))
    }),
    action!(
        "exit",
        ["exit"],
        [Param {
            required: false,
            ..Param::arg("status_code", Kind::ExitCode, &[])
        }],
        |a| Action::exit(a.get::<u8>("status_code"))
    ),
    action!(
        "fifo_write",
        ["writefifo", "spinningfifo"],
        [text_arg("target"), text_arg("text"), flag_arg("wait")],
        |a| Action::fifo_write(a.text("target"), a.text("text"))
            .wait(a.flag("wait"))
            .into()
    ),
    action!(
        "file_create",
        ["create", "creat"],
        [text_arg("path")],
        |a| { Action::file_create(a.text("path")) }
    ),
    action!(
        "file_write",
        ["write", "writen", "append", "appendn"],
        [
            text_arg("target"),
            text_arg("text"),
            flag_arg("append"),
            flag_arg("newline")
        ],
        |a| Action::file_write(a.text("target"), a.text("text"))
            .append(a.flag("append"))
            .newline(a.flag("newline"))
            .into()
    ),
    action!(
        "mount",
        ["mount", "umount"],
        [
            text_arg("mountpoint"),
            Param::setter("fs", Kind::Text, &[]),
            Param::setter("src", Kind::Text, &[]),
            Param::setter("flags", Kind::Values, &[]),
            Param::setter("data", Kind::Text, &[]),
        ],
        |a| {
            let mut mount = Action::mount(a.text("mountpoint"));
            if let Some(fs) = a.get::<Value>("fs") {
                mount = mount.fs(fs);
            }
            if let Some(src) = a.get::<Value>("src") {
                mount = mount.src(src);
            }
            if let Some(flags) = a.get::<Vec<Value>>("flags") {
                mount = mount.flags(flags);
            }
            if let Some(data) = a.get::<Value>("data") {
                mount = mount.data(data);
            }
            mount.into()
        }
    ),
    action!("printout", ["print", "log"], [text_arg("text")], |a| {
        Action::printout(a.text("text"))
    }),
    action!("set_host_name", ["hostname"], [text_arg("name")], |a| {
        Action::set_host_name(a.text("name"))
    }),
    action!("unlink", ["unlink"], [text_arg("path")], |a| {
        Action::unlink(a.text("path"))
    }),
    action!(
        "putenv",
        ["putenv"],
        [text_arg("name"), text_arg("value")],
        |a| Action::putenv(a.text("name"), a.text("value"))
    ),
    action!(
        "chmod",
        ["chmod"],
        [text_arg("path"), Param::arg("mode", Kind::Mode, &[])],
        |a| match a.val("mode") {
            Some(Shape::Int(value)) => {
                Action::chmod(a.text("path"), u32::try_from(value).unwrap_or(0o755))
            }
            Some(Shape::Str(mode)) => Action::chmod(a.text("path"), mode),
            _ => Action::chmod(a.text("path"), "755"),
        }
    ),
    action!("sticky", ["sticky"], [text_arg("path")], |a| {
        Action::sticky(a.text("path"))
    }),
    action!(
        "chown",
        ["chown"],
        [text_arg("path"), text_arg("user"), text_arg("group")],
        |a| Action::chown(a.text("path"), a.text("user"), a.text("group"))
    ),
    action!(
        "chown2",
        ["chown2"],
        [
            text_arg("path"),
            Param::arg("uid", U32, &[]),
            Param::arg("gid", U32, &[])
        ],
        |a| Action::chown2(
            a.text("path"),
            a.get("uid").unwrap_or(1),
            a.get("gid").unwrap_or(1)
        )
    ),
    action!("safe_execute", ["safeexec"], [text_arg("command")], |a| {
        Action::safe_execute(a.text("command"))
    }),
    action!("rpc", ["rpc"], [text_arg("call")], |a| Action::rpc(
        a.text("call")
    )),
    action!("retry_rpc", ["retryrpc"], [text_arg("call")], |a| {
        Action::retry_rpc(a.text("call"))
    }),
    action!("wait_for_fs", ["wait_for_fs"], [text_arg("path")], |a| {
        Action::wait_for_fs(a.text("path"))
    }),
    action!(
        "wait_for_file",
        ["wait_for_file"],
        [text_arg("path")],
        |a| { Action::wait_for_file(a.text("path")) }
    ),
    action!("wait_for_dir", ["wait_for_dir"], [text_arg("path")], |a| {
        Action::wait_for_dir(a.text("path"))
    }),
    action!(
        "wait_for_socket",
        ["wait_for_socket"],
        [text_arg("address")],
        |a| Action::wait_for_socket(a.text("address"))
    ),
    action!(
        "unix_signal",
        ["unix_signal"],
        [Param::arg("signum", U8, &[]), text_arg("symbol")],
        |a| Action::unix_signal(a.get("signum").unwrap_or(1), a.text("symbol"))
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(action: impl Into<Action>) -> String {
        action.into().to_string()
    }

    #[test]
    fn an_action_given_away_has_the_value_and_problems_of_one_lent() {
        let mut actions = vec![
            Action::printout("50% done"),
            Action::printout("plain"),
            Action::printout("5% %% private").private(),
            Action::printout(Value::env("X")),
            Action::dir_create("/srv/x"),
            Action::dir_create(""),
            Action::dir_create(Value::from("/a/") + Value::env("X")),
            Action::execute("echo 1").private(),
            Action::chown("/run/app", "www-data", "www-data"),
            Action::file_write("/run/f", "x").newline(true).into(),
            Action::exit(5),
            Action::exit(None),
            Action::putenv("A", "1"),
            Action::parse("mkdir:/x y"),
            Action::parse("nope:x"),
        ];
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let lossy = std::path::Path::new(std::ffi::OsStr::from_bytes(b"/tmp/\xff"));
            actions.push(Action::dir_create(lossy));
        }
        for action in actions {
            let lent = action.to_value();
            let given = action.clone().into_value();
            assert_eq!(given.0, lent.0, "{action:?}");
            assert_eq!(given.1, lent.1, "{action:?}");
        }
    }

    #[test]
    fn uwsgiconf_actions_render_as_uwsgiconf() {
        assert_eq!(
            shown(Action::mount("/proc").fs("proc").src("none")),
            "mount:proc none /proc"
        );
        assert_eq!(
            shown(Action::mount("/proc").fs("proc").src("none").flags("ro")),
            "mount:proc none /proc ro"
        );
        assert_eq!(shown(Action::mount("/proc")), "umount:/proc");
        assert_eq!(
            shown(Action::mount("/proc").flags(["rec", "detach"])),
            "umount:/proc rec,detach"
        );
        assert_eq!(
            shown(Action::mount("/proc").flags(Vec::<&str>::new())),
            "umount:/proc"
        );
        assert_eq!(
            shown(Action::execute("cat /proc/self/mounts")),
            "exec:cat /proc/self/mounts"
        );
        assert_eq!(
            shown(Action::call("uwsgi_log loaded")),
            "call:uwsgi_log loaded"
        );
        assert_eq!(
            shown(Action::call("exit 3").arg_int(true)),
            "callint:exit 3"
        );
        assert_eq!(
            shown(Action::call("some").honour_exit_status(true)),
            "callret:some"
        );
        assert_eq!(shown(Action::dir_change("/here")), "cd:/here");
        assert_eq!(
            shown(Action::dir_create("/here/there")),
            "mkdir:/here/there"
        );
        assert_eq!(
            shown(Action::file_create("/here/a.txt")),
            "create:/here/a.txt"
        );
        assert_eq!(shown(Action::exit(None)), "exit:");
        assert_eq!(shown(Action::exit(0)), "exit:0");
        assert_eq!(shown(Action::exit(3)), "exit:03");
        assert_eq!(shown(Action::exit(10)), "exit:10");
        assert_eq!(shown(Action::printout("")), "print:");
        assert_eq!(shown(Action::set_host_name("newname")), "hostname:newname");
        assert_eq!(shown(Action::alarm("myal", "bang")), "alarm:myal bang");
        assert_eq!(shown(Action::file_write("/a", "t")), "write:/a t");
        assert_eq!(
            shown(Action::file_write("/a", "t").append(true)),
            "append:/a t"
        );
        assert_eq!(shown(Action::fifo_write("/f", "r")), "writefifo:/f r");
        assert_eq!(shown(Action::unlink("/here/d")), "unlink:/here/d");
    }

    #[test]
    fn new_actions_render() {
        assert_eq!(shown(Action::putenv("A", "1")), "putenv:A=1");
        assert_eq!(shown(Action::chmod("/x", "755")), "chmod:/x 755");
        assert_eq!(shown(Action::chmod("/x", "0750")), "chmod:/x 750");
        assert_eq!(shown(Action::chmod("/x", 0o640)), "chmod:/x 640");
        assert_eq!(shown(Action::sticky("/x")), "sticky:/x");
        assert_eq!(shown(Action::chown("/x", "www", "www")), "chown:/x www www");
        assert_eq!(shown(Action::chown2("/x", 33, 33)), "chown2:/x 33 33");
        assert_eq!(shown(Action::safe_execute("true")), "safeexec:true");
        assert_eq!(
            shown(Action::rpc("hello@127.0.0.1:3031 a")),
            "rpc:hello@127.0.0.1:3031 a"
        );
        assert_eq!(shown(Action::retry_rpc("hello")), "retryrpc:hello");
        assert_eq!(shown(Action::wait_for_fs("/x")), "wait_for_fs:/x");
        assert_eq!(shown(Action::wait_for_file("/x")), "wait_for_file:/x");
        assert_eq!(shown(Action::wait_for_dir("/x")), "wait_for_dir:/x");
        assert_eq!(
            shown(Action::wait_for_socket("127.0.0.1:80")),
            "wait_for_socket:127.0.0.1:80"
        );
        assert_eq!(
            shown(Action::unix_signal(10, "handler")),
            "unix_signal:10 handler"
        );
    }

    #[test]
    fn bad_arguments_are_problems() {
        let kind = |a: Action| a.to_value().1.iter().map(|p| p.kind()).collect::<Vec<_>>();
        assert_eq!(kind(Action::chmod("/x", "0o755")), [ProblemKind::BadMode]);
        assert_eq!(kind(Action::chmod("/x", 0o4755)), [ProblemKind::BadMode]);
        assert_eq!(
            kind(Action::chmod("/a b", "755")),
            [ProblemKind::SpaceInPath]
        );
        assert_eq!(
            kind(Action::mount("/p").fs("proc").into()),
            [ProblemKind::MountWithoutSource]
        );
        assert_eq!(
            kind(Action::mount("/p").flags("lazy").into()),
            [ProblemKind::UnknownMountFlag]
        );
        assert_eq!(
            kind(Action::file_write("/a b", "t").into()),
            [ProblemKind::SpaceInPath]
        );
        assert_eq!(
            kind(Action::call("not-a-symbol x").into()),
            [ProblemKind::NotASymbol]
        );
        assert_eq!(
            kind(Action::call("f x").arg_int(true).into()),
            [ProblemKind::InvalidValue]
        );
        assert_eq!(
            kind(Action::putenv("A=B", "c")),
            [ProblemKind::InvalidValue]
        );
        assert_eq!(
            kind(Action::unix_signal(1, "a-b")),
            [ProblemKind::NotASymbol]
        );
        assert_eq!(kind(Action::parse("bogus:x")), [ProblemKind::UnknownName]);
        assert_eq!(kind(Action::parse("no colon")), [ProblemKind::UnknownName]);
        assert_eq!(kind(Action::parse("exit:x")), [ProblemKind::InvalidValue]);
        assert_eq!(kind(Action::parse("ffi:x")), [ProblemKind::UnknownName]);
    }

    #[test]
    fn paths_and_commands_cannot_be_empty() {
        for action in [
            Action::dir_change(""),
            Action::dir_create(""),
            Action::execute(""),
            Action::safe_execute(""),
            Action::file_create(""),
            Action::set_host_name(""),
            Action::unlink(""),
            Action::sticky(""),
            Action::rpc(""),
            Action::retry_rpc(""),
            Action::wait_for_fs(""),
            Action::wait_for_file(""),
            Action::wait_for_dir(""),
            Action::wait_for_socket(""),
        ] {
            let problems = action.to_value().1;
            let kinds: Vec<_> = problems.iter().map(|p| p.kind()).collect();
            assert_eq!(kinds, [ProblemKind::EmptyValue], "{action}");
        }
        // Text that may be empty: print an empty line, exit with the default code.
        assert!(Action::printout("").to_value().1.is_empty());
        assert!(Action::exit(None).to_value().1.is_empty());
    }

    #[test]
    fn comma_separated_mount_flags_are_checked_one_by_one() {
        let problems = |mount: Mount| Action::from(mount).to_value().1;
        assert!(problems(
            Action::mount("/p")
                .fs("tmpfs")
                .src("none")
                .flags("ro,nodev")
        )
        .is_empty());
        let found = problems(Action::mount("/p").flags("ro,lazy"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind(), ProblemKind::UnknownMountFlag);
        assert_eq!(found[0].value(), Some("lazy"));
    }

    #[test]
    fn mount_data_is_the_fifth_word() {
        let tmpfs = || Action::mount("/x").fs("tmpfs").src("none");
        let cases: [(Action, &str); 5] = [
            (
                tmpfs().flags(["nodev", "nosuid"]).data("size=1m").into(),
                "mount:tmpfs none /x nodev,nosuid size=1m",
            ),
            // No flag: an empty flags word, which uWSGI reads as none.
            (
                tmpfs().data("size=1m").into(),
                "mount:tmpfs none /x  size=1m",
            ),
            // The data is the rest of the line: uWSGI passes its spaces on.
            (
                tmpfs().flags("ro").data("size=1m, mode=755").into(),
                "mount:tmpfs none /x ro size=1m, mode=755",
            ),
            // Empty data is no data.
            (
                tmpfs().flags("ro").data("").into(),
                "mount:tmpfs none /x ro",
            ),
            (tmpfs().data("").into(), "mount:tmpfs none /x"),
        ];
        for (action, text) in cases {
            assert_eq!(action.to_string(), text);
            assert!(action.problems().is_empty(), "{text}");
            // Read back as uWSGI reads it, it is the same action.
            assert_eq!(Action::parse(text), action, "{text}");
        }
        assert_eq!(
            Action::parse("mount:tmpfs none /x nodev,nosuid size=1m"),
            tmpfs().flags(["nodev", "nosuid"]).data("size=1m").into()
        );
        let unmount = Action::from(Action::mount("/x").data("size=1m"));
        assert_eq!(unmount.to_string(), "umount:/x");
        assert_eq!(unmount.problems()[0].kind(), ProblemKind::InvalidValue);
        assert_eq!(unmount.problems()[0].value(), Some("size=1m"));
    }

    #[test]
    fn unknown_names_get_suggestions() {
        let problems = Action::parse("mkdri:/x").to_value().1;
        assert_eq!(problems[0].fix(), Some("did you mean `mkdir`?"));
    }

    #[test]
    fn symbols() {
        assert!(is_c_symbol("uwsgi_log"));
        assert!(is_c_symbol("_x1"));
        assert!(!is_c_symbol("1x"));
        assert!(!is_c_symbol(""));
        assert!(!is_c_symbol("print:x"));
    }
}

macro_rules! display_as_action {
    ($($builder:ty),*) => {$(
        impl fmt::Display for $builder {
            /// Shows the hook the builder makes.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                Action::from(self.clone()).fmt(f)
            }
        }
    )*};
}

display_as_action!(Call, FileWrite, FifoWrite, Mount);
