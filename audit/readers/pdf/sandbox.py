"""Run a PDF library on one file in a child process, so no PDF can take the run down.

A crafted PDF can make a PDF library run out of memory and abort the whole process (forms that
draw each other, 24 levels deep: a few KB, gigabytes of memory) or spend minutes on one page (ten
million no-op drawing operators). :func:`extract_isolated` reads the file's text in a child process
with

* a memory limit (``RLIMIT_AS``: what the child held when it started plus ``Limits.memory``),
* a CPU-time limit (``RLIMIT_CPU``: ``seconds_per_page`` for every page, set once the pages are
  counted), no core files,
* a wall-clock watch kept by the parent: the child reports each page as it starts (and how long the
  step may take); a page that runs past ``seconds_per_page`` is stopped *while it runs*.

Whatever happens in the child, the parent gets plain data back (page count and text runs as JSON,
never pickled objects) or raises one :class:`~audit.errors.StatementError` naming the file and the
page. How the child is made:

* the process has one thread (the command line, the tests): ``os.fork()``, a few milliseconds, the
  libraries already imported;
* it has several (the Streamlit page, a Dask worker): forking a threaded process is unsafe, so a helper
  process (``python -m audit.readers.pdf.sandbox``), started once with the PDF libraries imported,
  forks the child instead; requests go to it one at a time;
* no ``fork`` (Windows): the text is read in this process, with the per-page check after each page.
"""

from __future__ import annotations

import faulthandler
import gc
import json
import os
import resource
import select
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from audit.errors import StatementError
from audit.readers import limits as lim
from audit.readers.pdf import text as tx

_IN_CHILD = False  # True inside a child: nothing forks again
_HEAD = struct.Struct(">II")  # JSON header length, blob length
_ENGINE_NAMES = {"pdfium": "pypdfium2", "pdfplumber": "pdfplumber", "pdftotext": "pdftotext"}


def available() -> bool:
    """Whether files can be read in a child process here."""
    return hasattr(os, "fork") and not _IN_CHILD


def extract_isolated(data: bytes, name: str, engine: str, limits: lim.Limits) -> tuple[int, tx.RunPages]:
    """:func:`audit.readers.pdf.text.extract_runs` in a child process (see the module docstring)."""
    if not available():
        return tx.extract_runs(data, name, engine=engine, limits=limits, checked=True)
    request = {"engine": engine, "name": name, "limits": asdict(limits)}
    if threading.active_count() == 1:
        _import_here(engine)  # once per process, so no child imports the library again
        return _via_fork(request, data, limits)
    return _SERVER.run(request, data, limits)


def _import_here(engine: str) -> None:
    import pypdfium2  # noqa: F401  (every engine counts pages with it)

    if engine == "pdfplumber":
        import pdfplumber  # noqa: F401


# ------------------------------------------------------------------------------------------ framing


def _send(fd: int, head: dict[str, Any], blob: bytes = b"") -> None:
    raw = json.dumps(head).encode()
    view = memoryview(_HEAD.pack(len(raw), len(blob)) + raw + blob)
    while view:
        view = view[os.write(fd, view):]


class _Frames:
    """Reads frames from a pipe, waiting at most a given time for each."""

    def __init__(self, fd: int):
        self.fd, self.buf = fd, bytearray()
        self.poll = select.poll()
        self.poll.register(fd, select.POLLIN | select.POLLHUP | select.POLLERR)

    def next(self, timeout: float) -> tuple[dict[str, Any], bytes] | str:
        """The next frame, ``"timeout"`` or ``"eof"`` (the child is gone)."""
        deadline = time.monotonic() + timeout
        while True:
            if len(self.buf) >= _HEAD.size:
                n_head, n_blob = _HEAD.unpack_from(self.buf)
                end = _HEAD.size + n_head + n_blob
                if len(self.buf) >= end:
                    head = json.loads(bytes(self.buf[_HEAD.size:_HEAD.size + n_head]))
                    blob = bytes(self.buf[_HEAD.size + n_head:end])
                    del self.buf[:end]
                    return head, blob
            left = deadline - time.monotonic()
            if left <= 0 or not self.poll.poll(left * 1000):
                return "timeout"
            chunk = os.read(self.fd, 1 << 20)
            if not chunk:
                return "eof"
            self.buf += chunk


# ------------------------------------------------------------------------------------------ the child


def _child(fd: int, request: dict[str, Any], data: bytes) -> None:
    """Runs in the child: limits on, text read, result or error sent; never returns."""
    global _IN_CHILD
    _IN_CHILD = True
    gc.disable()  # a short life: no collector walking (and copying) the parent's objects
    code = 0
    try:
        _quiet()
        limits = lim.Limits(**request["limits"])
        name = request["name"]
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        _cap(resource.RLIMIT_AS, _address_space() + limits.memory)
        _cpu_budget(limits.seconds_per_page * 2)
        page = [0]

        def step(p: int, allowed: float) -> None:  # a page (or a whole-file step) starts: its CPU time
            page[0] = p
            _cpu_budget(allowed)
            _send(fd, {"t": "step", "page": p, "allow": allowed})

        lim.on_progress(step)
        try:
            count, pages = tx.extract_runs(data, name, engine=request["engine"], limits=limits, checked=True)
            blob = json.dumps([None if runs is None else [[r.x0, r.x1, r.top, r.bottom, r.text] for r in runs]
                               for runs in pages]).encode()
            _send(fd, {"t": "done", "count": count}, blob)
        except StatementError as exc:
            _send(fd, {"t": "error", "message": exc.message, "page": exc.page, "limit": isinstance(exc, lim.LimitExceeded)})
        except MemoryError:
            _send(fd, {"t": "memory", "page": page[0]})
        except RecursionError:
            _send(fd, {"t": "error", "message": "is nested too deeply to read (damaged or crafted file)", "page": page[0] or None})
        except Exception as exc:  # a PDF library failing in a way of its own
            _send(fd, {"t": "error", "message": f"cannot be read (the PDF library failed: {type(exc).__name__})",
                       "page": page[0] or None})
    except BaseException:
        code = 70
    finally:
        os._exit(code)


def _quiet() -> None:
    """Nothing from the child reaches the terminal (a library's messages, a crash dump): the parent
    reports in one line."""
    faulthandler.disable()
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    os.close(null)


def _address_space() -> int:
    """Bytes of address space this process holds now."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _cap(which: int, value: int) -> None:
    _, hard = resource.getrlimit(which)
    value = max(1, int(value))
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    resource.setrlimit(which, (value, hard))


def _cpu_budget(seconds: float) -> None:
    """Let this process spend ``seconds`` more CPU time (SIGXCPU after that)."""
    used = resource.getrusage(resource.RUSAGE_SELF)
    _cap(resource.RLIMIT_CPU, used.ru_utime + used.ru_stime + seconds + 1)


# ------------------------------------------------------------------------------------------ the parent


def _watch(frames: _Frames, name: str, engine: str, limits: lim.Limits, kill: Callable[[], None],
           status: Callable[[], int], release: Callable[[], Any]) -> tuple[int, tx.RunPages]:
    """Follow the child's frames until its result; stop it when a step runs past its time. ``status`` waits
    for the child's end (its wait status); ``release`` lets a child that sent its last frame exit alone."""
    page, allowed = 0, max(limits.seconds_per_page, 5.0)  # opening the file
    while True:
        frame = frames.next(allowed)
        if frame == "timeout":
            kill()
            status()
            raise _too_slow(name, engine, limits, page, allowed)
        if frame == "eof":
            return _died(name, engine, limits, page, status())
        head, blob = frame
        kind = head["t"]
        if kind == "step":
            page, allowed = int(head["page"]), float(head["allow"])
        elif kind == "done":
            release()
            pages = [None if runs is None else [tx.Run(*r) for r in runs] for runs in json.loads(blob)]
            return int(head["count"]), pages
        elif kind == "error":
            release()
            raise (lim.LimitExceeded if head.get("limit") else StatementError)(name, head["message"], page=head["page"])
        elif kind == "memory":
            release()
            raise _out_of_memory(name, engine, limits, head["page"] or page)


def _too_slow(name: str, engine: str, limits: lim.Limits, page: int, allowed: float) -> StatementError:
    """The one-line error for a step stopped by the parent's watch."""
    fix = "raise it with --limit seconds_per_page=N if the file is genuine"
    if page:
        return lim.LimitExceeded(name, f"exceeds the limit on seconds for one page ({_ENGINE_NAMES[engine]} stopped "
                                 f"after {allowed:.1f} s): {fix}", page=page)
    if allowed > limits.seconds_per_page:  # a whole-file step
        return lim.LimitExceeded(name, f"exceeds the limit on seconds per page ({_ENGINE_NAMES[engine]} stopped "
                                 f"after {allowed:.0f} s for the whole file): {fix}")
    return lim.LimitExceeded(name, f"took more than {allowed:.0f} s to open (damaged or crafted file)")


def _died(name: str, engine: str, limits: lim.Limits, page: int, code: int) -> tuple[int, tx.RunPages]:
    """The one-line error for a child that ended without a result (``code``: its wait status)."""
    sig = os.WTERMSIG(code) if os.WIFSIGNALED(code) else None
    if sig == signal.SIGXCPU or sig == signal.SIGKILL:
        raise lim.LimitExceeded(name, f"{_ENGINE_NAMES[engine]} used more CPU time than the limit allows "
                             f"({limits.seconds_per_page:.0f} s a page): raise it with --limit seconds_per_page=N "
                             "if the file is genuine", page=page or None)
    raise _out_of_memory(name, engine, limits, page)


def _out_of_memory(name: str, engine: str, limits: lim.Limits, page: int) -> StatementError:
    return lim.LimitExceeded(
        name, f"{_ENGINE_NAMES[engine]} stopped while reading it (out of memory past the limit of "
        f"{limits.memory / lim.MiB:,.0f} MiB, or a damaged file): raise it with --limit memory=N if the file "
        "is genuine", page=page or None,
    )


_EXITING: list[int] = []  # children that sent their last frame and are exiting: reaped later, off the clock


def _via_fork(request: dict[str, Any], data: bytes, limits: lim.Limits) -> tuple[int, tx.RunPages]:
    _reap()
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(r)
        _child(w, request, data)
    os.close(w)
    done: list[int] = []

    def status() -> int:
        if not done:
            done.append(os.waitpid(pid, 0)[1])
        return done[0]

    def release() -> None:
        done.append(0)
        _EXITING.append(pid)

    try:
        return _watch(_Frames(r), request["name"], request["engine"], limits, lambda: _kill(pid), status, release)
    finally:
        os.close(r)
        if not done:
            _kill(pid)
            status()


def _reap() -> None:
    for pid in list(_EXITING):
        try:
            if os.waitpid(pid, os.WNOHANG)[0] == 0:
                continue
        except ChildProcessError:
            pass
        _EXITING.remove(pid)


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


# ------------------------------------------------------------------------------------------ the helper


class _Server:
    """The helper process that forks children for a threaded parent (one request at a time)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.proc: subprocess.Popen[bytes] | None = None
        self.sock: socket.socket | None = None

    def _start(self) -> socket.socket:
        if self.proc is not None and self.proc.poll() is None and self.sock is not None:
            return self.sock
        ours, theirs = socket.socketpair()
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "audit.readers.pdf.sandbox", str(theirs.fileno())], pass_fds=[theirs.fileno()],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
        )
        theirs.close()
        self.sock = ours
        return ours

    def run(self, request: dict[str, Any], data: bytes, limits: lim.Limits) -> tuple[int, tx.RunPages]:
        with self.lock:
            sock = self._start()
            r, w = os.pipe()
            try:
                socket.send_fds(sock, [b"R"], [w])
                os.close(w)
                _send(sock.fileno(), request, data)
                control = _Frames(sock.fileno())
                first = control.next(60.0)  # the helper answers with the child's pid
                if not isinstance(first, tuple):
                    self._stop()
                    raise StatementError(request["name"], "could not be read: the PDF helper process did not answer")
                pid = int(first[0]["pid"])

                def status() -> int:
                    reply = control.next(30.0)
                    if not isinstance(reply, tuple):
                        self._stop()
                        return 0
                    return int(reply[0]["status"])

                return _watch(_Frames(r), request["name"], request["engine"], limits, lambda: _kill(pid), status, status)
            finally:
                os.close(r)

    def _stop(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
        if self.sock is not None:
            self.sock.close()
        self.proc = self.sock = None


_SERVER = _Server()


def serve(fd: int) -> None:
    """The helper's loop: for each request, fork a child that reads the file and report its exit status."""
    import pdfplumber  # noqa: F401  (imported once here, so each child starts with it)
    import pypdfium2  # noqa: F401

    sock = socket.socket(fileno=fd)
    control = _Frames(fd)
    while True:
        try:
            _, fds, _, _ = socket.recv_fds(sock, 1, 1)
        except OSError:
            return
        if not fds:
            return
        frame = control.next(3600.0)
        if not isinstance(frame, tuple):
            return
        request, data = frame
        pid = os.fork()
        if pid == 0:
            sock.close()
            _child(fds[0], request, data)
        os.close(fds[0])
        _send(fd, {"pid": pid})
        _send(fd, {"status": os.waitpid(pid, 0)[1]})


if __name__ == "__main__":
    serve(int(sys.argv[1]))
