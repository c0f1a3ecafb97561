"""The second wall around ngspice: the OS isolation it runs in, whatever the deck holds.

The first wall (spice_lsp.ngspice.deck) gives ngspice only a deck we wrote. This one assumes that
wall has failed and limits what a process started from the deck could do, by one of:

- "bubblewrap": Debian's `bwrap` with new user, mount, network, PID, IPC and UTS namespaces. The
  process sees /usr (read-only) and its private directory (read-write) and nothing else: no /etc,
  no /home, no /root, no /tmp of the host; no network at all; no capabilities; no new privileges.
- "setuid": where bubblewrap is missing or cannot create namespaces, but the server runs as root:
  the child gets a new network namespace (no network), drops every group and switches to a uid of
  its own (below), with no new privileges. It can then read what any user may read, and write
  only its private directory and world-writable directories such as /tmp.
- "none": neither is possible (not root, no usable bubblewrap): the same user as the server,
  only the cleared environment, private directory and limits. The deck's own .control commands
  are never run in this mode.

Under every method: a cleared environment (HOME and TMPDIR the private directory, a fixed PATH),
resource limits (CPU, address space, file size, no core dumps; and, when the server is root and
so can give the child a uid of its own, a process count), a new session killed as a group.

The uid: when the server runs as root, each run gets a uid of its own from a range no account
uses, so RLIMIT_NPROC counts only that run's processes (it means nothing for root), two runs
cannot touch each other's directories, and every process left behind can be killed by uid."""
from __future__ import annotations

import ctypes
import os
import random
import resource
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

METHODS = ("bubblewrap", "setuid", "none")  # strongest first
UID_RANGE = (1_900_000_000, 2_000_000_000)  # uids of no account: one per run when root
MAX_PROCESSES = 16  # per run (bubblewrap takes two); a fork bomb stops here
PATH = "/usr/bin:/bin"  # not the server's PATH: it would show where the server's tools live
_CLONE_NEWNET = 0x40000000
_PR_SET_NO_NEW_PRIVS = 38


@dataclass(frozen=True)
class Limits:
    cpu_s: int
    memory_mb: int
    file_bytes: int


def available() -> list[str]:
    """The methods that work here, strongest first ("none" always does)."""
    return [m for m in METHODS if _works(m)]


def best() -> str:
    return available()[0]


@cache
def _works(method: str) -> bool:
    """Probed once by running `true` under the method: a kernel or container may forbid
    namespaces even where bwrap is installed."""
    if method == "none":
        return True
    if method == "setuid" and os.geteuid() != 0:
        return False
    if method == "bubblewrap" and shutil.which("bwrap") is None:
        return False
    try:
        with tempfile.TemporaryDirectory(prefix="spice-lsp-probe-", dir=scratch_parent()) as directory:
            proc = start(["/usr/bin/true"], Path(directory), Limits(5, 256, 1 << 20), method, sandbox_uid(),
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            return proc.wait(timeout=10) == 0
    except (OSError, subprocess.SubprocessError):
        return False


def scratch_parent() -> str:
    """Where private directories go: the system's temp directory when every directory above it
    lets other users through (the run's uid must reach its directory), else /tmp."""
    path = Path(tempfile.gettempdir()).resolve()
    try:
        through = all(p.stat().st_mode & 0o001 for p in [path, *path.parents])
    except OSError:
        through = False
    return str(path) if through else "/tmp"


def sandbox_uid() -> int | None:
    """A fresh uid for one run when the server is root (None: keep the server's)."""
    return random.randrange(*UID_RANGE) if os.geteuid() == 0 else None


def environment(directory: Path) -> dict[str, str]:
    return {"HOME": str(directory), "TMPDIR": str(directory), "PATH": PATH, "LC_ALL": "C",
            "OMP_NUM_THREADS": "1"}


def _bwrap_args(directory: Path) -> list[str]:
    args = ["bwrap", "--unshare-all", "--die-with-parent", "--new-session", "--ro-bind", "/usr", "/usr"]
    for top in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):  # merged /usr: links; else binds
        path = Path("/", top)
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), str(path)]
        elif path.is_dir():
            args += ["--ro-bind", str(path), str(path)]
    args += ["--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache", "--proc", "/proc", "--dev", "/dev",
             "--tmpfs", "/tmp", "--bind", str(directory), str(directory), "--chdir", str(directory),
             "--clearenv"]
    for key, value in environment(directory).items():
        args += ["--setenv", key, value]
    return args + ["--"]


def _preexec(method: str, uid: int | None, limits: Limits):
    """What the child does before exec: limits, then (root) no network and its own uid."""
    r = resource
    wanted = {r.RLIMIT_CPU: (limits.cpu_s, limits.cpu_s + 1), r.RLIMIT_AS: (limits.memory_mb << 20,) * 2,
              r.RLIMIT_CORE: (0, 0), r.RLIMIT_FSIZE: (limits.file_bytes,) * 2}
    if uid is not None:  # counted per uid: only meaningful for a uid of the run's own
        wanted[r.RLIMIT_NPROC] = (MAX_PROCESSES, MAX_PROCESSES)
    libc = ctypes.CDLL(None, use_errno=True)

    def apply() -> None:
        for limit, (soft, hard) in wanted.items():
            ceiling = resource.getrlimit(limit)[1]  # an unprivileged process cannot raise it
            ceiling = hard if ceiling == resource.RLIM_INFINITY else ceiling
            resource.setrlimit(limit, (min(soft, ceiling), min(hard, ceiling)))
        if method == "setuid" and libc.unshare(_CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), "unshare(CLONE_NEWNET) failed")
        if uid is not None:
            os.setgroups([])
            os.setgid(uid)
            os.setuid(uid)
        if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:  # setuid programs stay unprivileged
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS) failed")
    return apply


def prepare_directory(directory: Path, uid: int | None) -> None:
    """The private directory belongs to the run's uid; mode 0700: no other run may enter it."""
    os.chmod(directory, 0o700)
    if uid is not None:
        for path in [directory, *directory.iterdir()]:
            os.chown(path, uid, uid, follow_symlinks=False)


def start(argv: list[str], directory: Path, limits: Limits, method: str, uid: int | None = None,
          **popen) -> subprocess.Popen:
    """Start `argv` in `directory` under `method`, as `uid` (when root), in a new session.
    The caller owns `directory` (created, then chowned here) and the process."""
    if method not in METHODS:
        raise ValueError(f"unknown isolation method {method!r}; one of {', '.join(METHODS)}")
    if method == "setuid" and uid is None:
        raise ValueError("the setuid method needs a uid (the server must run as root)")
    prepare_directory(directory, uid)
    command = _bwrap_args(directory) + argv if method == "bubblewrap" else argv
    return subprocess.Popen(command, cwd=directory, env=environment(directory), stdin=subprocess.DEVNULL,
                            start_new_session=True, preexec_fn=_preexec(method, uid, limits), **popen)


def kill(proc: subprocess.Popen) -> None:
    """Kill the process group (bubblewrap's PID namespace goes with it; a process that left the
    group under a uid of the run's own goes with `kill_uid`, which the caller runs after)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def kill_uid(uid: int) -> None:
    """kill(-1, SIGKILL) as `uid`: every process of that uid but the killer itself."""
    def kill_all():
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
        try:
            os.kill(-1, signal.SIGKILL)
        except ProcessLookupError:  # none left
            pass
    subprocess.run(["/usr/bin/true"], preexec_fn=kill_all, env={}, check=False)
