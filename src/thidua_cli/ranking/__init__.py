"""Ranking: statuses, ranks, the leader and flag proposals (``rank``); the verified figures
(``lock``).

May import: scoring, form, units, rubric and the shared leaves; never ``messages``.
"""
