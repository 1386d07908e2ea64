@REM The kata's commands: kata watch, kata hint [N], kata bench, kata grade DIR [GRADEBOOK_DIR] (Windows; elsewhere ./kata).
@REM One Maven start compiles the harness, then the command runs in that JVM (see the "kata" profile in pom.xml).
@echo off
setlocal
if /i "%~1"=="grade" goto grade
set "KATA_ARGS=%*"
if "%KATA_ARGS%"=="" set "KATA_ARGS=watch"
cd /d "%~dp0"
call mvnw.cmd -q -Pkata "-Dkata.args=%KATA_ARGS%"
exit /b %ERRORLEVEL%

:grade
if "%~2"=="" (
  echo Usage: kata grade DIR [GRADEBOOK_DIR]: grade every submission in DIR ^(default gradebook: target\gradebook^) 1>&2
  exit /b 2
)
set "KATA_SUBMISSIONS=%~f2"
set "KATA_GRADEBOOK="
if not "%~3"=="" set "KATA_GRADEBOOK=-Dgradebook=%~f3"
cd /d "%~dp0"
if defined KATA_GRADEBOOK (
  call mvnw.cmd -q -Pkata "-Dkata.args=grade" "-Dsubmissions=%KATA_SUBMISSIONS%" "%KATA_GRADEBOOK%"
) else (
  call mvnw.cmd -q -Pkata "-Dkata.args=grade" "-Dsubmissions=%KATA_SUBMISSIONS%"
)
exit /b %ERRORLEVEL%
