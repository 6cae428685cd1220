"""Recommendations raised again (issue 14): the matcher for Vietnamese as typed.

``normalize`` turns a recommendation into its comparison key (folded, punctuation and the
shared boilerplate openings gone); ``index`` finds the most similar earlier items fast.
"""
