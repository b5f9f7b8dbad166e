"""Debian packages the tests drive for real (browser, OCR, LibreOffice, PostgreSQL).

The test set-up installs a missing package itself when it can (root with apt-get, as in CI and on
the project's machines), so the README's test command is the whole set-up. Where it cannot, the
tests that need the tool FAIL with the command to run: a skipped test proves nothing.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess

import pytest


@functools.cache
def _apt_updated() -> bool:
    return subprocess.run(["apt-get", "update"], capture_output=True, timeout=900, check=False).returncode == 0


@functools.cache
def find_or_install(binary: str, *packages: str) -> str | None:
    """The path of ``binary``; installs ``packages`` with apt-get first when it is missing and we can."""
    found = shutil.which(binary)
    if found or not shutil.which("apt-get") or os.geteuid() != 0:
        return found
    if not _apt_updated():
        return None
    command = ["apt-get", "install", "-y", "--no-install-recommends", *packages]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if subprocess.run(command, capture_output=True, timeout=1800, check=False, env=env).returncode != 0:
        return None
    return shutil.which(binary)


def require(binary: str, *packages: str) -> str:
    """``find_or_install``, or fail the calling test with what to install."""
    found = find_or_install(binary, *packages)
    if found is None:
        pytest.fail(f"{binary} is missing and could not be installed: run `apt-get install -y {' '.join(packages)}` as root")
    return found
