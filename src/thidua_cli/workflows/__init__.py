"""What each command does, as one function: a typed request (paths, options) in, results out.

The CLI parses its options into a request, calls one workflow, renders what comes back.
May import every core layer and ``reports``; never typer, rich or ``messages``.
"""
