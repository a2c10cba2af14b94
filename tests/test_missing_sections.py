"""A month with only the required files still shows every section, marked as having no data."""

from __future__ import annotations

from conftest import headings, section_items, slides

SECTIONS = ["Customer", "Employees", "Operations", "Marketing", "Sales", "Finance"]


def test_missing_optional_sections_still_appear_in_order(run_cli, minimal_month, tmp_path):
    out = tmp_path / "out"
    assert run_cli("build", minimal_month, "--out", out).exit_code == 0
    docx = out / "acme-water-2026-11-leadership-pack.docx"
    pptx = out / "acme-water-2026-11-leadership-pack.pptx"

    assert headings(docx) == [
        "November 2026 in brief",
        "Agenda",
        *SECTIONS,
        "Appendix: sources and method",
    ]
    for title in SECTIONS[1:]:
        texts = [i.text for i in section_items(docx, title)]
        assert any(t.startswith("No data supplied this month.") for t in texts), title
        assert f"Add {title.lower()}.yaml to the 2026-11 folder" in " ".join(texts)
    customer = [i.text for i in section_items(docx, "Customer")]
    assert not any("No data supplied" in t for t in customer)

    views = slides(pptx)
    dividers = [v for v in views if v.layout == "Section Header"]
    assert [v.title for v in dividers] == [f"{n}. {t}" for n, t in enumerate(SECTIONS, 1)]
    for divider in dividers[1:]:
        assert any("No data supplied this month" in t for t in divider.texts)
        assert "No data supplied this month" in divider.notes
    assert all(v.notes.strip() for v in views)


def test_no_actions_file_means_no_action_log(run_cli, minimal_month, tmp_path):
    out = tmp_path / "out"
    run_cli("build", minimal_month, "--out", out)
    assert "Actions" not in headings(out / "acme-water-2026-11-leadership-pack.docx")
