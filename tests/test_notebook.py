"""notebooks/01-audit-corpus.ipynb runs top to bottom in a fresh kernel.

The notebook calls ``dancoso_compare.audit`` on the bundled corpus for real.
"""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
from nbclient import NotebookClient

import dancoso_compare

REPO = Path(__file__).resolve().parents[1]
NOTEBOOK = REPO / "notebooks" / "01-audit-corpus.ipynb"



def test_notebook_executes(monkeypatch):
    original = NOTEBOOK.read_bytes()
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert callable(dancoso_compare.audit)
    # The kernel imports the package (and tests.report_factory) from this checkout.
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    monkeypatch.delenv("MPLBACKEND", raising=False)

    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()

    outputs = [out for cell in nb.cells if cell.cell_type == "code" for out in cell.get("outputs", [])]
    assert not [out for out in outputs if out.output_type == "error"]
    html = [out["data"]["text/html"] for out in outputs if "data" in out and "text/html" in out["data"]]
    frames = [h for h in html if 'class="dataframe' in h]
    assert len(frames) >= 3  # to_frame(), the status counts, the evidence (and findings)
    to_frame = frames[0]
    for column in ("source", "measure", "status", "evidence_count", "best_score", "n_findings"):
        assert f"<th>{column}</th>" in to_frame
    assert any('class="dancoso-matrix"' in h for h in html)  # the result's own HTML matrix
    images = [out for out in outputs if "data" in out and "image/png" in out["data"]]
    assert len(images) == 1
    evidence_cell = next(c for c in nb.cells if c.cell_type == "code" and "result.evidence(" in c.source)
    evidence_html = "".join(o["data"].get("text/html", "") for o in evidence_cell.outputs if "data" in o)
    assert "<th>location</th>" in evidence_html and "<th>score</th>" in evidence_html
    assert "Bồi dưỡng nâng cao năng lực" in evidence_html or "dieu-" in evidence_html
    assert NOTEBOOK.read_bytes() == original  # executing never rewrites the committed notebook
