@REM The kata's commands: kata watch, kata hint [N], kata bench, kata jshell NN [--reference], kata grade DIR [GRADEBOOK_DIR]
@REM (Windows; elsewhere ./kata). One Maven start compiles the harness, then the command runs in that JVM (see the
@REM "kata" profile in pom.xml). kata jshell needs no Maven: it runs lesson NN's experiment through jbang.cmd --interactive.
@echo off
setlocal
if /i "%~1"=="grade" goto grade
cd /d "%~dp0"
if /i "%~1"=="jshell" goto jshell
set "KATA_ARGS=%*"
if "%KATA_ARGS%"=="" set "KATA_ARGS=watch"
call mvnw.cmd -q -Pkata "-Dkata.args=%KATA_ARGS%"
exit /b %ERRORLEVEL%

:jshell
set "KATA_SCRIPT="
if not "%~2"=="" for /d %%D in ("lessons\%~2-*") do if exist "%%D\explore.jsh" set "KATA_SCRIPT=%%D\explore.jsh"
if not defined KATA_SCRIPT (
  echo kata jshell needs a lesson number with an experiment, e.g. kata jshell 03 ^(or kata jshell 03 --reference^). 1>&2
  exit /b 1
)
rem jbang.cmd passes its arguments on unchanged: the property that keeps JShell open is set here.
call jbang.cmd -Dnotebook.interactive=true --interactive "%KATA_SCRIPT%" %3 %4 %5 %6
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
