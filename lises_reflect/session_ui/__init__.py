"""The session page's renderers ("Refleksion", `pages/session.py`): Streamlit glue like
`lises_reflect/ui.py`, and with `ui.py` the only part of the package that imports Streamlit.

The page reads the session and builds one `SessionContext`; every renderer here takes that
context explicitly (no module globals) and draws one part of the page:

- `header`: title, who takes part, who is here now (the `live_updates` fragment), downloads;
- `navigation`: the phase shown, the bringer's phase controls or a listener's proposal, at the
  top and again at the bottom of each phase;
- `phases`: one renderer per phase (`RENDERERS`), with `talk` (phase 4's transcript tabs),
  `learning` (phase 7) and `fields` (the autosaving texts and the others' texts).

Pure rules (option labels, referenced turns, download files, who does what in which phase)
live in `lises_reflect.session_rules` and `lises_reflect.turn_rules`, tested without
Streamlit.
"""
