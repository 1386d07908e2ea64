@REM The kata's commands: kata watch, kata hint [N], kata bench (Windows; elsewhere ./kata).
@REM One Maven start compiles the harness, then the command runs in that JVM (see the "kata" profile in pom.xml).
@echo off
setlocal
set "KATA_ARGS=%*"
if "%KATA_ARGS%"=="" set "KATA_ARGS=watch"
cd /d "%~dp0"
call mvnw.cmd -q -Pkata "-Dkata.args=%KATA_ARGS%"
