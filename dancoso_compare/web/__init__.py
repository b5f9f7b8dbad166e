"""The local web application: upload, locality × measure matrix, documents, reviews, report download.

    dancoso serve --db sqlite:///register.db --port 8000

Needs the ``web`` extra (``pip install 'dancoso_compare[web]'``).
"""

from __future__ import annotations

from os import PathLike

from dancoso_compare.errors import DancosoError

DEFAULT_MAX_UPLOAD = 20 * 1024 * 1024


class WebUnavailable(DancosoError):
    code = "web_unavailable"
    summary_vi = "chưa cài các gói cho ứng dụng web"
    advice_vi = "Hãy cài: pip install \"dancoso_compare[web]\"."


def _require() -> None:
    try:
        import fastapi  # noqa: F401
        import python_multipart  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError as exc:
        raise WebUnavailable(
            f"the web application needs the optional packages ({exc.name} is missing): "
            "pip install 'dancoso_compare[web]'"
        ) from exc


def create_app(db: str | None = None, *, max_upload: int = DEFAULT_MAX_UPLOAD, rules: str | PathLike | None = None,
               hosts: list[str] | None = None):  # noqa: ANN201
    """The ASGI application (FastAPI) on the review register at ``db``.

    ``hosts``: Host header values served besides this computer's own names (127.0.0.1, localhost).
    """
    _require()
    from dancoso_compare.web.app import build

    return build(db, max_upload=max_upload, rules=rules, hosts=hosts or [])


def serve(db: str | None = None, *, host: str = "127.0.0.1", port: int = 8000,
          max_upload: int = DEFAULT_MAX_UPLOAD, rules: str | PathLike | None = None) -> None:
    """Run the application with uvicorn until interrupted."""
    # Bound to one address, only that name is served (no DNS rebinding); bound to every
    # interface (0.0.0.0, ::), a department's network reaches it by any name.
    hosts = ["*"] if host in ("0.0.0.0", "::", "") else [host]
    app = create_app(db, max_upload=max_upload, rules=rules, hosts=hosts)
    import uvicorn

    uvicorn.run(app, host=host, port=port, log_level="warning")
