"""Scoring: one workbook read, validated and recomputed (``workbook``), many in order and in
parallel (``batch``), results parked on disk for reports (``spool``), the arithmetic
(``compute``).

May import: form, units, rubric and the shared leaves; never ``messages``.
"""
