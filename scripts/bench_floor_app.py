"""The floor of this stack for `python -m explorer bench --browser`: a Streamlit page holding one small plotly chart."""

import plotly.graph_objects as go
import streamlit as st

st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=[1, 3, 2])))
