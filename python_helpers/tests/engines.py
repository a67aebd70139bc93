"""Start the engines the equality test builds on, and read tables from them.

PostgreSQL runs as a private cluster on 127.0.0.1 in a temporary folder.
Spark runs inside the dbt process (profile output `spark`, method session),
so its tables are read afterwards by a second session, in a child process,
that opens the same warehouse folder and metastore.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

PG_START_TIMEOUT_S = 60
# PostgreSQL refuses to run as root, so the cluster then runs as this OS user.
PG_OS_USER = os.environ.get("ADOPTION_TEST_POSTGRES_OS_USER", "postgres")
PG_SUPERUSER = "adoption"
PG_DBNAME = "adoption"

Value = Any
Rows = list[tuple[Value, ...]]


@dataclass(frozen=True)
class Table:
    """The columns and rows of one table, as the engine's driver returned them."""

    columns: list[str]
    rows: Rows


def postgres_missing_reason() -> str | None:
    """Return why a private PostgreSQL cluster cannot start here, or None when it can."""
    for binary in ("initdb", "pg_ctl", "postgres"):
        if shutil.which(binary) is None:
            return f"PostgreSQL binary '{binary}' not found on PATH"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(PG_OS_USER)
        except KeyError:
            return (
                f"running as root, and OS user '{PG_OS_USER}' for the PostgreSQL server does "
                "not exist; set ADOPTION_TEST_POSTGRES_OS_USER to a non-root user"
            )
    try:
        import psycopg2  # noqa: F401
    except ImportError:
        return "psycopg2 is not installed; install requirements-engines.txt"
    return None


def spark_missing_reason() -> str | None:
    """Return why a local Spark session cannot start here, or None when it can."""
    if shutil.which("java") is None:
        return "Java not found on PATH; Spark needs Java 17"
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed; install requirements-engines.txt"
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass(frozen=True)
class PostgresCluster:
    """A running private cluster: its folder, port and the dbt environment for it."""

    folder: Path
    port: int
    # The uid and gid the server runs as when the tests run as root, else None.
    server_owner: tuple[int, int] | None = None

    def add_input(self, source: Path, name: str) -> Path:
        """Copy an input folder to where the server can read it, and return the copy."""
        copy = self.folder / "input" / name
        shutil.copytree(source, copy)
        _hand_over(copy, self.server_owner)
        return copy

    def dbt_env(self) -> dict[str, str]:
        """Return the environment variables of the profile output `postgres`."""
        return {
            "ADOPTION_POSTGRES_HOST": "127.0.0.1",
            "ADOPTION_POSTGRES_PORT": str(self.port),
            "ADOPTION_POSTGRES_USER": PG_SUPERUSER,
            "ADOPTION_POSTGRES_PASSWORD": "",
            "ADOPTION_POSTGRES_DBNAME": PG_DBNAME,
        }

    def connect(self, dbname: str = PG_DBNAME):
        """Open a psycopg2 connection to a database of the cluster."""
        import psycopg2

        return psycopg2.connect(host="127.0.0.1", port=self.port, user=PG_SUPERUSER, dbname=dbname)

    def execute(self, sql: str, dbname: str = "postgres") -> None:
        """Run one statement outside a transaction, as create database needs."""
        connection = self.connect(dbname)
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql)
        finally:
            connection.close()


def _hand_over(folder: Path, owner: tuple[int, int] | None) -> None:
    """Give folder and everything in it to owner, a (uid, gid) pair.

    With owner None, ownership stays as it is.
    """
    if owner is None:
        return
    for path in [folder, *folder.rglob("*")]:
        os.chown(path, *owner)


@contextmanager
def postgres_cluster(
    input_dirs: Mapping[str, Path],
) -> Iterator[tuple[PostgresCluster, dict[str, Path]]]:
    """Start a private cluster and yield it with copies of the input folders its server can read.

    The cluster listens on 127.0.0.1 only, on a free port, trusts local
    connections, and uses the C locale and UTC. It is stopped and its folder
    removed on exit. The server reads input files itself (COPY), so each
    folder of input_dirs is copied into the cluster's folder, which belongs
    to the server's OS user. The copies are yielded under the same names.
    """
    folder = Path(tempfile.mkdtemp(prefix="adoption-pg-"))
    run_as = {}
    server_owner = None
    if os.geteuid() == 0:
        account = pwd.getpwnam(PG_OS_USER)
        server_owner = (account.pw_uid, account.pw_gid)
        run_as = {"user": account.pw_uid, "group": account.pw_gid}
    data_dir = folder / "data"
    copies = {name: folder / "input" / name for name in input_dirs}
    for name, input_dir in input_dirs.items():
        shutil.copytree(input_dir, copies[name])
    _hand_over(folder, server_owner)

    def run(*command: str) -> None:
        subprocess.run(
            command,
            cwd=folder,
            check=True,
            capture_output=True,
            text=True,
            timeout=PG_START_TIMEOUT_S,
            **run_as,
        )

    port = _free_port()
    started = False
    try:
        run(
            "initdb",
            "--pgdata",
            str(data_dir),
            "--username",
            PG_SUPERUSER,
            "--auth",
            "trust",
            "--no-locale",
            "--encoding",
            "UTF8",
        )
        server_options = (
            f"-c listen_addresses=127.0.0.1 -c port={port} "
            f"-c unix_socket_directories={folder} -c timezone=UTC -c fsync=off"
        )
        run(
            "pg_ctl",
            "--pgdata",
            str(data_dir),
            "--log",
            str(folder / "server.log"),
            "--options",
            server_options,
            "--wait",
            "start",
        )
        started = True
        cluster = PostgresCluster(folder, port, server_owner)
        cluster.execute(f"create database {PG_DBNAME}")
        yield cluster, copies
    finally:
        if started:
            run("pg_ctl", "--pgdata", str(data_dir), "--mode", "fast", "--wait", "stop")
        shutil.rmtree(folder, ignore_errors=True)


def spark_dbt_env(folder: Path) -> dict[str, str]:
    """Return the environment of the profile output `spark` that keeps its files in folder."""
    return {
        "ADOPTION_SPARK_WAREHOUSE_DIR": str(folder / "warehouse"),
        "ADOPTION_SPARK_METASTORE_DIR": str(folder / "metastore"),
    }


def read_duckdb_tables(database_path: Path, schema: str, names: list[str]) -> dict[str, Table]:
    """Read whole tables from a DuckDB file, opened read-only."""
    import duckdb

    tables = {}
    with duckdb.connect(str(database_path), read_only=True) as connection:
        for name in names:
            result = connection.execute(f"select * from {schema}.{name}")
            columns = [column[0] for column in result.description]
            tables[name] = Table(columns, result.fetchall())
    return tables


def read_postgres_tables(
    cluster: PostgresCluster, schema: str, names: list[str], dbname: str = PG_DBNAME
) -> dict[str, Table]:
    """Read whole tables from a database of the cluster, by default the project's."""
    tables = {}
    connection = cluster.connect(dbname)
    try:
        with connection.cursor() as cursor:
            for name in names:
                cursor.execute(f"select * from {schema}.{name}")
                columns = [column.name for column in cursor.description]
                tables[name] = Table(columns, cursor.fetchall())
    finally:
        connection.close()
    return tables


def read_spark_tables(folder: Path, schema: str, names: list[str]) -> dict[str, Table]:
    """Read whole tables that a dbt run on the `spark` output wrote under folder.

    The reading session runs in a new child process. A session in this
    process would keep its JVM, and with it the embedded metastore of the
    first folder read, until the tests end.
    """
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as child:
        return child.submit(_read_spark_tables_for_parent, folder, schema, names).result()


def _read_spark_tables_for_parent(folder: Path, schema: str, names: list[str]) -> dict[str, Table]:
    """Read the tables, turning a failure into an error the parent process can receive.

    pyspark's errors contain locks, which cannot be sent between processes.
    """
    try:
        return _read_spark_tables_here(folder, schema, names)
    except Exception as error:
        raise RuntimeError(f"reading Spark schema {schema} from {folder} failed: {error}") from None


def _read_spark_tables_here(folder: Path, schema: str, names: list[str]) -> dict[str, Table]:
    """Read the tables in a Spark session of the calling process.

    Timestamps are formatted by Spark in the session time zone, UTC, because
    pyspark would convert them to the time zone of this Python process.
    """
    from pyspark.sql import SparkSession
    from pyspark.sql.functions import col, date_format
    from pyspark.sql.types import TimestampType

    env = spark_dbt_env(folder)
    metastore = env["ADOPTION_SPARK_METASTORE_DIR"]
    session = (
        SparkSession.builder.enableHiveSupport()
        .config("spark.sql.warehouse.dir", env["ADOPTION_SPARK_WAREHOUSE_DIR"])
        .config(
            "spark.hadoop.javax.jdo.option.ConnectionURL",
            f"jdbc:derby:;databaseName={metastore}/metastore_db;create=true",
        )
        .config("spark.driver.extraJavaOptions", f"-Dderby.system.home={metastore}")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.log.level", "ERROR")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate()
    )
    tables = {}
    try:
        for name in names:
            frame = session.table(f"{schema}.{name}")
            selected = [
                date_format(col(field.name), "yyyy-MM-dd HH:mm:ss.SSSSSS").alias(field.name)
                if isinstance(field.dataType, TimestampType)
                else col(field.name)
                for field in frame.schema.fields
            ]
            rows = frame.select(*selected).collect()
            tables[name] = Table(list(frame.columns), [tuple(row) for row in rows])
    finally:
        session.stop()
    return tables


def normalize(value: Value) -> Value:
    """Map a driver's value to one comparable form for every engine.

    Numbers become float (PostgreSQL returns Decimal for some sums), booleans
    stay booleans, dates become 'YYYY-MM-DD' and timestamps 'YYYY-MM-DD
    HH:MM:SS.ffffff' in UTC.
    """
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int | float | Decimal):
        return float(value)
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(
        f"unsupported value {value!r} of type {type(value).__name__}: add its type to normalize"
    )
