"""The year's papers as Word documents, laid out by Nghị định 30/2020/NĐ-CP.

``document`` is the layout every paper shares (heading, title, tables, signatures,
recipients); ``data`` gathers what each paper says from the lock and the ranking; one module
per paper lays it out: ``verification``, ``meeting``, ``province_flag``, ``government_flag``.
Papers are always Vietnamese (``messages/papers.py``).

May import what ``reports`` may (ranking, scoring, units, rubric, ``messages``, the shared
leaves) and python-docx.
"""
