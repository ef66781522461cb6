"""``python -m thidua_cli`` and the ``thidua`` command: start the command line."""

import gc


def run() -> None:
    # Start-up makes a few hundred thousand objects that live to the end (typer, pydantic,
    # rich, the rubric): the collector would scan them again and again while they are made.
    # Paused here; the command resumes it once its options are parsed (``frame``).
    gc.disable()
    from thidua_cli.cli import frame, main

    frame.collector_paused_at_start()
    main()


if __name__ == "__main__":
    run()
