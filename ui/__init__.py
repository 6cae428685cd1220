"""Streamlit glue shared by the pages: the tracker, the language, the user, formatting.

Only the UI imports streamlit; tracker/ stays free of it.
"""
