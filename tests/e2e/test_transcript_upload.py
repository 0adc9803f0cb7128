"""Acceptance (issue 15): a bringer uploads a Teams recording's .vtt and maps its speakers.

In real Chromium: the .vtt lands in the excerpt field, nothing is saved; the speaker step asks
who is who ("Hvem taler?"), shows where a speaker's name stands in the text, and the excerpt
that is saved names roles only, with each turn's start time shown beside its number. The
speakers' names are then nowhere in the app's database file, nor on the reloaded page.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e import flow
from tests.e2e.conftest import RESULTS_DIR
from tests.e2e.flow import BRINGER, patient_expect  # noqa: F401  (autouse fixture)

# Names no demo data holds, so finding them in the database file can only mean a leak.
CASEWORKER = "Torbjørn Vestergaard-Ravn"
CITIZEN = "Zainab Qureshi"
VTT = f"""WEBVTT

NOTE Teams-optagelse, borgeren har givet samtykke

00:00:01.000 --> 00:00:04.000
<v {CASEWORKER}>Hej Zainab, tak fordi du kom.</v>

00:00:04.200 --> 00:00:06.500
<v {CASEWORKER}>Hvordan er det gået i praktikken?</v>

00:00:06.000 --> 00:00:09.000
<v {CITIZEN}>Det går fint. Jeg kunne godt tænke mig at arbejde i køkkenet.</v>

00:00:09.100 --> 00:00:09.900
<v {CITIZEN}></v>

00:00:10.000 --> 00:00:13.000
<v {CASEWORKER}>Lad os først få aftalen på plads, Zainab.</v>
"""
TYPED = "R: Hvordan går det?\nB: Det går fint."
SAVED = re.compile(r"✓ Gemt kl\. \d\d:\d\d:\d\d")


def test_a_vtt_is_uploaded_its_speakers_mapped_and_no_name_is_stored(
    app_server, app_data_dir: Path, new_page, wait_for_streamlit, tmp_path: Path
) -> None:
    wait = wait_for_streamlit
    a: Page = new_page()
    flow.login(a, app_server, *BRINGER, wait)
    a.get_by_role("link", name="Ny refleksion").click()
    wait(a)
    a.get_by_role("textbox", name="Arbejdstitel (valgfri)", exact=True).fill(
        f"E2E vtt {uuid.uuid4().hex[:6]}"
    )
    a.get_by_role("button", name="Start refleksion").click()
    wait(a)
    expect(a).to_have_url(re.compile(r"/refleksion\?s=\d+$"))

    # A typed-out transcript as a .txt file is saved as it comes.
    upload = a.get_by_test_id("stFileUploaderDropzoneInput")
    typed = tmp_path / "noter.txt"
    typed.write_text(TYPED, encoding="utf-8")
    upload.set_input_files(str(typed))
    wait(a)
    excerpt = a.get_by_role("textbox", name="Uddrag eller noter fra samtalen", exact=True)
    expect(excerpt).to_have_value(TYPED)
    expect(a.get_by_text(SAVED)).to_be_visible()

    # The .vtt goes into the field; nothing is saved while it still names people.
    file = tmp_path / "samtale.vtt"
    file.write_text(VTT, encoding="utf-8")
    upload.set_input_files(str(file))
    wait(a)
    expect(excerpt).to_have_value(re.compile(r"^WEBVTT"))
    step = a.get_by_test_id("stVerticalBlock").filter(has_text="Hvem taler?").last
    expect(step).to_be_visible()
    expect(step).to_contain_text("WebVTT")
    expect(a.get_by_text(SAVED)).to_have_count(0)
    use = a.get_by_role("button", name="Brug udskriften med rollerne")
    expect(use).to_be_disabled()  # no roles chosen yet

    # Roles for both speakers; the step says where a name stands in the text.
    for name, role in ((CASEWORKER, "Rådgiver"), (CITIZEN, "Borger")):
        box = step.get_by_role("combobox", name=re.compile(re.escape(name)))
        flow.pick(a, box, role, wait)
    warning = step.get_by_text(re.compile("Navne i teksten erstattes"))
    expect(warning).to_contain_text("»Zainab« i tur 1")
    expect(warning).to_contain_text("»Zainab« i tur 3")
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    a.screenshot(path=str(RESULTS_DIR / "transcript-upload-1-speakers.png"), full_page=True)

    use.click()
    wait(a)
    lines = [
        "[00:00:01] SB: Hej [borgeren], tak fordi du kom.",
        "Hvordan er det gået i praktikken?",
        "[00:00:06] B: Det går fint. Jeg kunne godt tænke mig at arbejde i køkkenet.",
        "[00:00:10] SB: Lad os først få aftalen på plads, [borgeren].",
    ]
    expect(excerpt).to_have_value("\n".join(lines))
    expect(a.get_by_text(SAVED)).to_be_visible()
    expect(a.get_by_text("Udskriften står nu i feltet med rollerne: 3 taleture")).to_be_visible()
    expect(a.get_by_text("Hvem taler?")).to_have_count(0)

    # After a reload the saved excerpt is there, and no speaker's name anywhere.
    a.reload()
    flow.settle_after_load(a, wait)
    expect(excerpt).to_have_value("\n".join(lines))
    body = a.locator("body").inner_text()
    for name in (CASEWORKER, CITIZEN, "Zainab", "Torbjørn"):
        assert name not in body
    a.screenshot(path=str(RESULTS_DIR / "transcript-upload-2-saved.png"), full_page=True)
    stored = b"".join(
        p.read_bytes() for p in app_data_dir.iterdir() if p.name.startswith("demo.sqlite3")
    )
    assert b"SB: Hej [borgeren], tak fordi du kom." in stored  # the data is in what is read
    for name in (CASEWORKER, CITIZEN, "Zainab", "Torbjørn"):
        assert name.encode() not in stored
