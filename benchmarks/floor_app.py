"""The floor for the browser benchmark: a Streamlit app whose default page holds a one-bar plotly
chart (so what is measured is Streamlit plus plotly.js itself), and a blank page to leave it for.
Laid out like the tracker (wide, sidebar navigation), so the two are navigated the same way."""

import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="Floor", layout="wide")


def chart() -> None:
    st.title("Chart")
    figure = go.Figure(go.Bar(x=[1], y=["a"], orientation="h"))
    st.plotly_chart(figure, key="floor.chart", config={"displayModeBar": False})


def blank() -> None:
    st.title("Blank")


st.navigation([st.Page(chart, title="Chart", default=True), st.Page(blank, title="Blank", url_path="blank")]).run()
