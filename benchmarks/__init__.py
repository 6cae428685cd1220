"""Development tools, not the product (issue 10): the benchmark (``python -m benchmarks.bench``,
its register builder and the probes that need Streamlit or a browser), the I/O benchmark
(``python -m benchmarks.io_bench``) and the UK-data script (``python -m benchmarks.uk_questions``)."""
