@echo off
rem The `virtlab` command shipped with the desktop app (resources\cli): runs the bundled CLI on the system's Node.js.
where node >nul 2>nul || (echo virtlab: the command line needs Node.js 20 or later on PATH 1>&2 & exit /b 3)
node "%~dp0virtlab.mjs" %*
