"""Voter recommendation and parliamentary question response tracker (Ministry of Home Affairs).

The product without its UI: domain values, pure rules, storage and use cases.
This package never imports streamlit (tests/architecture/test_architecture.py enforces it).
"""
