"""dancoso_compare: audit Vietnamese local resolutions on grassroots democracy
(Luật Thực hiện dân chủ ở cơ sở 10/2022/QH15, Điều 8) against the law.

    import dancoso_compare as dc
    parsed = dc.read("corpus/tinh-son-la-2024.txt")   # documents, metadata, Điều/khoản/điểm tree
    result = dc.audit(["corpus/"])                      # AuditResult: .to_frame(), .matrix(), .plot()
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "audit", "read"]


def __getattr__(name: str):  # noqa: ANN202 - lazy: importing the package must stay cheap for the CLI
    if name in ("audit", "read"):
        from . import api

        return getattr(api, name)
    raise AttributeError(name)
