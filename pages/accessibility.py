"""The accessibility statement: open to everyone, logged in or not (linked from every page's
footer)."""

import streamlit as st

from lises_reflect import accessibility, ui

statement = accessibility.statement(ui.settings(), ui.lang())
st.title(statement.title)
for section in statement.sections:
    st.subheader(section.heading)
    for paragraph in section.paragraphs:
        st.markdown(paragraph)
