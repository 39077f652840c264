//! uWSGI's master FIFO: one-letter commands a deploy tool writes to a running master.
//!
//! The master reads `master-fifo` one byte at a time and runs the command of that letter. The
//! letters are uWSGI 2.0.21's (`core/fifo.c`, `uwsgi_master_fifo_prepare`); a letter it does
//! not know is ignored. The FIFO is created by the master when its loop starts (after it
//! dropped privileges, so in a directory the section's `uid` can write).
//!
//! ```no_run
//! use uwsgiconf_deploy::fifo::{send, MasterFifoCommand};
//!
//! send("/run/app/master.fifo".as_ref(), &[MasterFifoCommand::ChainReload])?;
//! # Ok::<(), std::io::Error>(())
//! ```

use std::fmt;
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

/// A command of the master FIFO.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MasterFifoCommand {
    /// `r`: graceful reload: workers finish their requests, the master re-executes itself
    /// (same pid), new workers start.
    GracefulReload,
    /// `R`: brutal reload: workers are killed, then as [`GracefulReload`](Self::GracefulReload).
    BrutalReload,
    /// `c`: chain reload: one worker at a time is replaced (with `lazy-apps`, each new
    /// worker loads the application again).
    ChainReload,
    /// `w`: graceful reload of the workers only (the master stays).
    ReloadWorkers,
    /// `W`: brutal reload of the workers only.
    BrutalReloadWorkers,
    /// `q`: graceful stop: workers finish their requests, then uWSGI exits (status 0).
    GracefulStop,
    /// `Q`: brutal stop: workers are killed, then uWSGI exits.
    BrutalStop,
    /// `l`: reopens the log file (after a rotation by another tool).
    ReopenLogs,
    /// `L`: rotates the log file (`log-maxsize` style, by uWSGI itself).
    RotateLogs,
    /// `s`: prints the stats in the log.
    Stats,
    /// `p`: pauses the instance, or resumes it when paused.
    PauseResume,
    /// `P`: writes the pidfiles again.
    UpdatePidfiles,
    /// `f`: forks a new master, which leaves the process group (`setsid`) and re-executes
    /// uWSGI, while the old one goes on (for a handover; the [launch
    /// handle](crate::launch::Instance::send) refuses it: it could not stop the copy).
    ReforkMaster,
    /// `+`: one more worker, with a cheaper algorithm.
    CheaperIncrease,
    /// `-`: one worker less, with a cheaper algorithm.
    CheaperDecrease,
    /// `C`: cheap mode: only the minimum of workers.
    GoCheap,
    /// `E`: the Emperor scans its vassals again.
    EmperorRescan,
    /// `B`: a vassal asks its Emperor for reinforcements.
    VassalSos,
    /// `S`: blocks the subscriptions, or unblocks them.
    SubscriptionsBlock,
    /// `0` to `9`: the following commands go to the FIFO of that slot (the n-th
    /// `master-fifo` of the section; 0 is the first).
    Slot(FifoSlot),
}

/// A master FIFO slot, 0 to 9.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FifoSlot(u8);

impl FifoSlot {
    /// Slot `n`, when it is 0 to 9 (uWSGI has ten).
    pub fn new(n: u8) -> Option<FifoSlot> {
        (n <= 9).then_some(FifoSlot(n))
    }

    /// The slot's number.
    pub fn get(self) -> u8 {
        self.0
    }
}

impl MasterFifoCommand {
    /// Every command with a fixed letter (not [`Slot`](Self::Slot)).
    pub const ALL: [MasterFifoCommand; 19] = [
        MasterFifoCommand::GracefulReload,
        MasterFifoCommand::BrutalReload,
        MasterFifoCommand::ChainReload,
        MasterFifoCommand::ReloadWorkers,
        MasterFifoCommand::BrutalReloadWorkers,
        MasterFifoCommand::GracefulStop,
        MasterFifoCommand::BrutalStop,
        MasterFifoCommand::ReopenLogs,
        MasterFifoCommand::RotateLogs,
        MasterFifoCommand::Stats,
        MasterFifoCommand::PauseResume,
        MasterFifoCommand::UpdatePidfiles,
        MasterFifoCommand::ReforkMaster,
        MasterFifoCommand::CheaperIncrease,
        MasterFifoCommand::CheaperDecrease,
        MasterFifoCommand::GoCheap,
        MasterFifoCommand::EmperorRescan,
        MasterFifoCommand::VassalSos,
        MasterFifoCommand::SubscriptionsBlock,
    ];

    /// The byte uWSGI reads for it.
    ///
    /// ```
    /// use uwsgiconf_deploy::fifo::{FifoSlot, MasterFifoCommand};
    ///
    /// assert_eq!(MasterFifoCommand::GracefulStop.letter(), b'q');
    /// assert_eq!(MasterFifoCommand::Slot(FifoSlot::new(1).unwrap()).letter(), b'1');
    /// ```
    pub fn letter(self) -> u8 {
        match self {
            MasterFifoCommand::GracefulReload => b'r',
            MasterFifoCommand::BrutalReload => b'R',
            MasterFifoCommand::ChainReload => b'c',
            MasterFifoCommand::ReloadWorkers => b'w',
            MasterFifoCommand::BrutalReloadWorkers => b'W',
            MasterFifoCommand::GracefulStop => b'q',
            MasterFifoCommand::BrutalStop => b'Q',
            MasterFifoCommand::ReopenLogs => b'l',
            MasterFifoCommand::RotateLogs => b'L',
            MasterFifoCommand::Stats => b's',
            MasterFifoCommand::PauseResume => b'p',
            MasterFifoCommand::UpdatePidfiles => b'P',
            MasterFifoCommand::ReforkMaster => b'f',
            MasterFifoCommand::CheaperIncrease => b'+',
            MasterFifoCommand::CheaperDecrease => b'-',
            MasterFifoCommand::GoCheap => b'C',
            MasterFifoCommand::EmperorRescan => b'E',
            MasterFifoCommand::VassalSos => b'B',
            MasterFifoCommand::SubscriptionsBlock => b'S',
            MasterFifoCommand::Slot(slot) => b'0' + slot.0,
        }
    }

    /// The command of a letter, if uWSGI has one.
    pub fn from_letter(letter: u8) -> Option<MasterFifoCommand> {
        match letter {
            b'0'..=b'9' => Some(MasterFifoCommand::Slot(FifoSlot(letter - b'0'))),
            _ => Self::ALL.into_iter().find(|c| c.letter() == letter),
        }
    }
}

impl fmt::Display for MasterFifoCommand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", char::from(self.letter()))
    }
}

/// `O_NONBLOCK` on Linux (the generic value; the architectures listed here use it): opening a
/// FIFO to write then fails at once when no master reads it, instead of waiting forever.
/// Elsewhere no flag: the open blocks until a master reads.
const NONBLOCK: i32 = if cfg!(all(
    target_os = "linux",
    any(
        target_arch = "x86",
        target_arch = "x86_64",
        target_arch = "arm",
        target_arch = "aarch64",
        target_arch = "riscv64",
        target_arch = "powerpc64",
        target_arch = "s390x",
        target_arch = "loongarch64"
    )
)) {
    0o4000
} else {
    0
};

/// Writes `commands` to the master FIFO at `fifo`, in order, in one write.
///
/// The master makes its FIFO anew each time its last writer closes it (it reads the end of
/// the file as "FIFO destroyed"): for a moment after each call the path is missing or unread,
/// and a write is retried for up to a second then. A command written in that moment to the
/// FIFO being replaced would be lost, so send commands that follow each other in one call, or
/// keep a writer open as the [launch handle](crate::launch::Instance) does.
///
/// Fails when `fifo` is not a FIFO, or (with [`io::ErrorKind::NotConnected`]) when no master
/// has it open.
pub fn send(fifo: &Path, commands: &[MasterFifoCommand]) -> io::Result<()> {
    let bytes: Vec<u8> = commands.iter().map(|c| c.letter()).collect();
    open_writer(fifo, Duration::from_secs(1))?.write_all(&bytes)
}

/// Opens the FIFO to write, retrying for up to `patience` while it is missing or unread.
pub(crate) fn open_writer(fifo: &Path, patience: Duration) -> io::Result<File> {
    let deadline = Instant::now() + patience;
    loop {
        match open_for_writing(fifo) {
            Ok(file) => return Ok(file),
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::NotFound | io::ErrorKind::NotConnected
                ) && Instant::now() < deadline =>
            {
                thread::sleep(Duration::from_millis(10));
            }
            Err(e) => return Err(e),
        }
    }
}

/// Opens a FIFO to write without waiting for a reader: `NotConnected` when none reads it.
pub(crate) fn open_for_writing(fifo: &Path) -> io::Result<File> {
    let kind = std::fs::metadata(fifo)?.file_type();
    if !kind.is_fifo() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} is not a FIFO", fifo.display()),
        ));
    }
    OpenOptions::new()
        .write(true)
        .custom_flags(NONBLOCK)
        .open(fifo)
        .map_err(|e| {
            // ENXIO: nobody reads the FIFO.
            if e.raw_os_error() == Some(6) {
                io::Error::new(
                    io::ErrorKind::NotConnected,
                    format!("no uWSGI master reads {}", fifo.display()),
                )
            } else {
                e
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_are_unique_and_read_back() {
        let mut letters: Vec<u8> = MasterFifoCommand::ALL.iter().map(|c| c.letter()).collect();
        letters.sort();
        letters.dedup();
        assert_eq!(letters.len(), MasterFifoCommand::ALL.len());
        for command in MasterFifoCommand::ALL {
            assert_eq!(
                MasterFifoCommand::from_letter(command.letter()),
                Some(command)
            );
        }
        assert_eq!(
            MasterFifoCommand::from_letter(b'7'),
            Some(MasterFifoCommand::Slot(FifoSlot::new(7).unwrap()))
        );
        assert_eq!(MasterFifoCommand::from_letter(b'x'), None);
        assert_eq!(FifoSlot::new(10), None);
    }

    #[test]
    fn a_path_that_is_no_fifo_is_refused() {
        let error = send(Path::new("/"), &[MasterFifoCommand::GracefulStop]).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
    }
}
