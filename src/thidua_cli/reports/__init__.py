"""Reports: the score and ranking workbooks and their JSON, in the language they are given.

May import: ranking, scoring, form, units, rubric, ``messages`` and the shared leaves.
"""
