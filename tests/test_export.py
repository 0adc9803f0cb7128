"""The bringer's session export (`lises_reflect.export`): pseudonymised tags CSV and JSON, and
the line-numbered PDF handout."""

from __future__ import annotations

import csv
import io
import json

from lises_reflect import export, tagging
from tests.builders import at_describe


def test_export_for_the_bringer_uses_pseudonyms(org) -> None:
    e = org.engine
    sid = at_describe(org)
    tagging.set_turn_tags(e, org.listener, sid, 3, ["institutional"])
    tagging.save_link(e, org.listener2, sid, 2, [3], "passed_over")
    data = tagging.export_session(e, org.bringer, sid)
    assert len(data.turns) == 6 and data.questions
    assert {t.annotator for t in data.tags} <= {"Deltager A", "Deltager B", "Deltager C"}
    rows = list(csv.DictReader(io.StringIO(export.tags_csv(data).decode("utf-8-sig"))))
    assert {"turn", "speaker", "tag", "annotator", "link", "outcome"} == set(rows[0])
    assert any(r["outcome"] == "passed_over" and r["link"] == "3" for r in rows)
    text = export.tags_csv(data).decode("utf-8-sig") + export.session_json(data).decode()
    for name in ("Bringer", "Listener", "Listener2"):
        assert name not in text
    assert json.loads(export.session_json(data))["turns"][0]["speaker"] == "caseworker"
    assert export.handout_pdf(data).startswith(b"%PDF")


def test_pdf_handout_is_line_numbered_and_prints_danish(org) -> None:
    from pypdf import PdfReader

    sid = at_describe(org)
    pdf = export.handout_pdf(tagging.export_session(org.engine, org.bringer, sid))
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Fortroligt – kun til deltagerne i sessionen" in text
    assert "Hvordan er det gået i praktikken?" in text and "køre truck" in text
    assert "(1.2)" in text and "Mentor:" in text
    assert "Spørgsmål til refleksionen" in text and "Side 1 af 1" in text
    # running line numbers in the margin: 1..n all present
    numbers = {int(tok) for tok in text.split() if tok.isdigit()}
    assert set(range(1, 7)) <= numbers


def test_a_link_row_names_the_tag_its_turn_was_linked_as(org) -> None:
    """Issue 21: a gribning from the citizen's concrete labour-market perspective is exported
    as such; a link from an untagged turn is a meaning-making one, as before."""
    e = org.engine
    sid = at_describe(org)
    tagging.set_turn_tags(e, org.listener, sid, 4, ["citizen_concrete_lm"])
    tagging.save_link(e, org.listener, sid, 4, [5], "overtaken_institutional")
    tagging.save_link(e, org.listener2, sid, 2, [3], "taken_up")
    rows = list(
        csv.DictReader(
            io.StringIO(
                export.tags_csv(tagging.export_session(e, org.bringer, sid)).decode("utf-8-sig")
            )
        )
    )
    links = {r["turn"]: r["tag"] for r in rows if r["outcome"]}
    assert links == {"4": "citizen_concrete_lm", "2": "meaning_making"}


def test_the_handout_says_which_number_is_the_line_and_which_the_turn(org) -> None:
    """The first line of turn 1 printed "1 1 Sagsbehandler:" with nothing to tell the two
    numbers apart (issue 16): line numbers are grey and a legend says so."""
    from pypdf import PdfReader

    sid = at_describe(org)
    pdf = export.handout_pdf(tagging.export_session(org.engine, org.bringer, sid))
    reader = PdfReader(io.BytesIO(pdf))
    assert "Grå tal: linjenummer. Fede tal: taleturens nummer." in reader.pages[0].extract_text()
    grey: list[str] = []

    def visit(op, args, _cm, _tm) -> None:
        if op == b"rg" or op == b"g":
            grey.append(" ".join(f"{float(a):.2f}" for a in args))

    reader.pages[0].extract_text(visitor_operand_before=visit)
    assert any(g.startswith("0.43") for g in grey)  # 110/255, the line numbers' grey
