"""TLS to a server project (issue 17): libpq's ``sslmode`` in the address is all it takes, and a
refused TLS connection is one line saying so. A second throwaway cluster listens on loopback TCP
with a self-signed certificate made here (openssl), and accepts only TLS connections."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
from pathlib import Path

import pytest

from annotator.errors import ProjectError
from annotator.model import IncomingDocument
from annotator.store import Project
from tests.postgres_cluster import SERVER_USER, running_cluster


@pytest.fixture
def tls_cluster(pg_cluster, tmp_path: Path):
    """A cluster serving TLS only on 127.0.0.1, its certificate valid for ``localhost``."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    with running_cluster(pg_cluster.bin_dir) as cluster:
        cert, key = cluster.data / "server.crt", cluster.data / "server.key"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
             "-addext", "subjectAltName=DNS:localhost", "-keyout", str(key), "-out", str(cert)],
            check=True, capture_output=True,
        )  # fmt: skip
        shutil.copy(cert, tmp_path / "root.crt")
        key.chmod(0o600)
        if os.geteuid() == 0:
            user = pwd.getpwnam(SERVER_USER)
            for path in (cert, key):
                os.chown(path, user.pw_uid, user.pw_gid)
        with (cluster.data / "pg_hba.conf").open("a", encoding="utf-8") as hba:
            hba.write("hostssl all all 127.0.0.1/32 trust\n")  # TCP only with TLS
        cluster.psql("ALTER SYSTEM SET ssl = on")
        cluster.psql("ALTER SYSTEM SET listen_addresses = '127.0.0.1'")
        cluster.restart()
        cluster.psql("CREATE DATABASE news")
        yield cluster, tmp_path / "root.crt"


def test_a_server_project_over_verified_tls(tls_cluster) -> None:
    cluster, root = tls_cluster
    address = f"postgresql://postgres@localhost:{cluster.port}/news?sslmode=verify-full&sslrootcert={root}"
    with Project.create(address) as project:
        project.add_documents([IncomingDocument("d", "زار بوتين موسكو", "d.txt")])
        assert project.database.conn.raw.pgconn.ssl_in_use
    with Project.open(address) as project:
        assert [d.name for d in project.documents()] == ["d"]


def test_refused_tls_is_one_line(tls_cluster, tmp_path: Path) -> None:
    cluster, _root = tls_cluster
    plain = f"postgresql://postgres@localhost:{cluster.port}/news?sslmode=disable"
    with pytest.raises(ProjectError, match="authentication refused") as refused:
        Project.open(plain)  # the server takes TCP connections with TLS only
    assert "\n" not in str(refused.value)
    other = tmp_path / "other.crt"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
         "-keyout", str(tmp_path / "other.key"), "-out", str(other)],
        check=True, capture_output=True,
    )  # fmt: skip
    unverified = f"postgresql://postgres@localhost:{cluster.port}/news?sslmode=verify-full&sslrootcert={other}"
    with pytest.raises(ProjectError, match="TLS") as refused:
        Project.open(unverified)  # a certificate no trusted authority signed
    assert "\n" not in str(refused.value)
