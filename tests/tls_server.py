"""A real PostgreSQL server that speaks only TLS, with a certificate authority made by the test.

Shared by the privacy tests (issue 12: the sync worker must honour ``sslmode``) and the
database-roles tests (issue 15: TLS to PostgreSQL). The CA and the server certificate are made
here with the ``cryptography`` package; the server refuses plain connections (``hostssl``
lines only), listens on 127.0.0.1 on a free port, runs as the ``postgres`` user when the tests
run as root (initdb and postgres refuse root), and is stopped and deleted by :meth:`destroy`.

Use the ``tls_postgres`` fixture (tests/conftest.py) rather than this class directly.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.pg_servers import Cluster, hand_to_postgres


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


class TlsPostgres(Cluster):
    """A PostgreSQL 15 cluster in /tmp that accepts only TLS connections, with a CA of its own."""

    def __init__(self) -> None:
        self.host = "127.0.0.1"
        self.ca: Authority  # made with the server's certificate, before its first start
        super().__init__(
            prefix="kiosk-tlspg-",
            conf="ssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\n"
            "max_connections = 40\nshared_buffers = 16MB\nfsync = off",
            prepare=self._certificates,
        )

    def _certificates(self, _cluster: Cluster) -> None:
        self.ca = make_authority(self.dir / "client")
        cert_pem, key_pem = _server_certificate(self.ca, self.host)
        for name, data, mode in (("server.crt", cert_pem, 0o644), ("server.key", key_pem, 0o600)):
            path = self.data / name
            path.write_bytes(data)
            path.chmod(mode)
            hand_to_postgres(path)
        # TLS only over TCP: a client that does not encrypt is refused (no plain `host` line).
        (self.data / "pg_hba.conf").write_text(
            "local all all trust\nhostssl all all 127.0.0.1/32 trust\n", encoding="utf-8"
        )

    def url(self, database: str = "kiosk") -> str:
        """The URL without any TLS option: each test says which ``sslmode`` it means."""
        return f"postgresql+psycopg://postgres@{self.host}:{self.port}/{database}"

    @property
    def socket_url(self) -> str:
        """Through the Unix socket (no TLS): how the test itself seeds and reads the database."""
        return f"postgresql+psycopg://postgres@/kiosk?host={self.dir}&port={self.port}"
