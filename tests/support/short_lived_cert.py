"""Prints a self-signed certificate for KEY (a PEM private key), valid from an hour ago until a
day from now: an expiring certificate whenever the tests run. A certificate committed with
fixed dates would expire, and moto refuses to import an expired one.

Usage: python short_lived_cert.py KEY COMMON_NAME  (the Python of moto's virtualenv: moto
depends on `cryptography`)
"""

import datetime
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509.oid import NameOID


def main(key_path, common_name):
    with open(key_path, "rb") as f:
        key = serialization.load_pem_private_key(f.read(), password=None)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    sys.stdout.write(cert.public_bytes(serialization.Encoding.PEM).decode())


if __name__ == "__main__":
    main(*sys.argv[1:])
