"""Benchmark probes that need Streamlit or a browser; driven by ``python -m tracker.bench``."""
