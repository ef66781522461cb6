# The README's demo on Windows (PowerShell): set up .venv if needed, then the whole year-end
# flow on examples/. Run from anywhere:  powershell -ExecutionPolicy Bypass -File scripts\demo.ps1
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
if (-not (Test-Path ".venv\Scripts\python.exe")) {
    py -3 -m venv .venv
    if ($LASTEXITCODE -ne 0) { Write-Error "py -3 -m venv failed: install Python 3.11+ from python.org"; exit 2 }
}
.venv\Scripts\python.exe -m pip install -q --disable-pip-version-check -e .
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
.venv\Scripts\thidua.exe demo --out-dir demo-output @args
exit $LASTEXITCODE
