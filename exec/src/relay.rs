//! Standard descriptors: the sandbox never receives a host descriptor the policy does not
//! grant.
//!
//! A descriptor 0–2 that names a host file, directory, named FIFO or device would let the
//! command reach the host inode: directly (writing a file opened for writing), or by reopening
//! it through `/proc/self/fd/N`, which resolves through the host's mounts and so past every
//! mask and read-only bind of the view (`cat /proc/self/fd/0/secret/key < WORKSPACE`,
//! `echo x > /proc/self/fd/0 < WORKSPACE/ro/file`). Such a descriptor is relayed: the command
//! gets one end of a pipe the executor owns, and the executor copies between the pipe and the
//! host descriptor for as long as the command runs.
//!
//! Passed as they are: anonymous pipes and sockets (reopening them reaches nothing but
//! themselves), `/dev/null`, and terminals (an interactive command needs its terminal; the
//! terminal's own attack surface is seccomp's, e.g. `TIOCSTI`). A closed descriptor stays
//! closed.

use libc::c_int;

use crate::sys;

/// `PIPEFS_MAGIC`: anonymous pipes live on pipefs; a named FIFO lives on a host filesystem.
const PIPEFS_MAGIC: i64 = 0x5049_5045;

/// How much one read copies.
const CHUNK: usize = 64 * 1024;

/// True when the descriptor must not reach the sandbox as it is.
fn must_relay(fd: c_int) -> bool {
    let st = match sys::fstat(fd) {
        Ok(st) => st,
        Err(e) => return e != libc::EBADF,
    };
    match st.st_mode & libc::S_IFMT {
        libc::S_IFSOCK => false,
        libc::S_IFIFO => sys::fs_magic(fd) != Ok(PIPEFS_MAGIC),
        libc::S_IFCHR => !(sys::isatty(fd) || st.st_rdev == libc::makedev(1, 3)),
        _ => true,
    }
}

/// One relayed descriptor.
#[derive(Debug)]
struct Stream {
    /// The host descriptor (0, 1 or 2), never closed here.
    host: c_int,
    /// The executor's end of the pipe; -1 once closed.
    pipe: c_int,
    /// The command's end of the pipe, dup'ed onto `host` in the child; -1 once closed.
    child: c_int,
    /// Standard input: the executor writes into the pipe.
    input: bool,
    /// Input read from the host, not yet written into the pipe.
    pending: Vec<u8>,
    /// The host side failed (output): what the command writes is read and dropped.
    discard: bool,
}

/// The relayed standard descriptors of one run.
#[derive(Debug, Default)]
pub(crate) struct Relay {
    streams: Vec<Stream>,
}

fn pipe_above_stdio() -> Result<(c_int, c_int), i32> {
    let (r, w) = sys::pipe()?;
    let moved = sys::dup_above(r, 3).and_then(|r2| match sys::dup_above(w, 3) {
        Ok(w2) => Ok((r2, w2)),
        Err(e) => {
            sys::close(r2);
            Err(e)
        }
    });
    sys::close(r);
    sys::close(w);
    moved
}

impl Relay {
    /// Examines descriptors 0–2 and creates a pipe for each that must be relayed.
    pub(crate) fn new() -> Result<Relay, i32> {
        let mut relay = Relay::default();
        for host in 0..3 {
            if !must_relay(host) {
                continue;
            }
            let (r, w) = pipe_above_stdio()?;
            let input = host == 0;
            let (pipe, child) = if input { (w, r) } else { (r, w) };
            relay.streams.push(Stream {
                host,
                pipe,
                child,
                input,
                pending: Vec::new(),
                discard: false,
            });
            sys::set_nonblocking(pipe)?;
        }
        Ok(relay)
    }

    /// What the child dup's onto its standard descriptors: `(pipe end, 0..=2)`.
    pub(crate) fn child_ends(&self) -> Vec<(c_int, c_int)> {
        self.streams.iter().map(|s| (s.child, s.host)).collect()
    }

    /// In the executor once the child exists: its ends are the child's alone, so that the
    /// executor sees end of file when every process of the sandbox is gone.
    pub(crate) fn close_child_ends(&mut self) {
        for s in &mut self.streams {
            if s.child >= 0 {
                sys::close(s.child);
                s.child = -1;
            }
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.streams.is_empty()
    }

    /// True while an output pipe may still carry data.
    pub(crate) fn outputs_open(&self) -> bool {
        self.streams.iter().any(|s| !s.input && s.pipe >= 0)
    }

    /// The command is gone: its standard input is closed.
    pub(crate) fn stop_input(&mut self) {
        for s in self.streams.iter_mut().filter(|s| s.input) {
            close_pipe(s);
        }
    }

    /// The descriptors to poll, appended to `fds`; each entry's stream index is in `which`.
    pub(crate) fn interest(&self, fds: &mut Vec<libc::pollfd>, which: &mut Vec<usize>) {
        for (i, s) in self.streams.iter().enumerate() {
            if s.pipe < 0 {
                continue;
            }
            let (fd, events) = if !s.input {
                (s.pipe, libc::POLLIN)
            } else if s.pending.is_empty() {
                (s.host, libc::POLLIN)
            } else {
                (s.pipe, libc::POLLOUT)
            };
            fds.push(libc::pollfd {
                fd,
                events,
                revents: 0,
            });
            which.push(i);
        }
    }

    /// Moves data for every polled entry that is ready.
    pub(crate) fn service(&mut self, fds: &[libc::pollfd], which: &[usize]) {
        for (p, i) in fds.iter().zip(which) {
            if p.revents == 0 {
                continue;
            }
            if let Some(s) = self.streams.get_mut(*i) {
                if s.input {
                    pump_input(s, p.fd == s.pipe);
                } else {
                    pump_output(s);
                }
            }
        }
    }
}

fn close_pipe(s: &mut Stream) {
    if s.pipe >= 0 {
        sys::close(s.pipe);
        s.pipe = -1;
    }
}

/// Host → pipe: reads a chunk from the host when nothing is pending, else writes what it can.
fn pump_input(s: &mut Stream, pipe_ready: bool) {
    if !pipe_ready {
        let mut buf = vec![0u8; CHUNK];
        match sys::read(s.host, &mut buf) {
            Ok(0) | Err(_) => {
                // End of file, or a host object that cannot be read (a directory): the
                // command sees end of file.
                close_pipe(s);
                return;
            }
            Ok(n) => {
                buf.truncate(n);
                s.pending = buf;
            }
        }
    }
    match sys::write(s.pipe, &s.pending) {
        Ok(n) => {
            s.pending.drain(..n.min(s.pending.len()));
        }
        Err(libc::EAGAIN) => {}
        Err(_) => {
            // The command closed its standard input.
            s.pending.clear();
            close_pipe(s);
        }
    }
}

/// Pipe → host: copies one chunk; end of file closes the stream.
fn pump_output(s: &mut Stream) {
    let mut buf = vec![0u8; CHUNK];
    match sys::read(s.pipe, &mut buf) {
        Ok(0) => close_pipe(s),
        Err(libc::EAGAIN) => {}
        Err(_) => close_pipe(s),
        Ok(n) => {
            if !s.discard {
                let data = buf.get(..n).unwrap_or_default();
                s.discard = sys::write_all(s.host, data).is_err();
            }
        }
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        self.close_child_ends();
        for s in &mut self.streams {
            close_pipe(s);
        }
    }
}
