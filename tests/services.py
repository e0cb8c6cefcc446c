"""
Throwaway services for the test suite, started on loopback and removed afterwards.

    python -m tests.services postgres -- pytest -q

starts a private PostgreSQL cluster (initdb + pg_ctl on a temporary directory and
a free port), runs the command with DATABASE_URL pointing at it, then stops the
cluster and deletes its directory, whatever the command's outcome. Its exit code
is the command's.
"""

import argparse
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.support.processes import free_port

PG_SEARCH_DIRS = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)


def find_binary(name):
    found = shutil.which(name)
    if found:
        return found
    for directory in PG_SEARCH_DIRS:
        candidate = directory / name
        if candidate.exists():
            return str(candidate)
    raise SystemExit(
        f"{name} not found. Install PostgreSQL's server binaries "
        "(Debian: apt-get install postgresql) to run the PostgreSQL tests."
    )


def _as_postgres_user():
    """initdb refuses to run as root: when we are root, run the cluster as 'postgres' or 'nobody'."""
    if os.geteuid() != 0:
        return None
    import pwd

    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            return pwd.getpwnam(name)
    raise SystemExit("Running as root and no 'postgres' or 'nobody' user to run PostgreSQL as.")


@contextlib.contextmanager
def postgres_cluster():
    """Yield a DATABASE_URL for a fresh PostgreSQL cluster that is removed afterwards."""
    initdb, pg_ctl = find_binary("initdb"), find_binary("pg_ctl")
    tmp = Path(tempfile.mkdtemp(prefix="sistercities-pg-"))
    data, sockets = tmp / "data", tmp / "sock"
    sockets.mkdir()
    user = _as_postgres_user()

    def run(cmd):
        kwargs = {"check": True, "stdout": subprocess.DEVNULL}
        if user is not None:
            kwargs.update(user=user.pw_uid, group=user.pw_gid)
        subprocess.run(cmd, **kwargs)

    if user is not None:
        os.chmod(tmp, 0o755)  # noqa: S103 - the postgres user must reach its socket directory
        for path in (tmp, sockets):
            os.chown(path, user.pw_uid, user.pw_gid)
    port = free_port()
    try:
        run([initdb, "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"])
        options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        run([pg_ctl, "-D", str(data), "-o", options, "-l", str(tmp / "server.log"), "-w", "start"])
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        if (data / "postmaster.pid").exists():
            with contextlib.suppress(subprocess.CalledProcessError):
                run([pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"])
        shutil.rmtree(tmp, ignore_errors=True)


SERVICES = {"postgres": postgres_cluster}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("service", choices=sorted(SERVICES))
    parser.add_argument("command", nargs=argparse.REMAINDER, help="the command to run, after --")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the command to run after --")
    with SERVICES[args.service]() as url:
        print(f"tests.services: {args.service} is up at {url}", file=sys.stderr)
        env = {**os.environ, "DATABASE_URL": url}
        return subprocess.run(command, env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
