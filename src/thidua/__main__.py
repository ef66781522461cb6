from thidua_cli.__main__ import run

run()
