"""The unit's form: its layout (the one owner of cell positions), the writer (sheets, styles,
data validation, page setup, formulas, templates), the reader, the identity, typed values.

May import: rubric, units and the shared leaves; ``messages`` only for the form's own printed
(always Vietnamese) texts, through ``styles.form_text``.
"""
