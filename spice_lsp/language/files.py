"""Reading a file someone else named (a client's URI, a command-line argument): regular files
only, and at most a bounded number of bytes.

`Path.read_text` trusts the name: a FIFO or `/dev/stdin` blocks forever in open() or read(),
`/dev/zero` and `/dev/urandom` never end, and `st_size` is 0 for them and for /proc files, so a
size check before reading bounds nothing. Here the kind of file is checked before opening it
(opening some devices has effects of its own), again on the open descriptor (the name may
have been swapped in between), and the read itself stops at the limit.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_NETLIST_BYTES = 50_000_000

_KINDS = [(stat.S_ISDIR, "is a directory"), (stat.S_ISFIFO, "is a FIFO (named pipe), not a regular file"),
          (stat.S_ISCHR, "is a character device, not a regular file"),
          (stat.S_ISBLK, "is a block device, not a regular file"), (stat.S_ISSOCK, "is a socket, not a regular file")]


class NotReadable(ValueError):
    """The file cannot be read as a netlist; str() is a one-line reason ("is a FIFO ...")."""


def _refusal(mode: int) -> str | None:
    """None for a regular file, else why it is not read."""
    if stat.S_ISREG(mode):
        return None
    return next((reason for test, reason in _KINDS if test(mode)), "is not a regular file")


def read_bytes(path: Path, limit: int = MAX_NETLIST_BYTES) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them; raises NotReadable."""
    try:
        refusal = _refusal(os.stat(path).st_mode)
        if refusal:
            raise NotReadable(refusal)
        # O_NONBLOCK: were the name swapped for a FIFO after the check, open() would not block.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise NotReadable(f"cannot be read ({error.strerror or error})") from None
    try:
        refusal = _refusal(os.fstat(fd).st_mode)
        if refusal:
            raise NotReadable(refusal)
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as error:
        raise NotReadable(f"cannot be read ({error.strerror or error})") from None
    finally:
        os.close(fd)
    if total > limit:
        raise NotReadable(f"is larger than the {_size(limit)} limit")
    return b"".join(chunks)


def _size(n: int) -> str:
    return f"{n // 1_000_000} MB" if n >= 1_000_000 else f"{n:,} bytes"


def decode_netlist(data: bytes) -> str:
    """Text of a netlist file: UTF-8, else Latin-1 (old netlists write µ and Ω in Latin-1);
    raises NotReadable for a binary file (a NUL byte in its first 8 kB)."""
    if b"\0" in data[:8192]:
        raise NotReadable("is a binary file, not a netlist")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def read_netlist(path: Path, limit: int = MAX_NETLIST_BYTES) -> str:
    """The text of the netlist file at `path`; raises NotReadable with a one-line reason."""
    return decode_netlist(read_bytes(path, limit))
