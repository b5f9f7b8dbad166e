"""The register's tables (SQLAlchemy 2 declarative models).

The schema itself is created and changed only by the Alembic migrations in
``migrations/versions``; these classes must describe the head revision.
Reviews are append-only: a new decision is a new row, the latest row (highest
id) per document and measure (or rule) is the one in force, and the older ones
are the history. Nothing is updated in place, so concurrent writers never
overwrite each other.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class DocumentRow(Base):
    """One text, keyed by its content hash (renaming the file keeps the key)."""

    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    identity: Mapped[str | None] = mapped_column(String(500), index=True)  # level|locality|kind|number
    kind: Mapped[str] = mapped_column(String(20))
    draft: Mapped[bool] = mapped_column(default=False)
    number: Mapped[str | None] = mapped_column(String(100))
    locality_name: Mapped[str | None] = mapped_column(String(200))
    locality_unit: Mapped[str | None] = mapped_column(String(50))
    level: Mapped[str | None] = mapped_column(String(10))
    title: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)  # the file name it was last seen under
    document_json: Mapped[str] = mapped_column(Text)  # the parsed Document (for the diff of a changed text)
    audit_json: Mapped[str | None] = mapped_column(Text)  # the latest DocumentAudit, without reviews
    first_seen: Mapped[str] = mapped_column(String(32))
    last_run_id: Mapped[int | None] = mapped_column(Integer)


class RunRow(Base):
    __tablename__ = "runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[str] = mapped_column(String(32))
    rules_id: Mapped[str] = mapped_column(String(200))
    rules_version: Mapped[str] = mapped_column(String(50))
    tool_version: Mapped[str] = mapped_column(String(50))


class RunDocumentRow(Base):
    """A document as one run saw it: file name, decisions and findings."""

    __tablename__ = "run_documents"
    __table_args__ = (UniqueConstraint("run_id", "source", "doc_index"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(Text)
    doc_index: Mapped[int] = mapped_column(Integer)
    decisions_json: Mapped[str] = mapped_column(Text)  # {"M1": "present", ...}
    findings_json: Mapped[str] = mapped_column(Text)  # [{"rule", "severity", "line"}, ...]


class MeasureReviewRow(Base):
    __tablename__ = "measure_reviews"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    measure: Mapped[str] = mapped_column(String(50))
    status: Mapped[str] = mapped_column(String(10))
    note: Mapped[str] = mapped_column(Text)
    by: Mapped[str | None] = mapped_column(String(200))
    at: Mapped[str] = mapped_column(String(32))


class FindingReviewRow(Base):
    __tablename__ = "finding_reviews"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    rule: Mapped[str] = mapped_column(String(100))
    verdict: Mapped[str] = mapped_column(String(10))  # accepted | rejected
    note: Mapped[str] = mapped_column(Text)
    by: Mapped[str | None] = mapped_column(String(200))
    at: Mapped[str] = mapped_column(String(32))
