"""A real PostgreSQL server that speaks only TLS, with a certificate authority made by the test.

Shared by the privacy tests (issue 12: the sync worker must honour ``sslmode``) and the
database-roles tests (issue 15: TLS to PostgreSQL). The CA and the server certificate are made
here with the ``cryptography`` package; the server refuses plain connections (``hostssl``
lines only), listens on 127.0.0.1 on a free port, runs as the ``postgres`` user when the tests
run as root (initdb and postgres refuse root), and is stopped and deleted by :meth:`destroy`.

Use the ``tls_postgres`` fixture (tests/conftest.py) rather than this class directly.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import ipaddress
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

PG_BIN = Path("/usr/lib/postgresql/15/bin")
START_TIMEOUT_SECONDS = 60


@dataclass(frozen=True)
class Authority:
    """A CA: its certificate file (what a kiosk's ``sslrootcert`` names) and its signing key."""

    cert_path: Path
    cert: x509.Certificate
    key: ec.EllipticCurvePrivateKey


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def make_authority(folder: Path, common_name: str = "Kiosk Test School CA") -> Authority:
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(_name(common_name))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=2))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{common_name.replace(' ', '-').lower()}.crt"
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return Authority(path, cert, key)


def _server_certificate(ca: Authority, host: str) -> tuple[bytes, bytes]:
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(host))
        .issuer_name(ca.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address(host)), x509.DNSName("localhost")]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(ca.key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return cert.public_bytes(serialization.Encoding.PEM), key_pem


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class TlsPostgres:
    """A PostgreSQL 15 cluster in /tmp that accepts only TLS connections, with a CA of its own."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="kiosk-tlspg-", dir="/tmp"))
        self.data = self.dir / "data"
        self.host = "127.0.0.1"
        self.port = _free_port()
        self.ca = make_authority(self.dir / "client")
        self._owner = pwd.getpwnam("postgres") if os.geteuid() == 0 else None
        if self._owner is not None:
            os.chown(self.dir, self._owner.pw_uid, self._owner.pw_gid)
        self._run(str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "--no-sync")
        cert_pem, key_pem = _server_certificate(self.ca, self.host)
        for name, data, mode in (("server.crt", cert_pem, 0o644), ("server.key", key_pem, 0o600)):
            path = self.data / name
            path.write_bytes(data)
            path.chmod(mode)
            if self._owner is not None:
                os.chown(path, self._owner.pw_uid, self._owner.pw_gid)
        with (self.data / "postgresql.conf").open("a", encoding="utf-8") as fh:
            fh.write(
                f"\nport = {self.port}\nlisten_addresses = '{self.host}'\nunix_socket_directories = '{self.dir}'\n"
                "ssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\n"
                "max_connections = 40\nshared_buffers = 16MB\nfsync = off\n"
            )
        # TLS only over TCP: a client that does not encrypt is refused (no plain `host` line).
        (self.data / "pg_hba.conf").write_text(
            "local all all trust\nhostssl all all 127.0.0.1/32 trust\n", encoding="utf-8"
        )
        try:
            self._run(
                str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.dir / "log"), "-w",
                "-t", str(START_TIMEOUT_SECONDS), "start",
            )  # fmt: skip
            self._run(
                str(PG_BIN / "createdb"), "-h", str(self.dir), "-p", str(self.port), "-U", "postgres", "kiosk"
            )
        except BaseException:
            self.destroy()
            raise

    def url(self, database: str = "kiosk") -> str:
        """The URL without any TLS option: each test says which ``sslmode`` it means."""
        return f"postgresql+psycopg://postgres@{self.host}:{self.port}/{database}"

    @property
    def socket_url(self) -> str:
        """Through the Unix socket (no TLS): how the test itself seeds and reads the database."""
        return f"postgresql+psycopg://postgres@/kiosk?host={self.dir}&port={self.port}"

    def _run(self, *argv: str) -> None:
        cmd = ["runuser", "-u", "postgres", "--", *argv] if self._owner is not None else list(argv)
        subprocess.run(cmd, check=True, capture_output=True, timeout=120, cwd="/")

    def destroy(self) -> None:
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.dir, ignore_errors=True)
