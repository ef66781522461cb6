# The README's test command on Windows (PowerShell): set up .venv if needed, then lint,
# type-check and run every test. LibreOffice tests skip unless soffice is on PATH.
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
if (-not (Test-Path ".venv\Scripts\python.exe")) {
    py -3 -m venv .venv
    if ($LASTEXITCODE -ne 0) { Write-Error "py -3 -m venv failed: install Python 3.11+ from python.org"; exit 2 }
}
.venv\Scripts\python.exe -m pip install -q --disable-pip-version-check -e ".[test]"
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
.venv\Scripts\ruff.exe check src tests benchmarks
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
.venv\Scripts\ruff.exe format --check src tests benchmarks
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
.venv\Scripts\mypy.exe
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
.venv\Scripts\python.exe -m pytest -n 2 -q @args
exit $LASTEXITCODE
