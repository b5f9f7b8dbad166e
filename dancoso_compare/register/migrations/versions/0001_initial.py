"""The review register: documents by content hash, runs, reviews of measures and findings.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("identity", sa.String(500), nullable=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("draft", sa.Boolean, nullable=False),
        sa.Column("number", sa.String(100), nullable=True),
        sa.Column("locality_name", sa.String(200), nullable=True),
        sa.Column("locality_unit", sa.String(50), nullable=True),
        sa.Column("level", sa.String(10), nullable=True),
        sa.Column("title", sa.Text, nullable=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("document_json", sa.Text, nullable=False),
        sa.Column("audit_json", sa.Text, nullable=True),
        sa.Column("first_seen", sa.String(32), nullable=False),
        sa.Column("last_run_id", sa.Integer, nullable=True),
    )
    op.create_index("ix_documents_identity", "documents", ["identity"])
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("rules_id", sa.String(200), nullable=False),
        sa.Column("rules_version", sa.String(50), nullable=False),
        sa.Column("tool_version", sa.String(50), nullable=False),
    )
    op.create_table(
        "run_documents",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id", ondelete="CASCADE"), nullable=False),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("doc_index", sa.Integer, nullable=False),
        sa.Column("decisions_json", sa.Text, nullable=False),
        sa.Column("findings_json", sa.Text, nullable=False),
        sa.UniqueConstraint("run_id", "source", "doc_index"),
    )
    op.create_index("ix_run_documents_run_id", "run_documents", ["run_id"])
    op.create_index("ix_run_documents_document_id", "run_documents", ["document_id"])
    for table, key, value in (("measure_reviews", "measure", "status"), ("finding_reviews", "rule", "verdict")):
        op.create_table(
            table,
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
            sa.Column(key, sa.String(100 if key == "rule" else 50), nullable=False),
            sa.Column(value, sa.String(10), nullable=False),
            sa.Column("note", sa.Text, nullable=False),
            sa.Column("by", sa.String(200), nullable=True),
            sa.Column("at", sa.String(32), nullable=False),
        )
        op.create_index(f"ix_{table}_document_id", table, ["document_id"])


def downgrade() -> None:
    for table in ("finding_reviews", "measure_reviews", "run_documents", "runs", "documents"):
        op.drop_table(table)
