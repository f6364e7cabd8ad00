"""A throwaway PostgreSQL server for the tests: Debian's initdb and pg_ctl, run as an unprivileged
user (initdb refuses root: as root the server runs as `postgres`, the user Debian's package
makes), listening on a Unix socket in a temporary folder only, stopped and removed after.

`PgServer.start()` raises `PgUnavailable` with one line saying what is missing; the fixtures turn
that into a failure, not a skip: the store's tests must run on both engines.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import quote


class PgUnavailable(RuntimeError):
    """The server could not be started (with why, and what to install)."""


def pg_bin() -> Path:
    """Return the newest `/usr/lib/postgresql/N/bin` that has initdb and pg_ctl (or PG_BIN's)."""
    given = os.environ.get("PG_BIN")
    candidates = [given] if given else sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name)
        if Path(p).parent.name.isdigit() else 0, reverse=True)
    for c in candidates:
        if c and (Path(c) / "initdb").exists() and (Path(c) / "pg_ctl").exists():
            return Path(c)
    raise PgUnavailable("no PostgreSQL server programs (initdb, pg_ctl) in /usr/lib/postgresql/*/bin: "
                        "run `bash .ci/system-deps.sh` (installs Debian's postgresql) or set PG_BIN")


class PgServer:
    """One PostgreSQL cluster in a temporary folder, reached through its socket there."""

    def __init__(self) -> None:
        self.bin = pg_bin()
        self.user: str | None = None  # whom the server runs as, when we are root
        if os.geteuid() == 0:
            try:
                pwd.getpwnam("postgres")
            except KeyError:
                raise PgUnavailable("running as root and no user 'postgres' to run the server as "
                                    "(Debian's postgresql package makes it)") from None
            self.user = "postgres"
        # in /tmp: a socket's path must be short (107 bytes), and under root the server's user must
        # reach it (a TMPDIR inside /root would not do)
        self.root = Path(tempfile.mkdtemp(prefix="khabar-pg-", dir="/tmp" if Path("/tmp").is_dir() else None))
        self.data = self.root / "data"
        self.socket = self.root  # the socket's folder
        self.log = self.root / "server.log"
        self.superuser = "khabar"
        self._dbs = 0

    def _run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        cmd = list(args)
        if self.user:
            cmd = ["runuser", "-u", self.user, "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=self.root,
                              env={**os.environ, "LC_ALL": "C"})

    def start(self) -> PgServer:
        if self.user:
            pw = pwd.getpwnam(self.user)
            os.chown(self.root, pw.pw_uid, pw.pw_gid)
            os.chmod(self.root, 0o755)
        init = self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", self.superuser,
                         "--auth=trust", "--no-locale", "-E", "UTF8", "--no-sync")
        if init.returncode != 0:
            raise PgUnavailable(f"initdb failed: {(init.stderr or init.stdout).strip()[-400:]}")
        opts = (f"-c listen_addresses='' -c unix_socket_directories='{self.socket}' -c fsync=off"
                " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
                " -c shared_buffers=64MB -c deadlock_timeout=200ms")
        started = self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log),
                            "-o", opts, "-w", "-t", "60", "start")
        if started.returncode != 0:
            log = self.log.read_text(errors="replace")[-400:] if self.log.exists() else ""
            raise PgUnavailable(f"pg_ctl start failed: {started.stderr.strip()[-300:]} {log}")
        return self

    def url(self, database: str = "postgres") -> str:
        """Return the URL of a database of this server (socket in the server's folder)."""
        return f"postgresql://{self.superuser}@/{database}?host={quote(str(self.socket), safe='/')}"

    def fresh_schema(self, database: str) -> str:
        """Create an empty schema in a database; return the URL of a connection that works in it
        (its search_path): a fresh store in a few milliseconds, where a database takes ~0.5 s."""
        import psycopg

        self._dbs += 1
        name = f"s{self._dbs}_{uuid.uuid4().hex[:6]}"
        with psycopg.connect(self.url(database), autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{name}"')
        return f"{self.url(database)}&options=-csearch_path%3D{name}"

    def create_database(self, prefix: str = "t") -> str:
        """Create an empty database; return its URL."""
        import psycopg

        self._dbs += 1
        name = f"{prefix}_{self._dbs}_{uuid.uuid4().hex[:6]}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        import psycopg

        name = url.split("/")[3].split("?")[0]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        if self.data.exists():
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop",
                      timeout=60)
        for _ in range(20):
            try:
                shutil.rmtree(self.root)
                return
            except OSError:
                time.sleep(0.1)
