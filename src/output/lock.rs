//! A lock on what a job writes: an exclusive lock file holding the host
//! and process that writes, which also holds on the network file systems
//! clusters share between nodes.
//!
//! The lock file is created with `O_CREAT | O_EXCL`, which NFS (v3 and
//! later), Lustre and GPFS honour across nodes, unlike `flock`. It holds
//! one JSON line: program, process id, host name, the process's start time
//! (Linux: `/proc/PID/stat`, so a reused process id is not mistaken for
//! the holder) and a random token. A second job finds the file and is
//! refused with "DIR is in use by process N on HOST". A lock left by a
//! process that has ended on the same host (killed, crashed) is stale and
//! taken over: it is first renamed aside and checked to be the lock that
//! was judged stale, so two jobs taking over the same stale lock cannot
//! both win. A lock from another host is never taken over, since its
//! process cannot be seen; the message says how to remove it.
//!
//! The lock is released — its file removed, if it still holds this lock's
//! token — when the [`Lock`] is dropped.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::error::OutputError;

/// The lock file of an output directory.
pub const LOCK_FILE: &str = ".resim.lock";

/// Largest lock file read (a lock is one short line).
const MAX_LOCK_BYTES: u64 = 4096;

/// Who holds a lock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    /// `resim`.
    pub program: String,
    /// Process id.
    pub pid: u32,
    /// Host name.
    pub host: String,
    /// The process's start time in clock ticks since boot (Linux), to
    /// tell it from a later process with the same id.
    #[serde(default)]
    pub started: Option<u64>,
    /// Random token of this lock.
    pub token: String,
}

impl Holder {
    /// This process, with a fresh token.
    fn me() -> Holder {
        let pid = std::process::id();
        Holder {
            program: "resim".into(),
            pid,
            host: host_name(),
            started: process_start(pid),
            token: token(),
        }
    }

    /// Whether the holder is a process that has ended on this host.
    fn is_stale(&self) -> bool {
        self.host == host_name() && !alive(self.pid, self.started)
    }
}

/// A held lock; dropped, it is released.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    token: String,
}

/// A random token (the standard library's randomly keyed hasher over the
/// process id and the time).
fn token() -> String {
    use std::collections::hash_map::RandomState;
    use std::hash::{BuildHasher, Hasher};
    let mut h = RandomState::new().build_hasher();
    h.write_u32(std::process::id());
    if let Ok(t) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        h.write_u128(t.as_nanos());
    }
    format!("{:016x}", h.finish())
}

/// This machine's host name.
pub fn host_name() -> String {
    #[cfg(unix)]
    {
        let mut buf = [0u8; 256];
        // SAFETY: the buffer is valid for its length; gethostname writes at most that many bytes.
        let r = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
        if r == 0 {
            let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
            let name = String::from_utf8_lossy(&buf[..end]).trim().to_string();
            if !name.is_empty() {
                return name;
            }
        }
    }
    std::env::var("HOSTNAME").unwrap_or_else(|_| "localhost".into())
}

/// Field 22 of `/proc/PID/stat` (start time) and field 3 (state).
fn proc_stat(pid: u32) -> Option<(char, u64)> {
    let text = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) is in parentheses and may hold spaces.
    let rest = &text[text.rfind(')')? + 1..];
    let mut fields = rest.split_whitespace();
    let state = fields.next()?.chars().next()?;
    // After the state come fields 4 to 21; the start time is field 22.
    let started = fields.nth(18)?.parse().ok()?;
    Some((state, started))
}

fn process_start(pid: u32) -> Option<u64> {
    proc_stat(pid).map(|(_, s)| s)
}

/// Whether process `pid` (started at `started`, when known) still runs on
/// this host.
fn alive(pid: u32, started: Option<u64>) -> bool {
    if pid == 0 || pid > i32::MAX as u32 {
        return false;
    }
    #[cfg(unix)]
    {
        // SAFETY: signal 0 only checks that the process exists.
        let r = unsafe { libc::kill(pid as i32, 0) };
        if r != 0 && io::Error::last_os_error().raw_os_error() == Some(libc::ESRCH) {
            return false;
        }
    }
    match proc_stat(pid) {
        // A zombie has ended; another start time is another process.
        Some((state, now)) => state != 'Z' && started.is_none_or(|s| s == now),
        None => !Path::new("/proc/self/stat").exists(),
    }
}

/// What a lock file says.
enum Seen {
    /// Nobody holds it (the file is gone).
    Free,
    /// A holder, with the file's bytes.
    Held(Holder, Vec<u8>),
    /// A file that does not read as a lock.
    Unreadable(String),
}

fn read_lock(path: &Path) -> io::Result<Seen> {
    // A lock is written right after it is created: a reader that finds it
    // empty or cut short tries again for a moment.
    let mut why = String::new();
    for _ in 0..20 {
        let bytes = match crate::input::read_capped(path, MAX_LOCK_BYTES, "a lock file") {
            Ok(b) => b,
            Err(e) if e.is_not_found() => return Ok(Seen::Free),
            Err(e) => return Ok(Seen::Unreadable(e.to_string())),
        };
        match serde_json::from_slice::<Holder>(&bytes) {
            Ok(h) => return Ok(Seen::Held(h, bytes)),
            Err(e) => why = e.to_string(),
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(Seen::Unreadable(why))
}

/// Takes over a stale lock whose file held `seen`: renames it aside, and
/// removes it if it is still that lock (else puts it back: a job took the
/// lock in the meantime).
fn take_over(path: &Path, seen: &[u8]) -> io::Result<()> {
    let aside = path.with_file_name(format!(".resim-stale-lock.{}", token()));
    match fs::rename(path, &aside) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    }
    let now = fs::read(&aside).unwrap_or_default();
    if now != seen {
        // Not the stale lock any more: give it back to its holder.
        let _ = fs::hard_link(&aside, path);
    }
    fs::remove_file(&aside)
}

impl Lock {
    /// Takes the lock file `path`, which guards `what` (named in the
    /// message of a refusal). Creating it is also the probe that the
    /// directory can be written into.
    pub fn acquire(path: &Path, what: &Path) -> Result<Lock, OutputError> {
        let me = Holder::me();
        let mut line = serde_json::to_vec(&me).expect("a holder serialises");
        line.push(b'\n');
        for _ in 0..10 {
            match OpenOptions::new().write(true).create_new(true).open(path) {
                Ok(mut f) => {
                    let written = f.write_all(&line).and_then(|()| f.sync_all());
                    if let Err(source) = written {
                        let _ = fs::remove_file(path);
                        return Err(unwritable(path, source));
                    }
                    return Ok(Lock {
                        path: path.to_path_buf(),
                        token: me.token,
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(source) => return Err(unwritable(path, source)),
            }
            match read_lock(path).map_err(|source| unwritable(path, source))? {
                Seen::Free => continue,
                Seen::Held(h, bytes) if h.is_stale() => {
                    take_over(path, &bytes).map_err(|source| unwritable(path, source))?;
                }
                Seen::Held(h, _) => {
                    return Err(OutputError::InUse {
                        dir: what.to_path_buf(),
                        pid: h.pid,
                        host: h.host,
                        lock: path.to_path_buf(),
                    });
                }
                Seen::Unreadable(why) => {
                    return Err(OutputError::BadLock {
                        dir: what.to_path_buf(),
                        lock: path.to_path_buf(),
                        why,
                    });
                }
            }
        }
        Err(OutputError::BadLock {
            dir: what.to_path_buf(),
            lock: path.to_path_buf(),
            why: "it keeps changing".into(),
        })
    }

    /// Who holds the lock file `path`, if a running process does (a stale
    /// or missing lock is nobody's).
    pub fn holder(path: &Path) -> Option<Holder> {
        match read_lock(path) {
            Ok(Seen::Held(h, _)) if !h.is_stale() => Some(h),
            _ => None,
        }
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

fn unwritable(path: &Path, source: io::Error) -> OutputError {
    OutputError::Unwritable {
        path: path.parent().unwrap_or(path).to_path_buf(),
        source,
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        if let Ok(Seen::Held(h, _)) = read_lock(&self.path)
            && h.token == self.token
        {
            let _ = fs::remove_file(&self.path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_is_refused_with_the_holder_and_released_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(LOCK_FILE);
        let lock = Lock::acquire(&path, dir.path()).unwrap();
        let e = Lock::acquire(&path, dir.path()).unwrap_err();
        let m = e.to_string();
        assert!(
            m.starts_with(&format!(
                "{} is in use by process {} on {}",
                dir.path().display(),
                std::process::id(),
                host_name()
            )),
            "{m}"
        );
        assert_eq!(Lock::holder(&path).unwrap().pid, std::process::id());
        drop(lock);
        assert!(!path.exists());
        assert!(Lock::holder(&path).is_none());
        let _again = Lock::acquire(&path, dir.path()).unwrap();
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_lock_of_an_ended_process_on_this_host_is_taken_over_but_not_another_hosts() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(LOCK_FILE);
        // A process that has ended: a child, reaped.
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        let stale = Holder {
            program: "resim".into(),
            pid,
            host: host_name(),
            started: None,
            token: "old".into(),
        };
        fs::write(&path, serde_json::to_vec(&stale).unwrap()).unwrap();
        assert!(Lock::holder(&path).is_none());
        let lock = Lock::acquire(&path, dir.path()).unwrap();
        drop(lock);
        // This process, but started at another time: its id was reused.
        let reused = Holder {
            pid: std::process::id(),
            started: Some(process_start(std::process::id()).unwrap() + 1),
            ..stale.clone()
        };
        fs::write(&path, serde_json::to_vec(&reused).unwrap()).unwrap();
        drop(Lock::acquire(&path, dir.path()).unwrap());
        // Another host's lock is never taken over.
        let remote = Holder {
            host: "node-elsewhere".into(),
            ..stale
        };
        fs::write(&path, serde_json::to_vec(&remote).unwrap()).unwrap();
        let e = Lock::acquire(&path, dir.path()).unwrap_err();
        assert!(
            e.to_string()
                .contains(&format!("in use by process {pid} on node-elsewhere")),
            "{e}"
        );
        fs::write(&path, b"not a lock").unwrap();
        let e = Lock::acquire(&path, dir.path()).unwrap_err();
        assert!(matches!(e, OutputError::BadLock { .. }), "{e}");
    }
}
