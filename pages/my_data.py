"""My data: everything stored about the person, to take out (GDPR article 15)."""

import streamlit as st

from lises_reflect import mydata, ui
from lises_reflect import state_keys as K
from lises_reflect.models import ROLES

uid = ui.require_role(*ROLES)
engine = ui.engine()
st.title(ui.tr("mydata.title"))
st.write(ui.tr("mydata.intro"))
ui.data_extract(
    ui.tr("mydata.make"),
    K.MY_DATA,
    lambda: mydata.my_data(engine, uid),
    lambda d: ui.tr("mydata.made", at=ui.local_time(d.exported_at)),
)
