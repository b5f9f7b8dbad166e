"""The CLI warns, without failing, when documents compared with each other do not belong together."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import CORPUS


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dancoso_compare.cli", *args], capture_output=True, text=True,
                          timeout=300, check=False)


def test_diff_of_two_localities_warns():
    done = run("diff", str(CORPUS / "tinh-son-la-2024.txt"), str(CORPUS / "tp-viet-tri-2024.txt"))
    assert done.returncode == 0, done.stderr
    warning = "Hai văn bản không cùng địa phương (tỉnh Sơn La và thành phố Việt Trì)"
    assert f"cảnh báo: {warning}" in done.stderr and f"! {warning}" in done.stdout
    assert "Traceback" not in done.stderr


def test_parent_of_another_province_warns():
    done = run("audit", str(CORPUS / "xa-muong-kim-2025.txt"), "--parent", str(CORPUS / "tinh-son-la-2024.txt"))
    assert done.returncode == 0, done.stderr
    assert "cảnh báo: Văn bản cấp dưới (xã Mường Kim) không thuộc tỉnh Sơn La" in done.stderr
    same = run("audit", str(CORPUS / "tinh-son-la-2024.txt"), "--parent", str(CORPUS / "tinh-son-la-2024.txt"))
    assert same.returncode == 0 and "Cấp hành chính của văn bản cấp trên không cao hơn" in same.stderr
    assert "không thuộc" not in same.stderr
