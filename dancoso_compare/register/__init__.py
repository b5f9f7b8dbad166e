"""The review register: every audit run and every reviewer's decision, in SQLite or PostgreSQL.

    from dancoso_compare.register import open_register
    with open_register("sqlite:///register.db") as reg:
        reg.record(report, parsed)      # after Auditor.report(parsed)
        reg.annotate(report, parsed)    # reviews in force -> MeasureCoverage.review, Finding.review
"""

from dancoso_compare.register.engine import ENV_VAR, RegisterError, default_url
from dancoso_compare.register.store import Register, ReviewEntry, content_hash, identity, open_register

__all__ = ["ENV_VAR", "Register", "RegisterError", "ReviewEntry", "content_hash", "default_url", "identity",
           "open_register"]
