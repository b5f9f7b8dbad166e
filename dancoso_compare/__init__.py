"""dancoso_compare: audit Vietnamese local resolutions on grassroots democracy
(Luật Thực hiện dân chủ ở cơ sở 10/2022/QH15, Điều 8) against the law."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
