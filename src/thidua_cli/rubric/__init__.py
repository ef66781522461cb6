"""The rubric: its model, the formula language, loading from YAML, and its self-checks.

May import: the shared leaves (findings, numbers, text, files, safe_yaml, validation).
"""
