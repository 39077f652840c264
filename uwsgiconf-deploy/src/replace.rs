//! Replacing a file only when its content changed, atomically: the new content goes to a
//! temporary file beside it (same directory, so the rename stays on one file system), which is
//! synced and renamed over the old one. A reader (Cargo, uWSGI's emperor) sees the old file or
//! the new one, never half of one; an unchanged file keeps its inode and modification time.

use std::ffi::OsString;
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// What the new file's modification time must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mtime {
    /// Whatever the write gives it.
    Now,
    /// At least the start of the whole second after the old file's: uWSGI's emperor compares
    /// modification times in whole seconds and reloads a vassal only when its file's grew.
    PastOldSecond,
}

/// A file operation that failed: what was being done, to which file, and why.
#[derive(Debug)]
pub(crate) struct FileError {
    pub(crate) action: &'static str,
    pub(crate) path: PathBuf,
    pub(crate) source: io::Error,
}

fn failed(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> FileError {
    let path = path.to_path_buf();
    move |source| FileError {
        action,
        path,
        source,
    }
}

/// Writes `contents` to `path` unless it holds them already (then nothing is touched);
/// returns whether it wrote. The old file's permissions are kept. The temporary file's name
/// starts with `.` and ends with `.tmp`, which neither Cargo nor the emperor reads as a
/// config.
pub(crate) fn replace_if_changed(
    path: &Path,
    contents: &[u8],
    mtime: Mtime,
) -> Result<bool, FileError> {
    let old = match fs::read(path) {
        Ok(existing) if existing == contents => return Ok(false),
        Ok(_) => Some(fs::metadata(path).map_err(failed("read", path))?),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(failed("read", path)(e)),
    };
    let (temp, mut file) = create_temp_beside(path)?;
    let written = (|| {
        file.write_all(contents)?;
        if let Some(old) = &old {
            file.set_permissions(old.permissions())?;
            if mtime == Mtime::PastOldSecond {
                let next = next_second(old.modified()?);
                if SystemTime::now() < next {
                    file.set_modified(next)?;
                }
            }
        }
        // On disk before the rename, or a crash could leave an empty file under the name.
        file.sync_all()
    })()
    .map_err(failed("write", &temp))
    .and_then(|()| {
        drop(file);
        fs::rename(&temp, path).map_err(failed("rename", path))
    });
    if let Err(e) = written {
        let _ = fs::remove_file(&temp);
        return Err(e);
    }
    Ok(true)
}

/// A new file next to `path`, named after it, the process and a counter; `create_new` never
/// reuses an existing file.
fn create_temp_beside(path: &Path) -> Result<(PathBuf, fs::File), FileError> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let name = path.file_name().ok_or_else(|| FileError {
        action: "name",
        path: path.to_path_buf(),
        source: io::Error::new(io::ErrorKind::InvalidInput, "the path names no file"),
    })?;
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut last = None;
    for _ in 0..100 {
        let mut temp_name = OsString::from(".");
        temp_name.push(name);
        temp_name.push(format!(
            ".{}.{}.tmp",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let temp = dir.join(temp_name);
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some((temp, e)),
            Err(e) => return Err(failed("create", &temp)(e)),
        }
    }
    let (temp, e) = last.expect("the loop ran");
    Err(failed("create", &temp)(e))
}

/// The start of the whole second after `time`.
fn next_second(time: SystemTime) -> SystemTime {
    let seconds = time
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs());
    UNIX_EPOCH + Duration::from_secs(seconds + 1)
}
