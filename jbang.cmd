@echo off
rem JBang for Gradient Kata on Windows, with nothing to install but a JDK 17 or newer:
rem
rem   jbang.cmd lessons\01-chain-rule-products\explore.jsh
rem
rem The same as ./jbang (read that script's comments): on first use the Maven Wrapper copies
rem JBang's CLI (version pinned in .mvn\jbang\pom.xml) from Maven Central into .jbang\cli;
rem then JBang's main class prints a command and exits with 255, and this script runs it.
setlocal enableextensions disabledelayedexpansion
set "KATA_ROOT=%~dp0"
set "KATA_POM=%KATA_ROOT%.mvn\jbang\pom.xml"
set "KATA_CLI=%KATA_ROOT%.jbang\cli"

rem The JDK: JAVA_HOME if it holds one, else the java on the PATH. Never a download.
set "JAVA_EXEC="
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\javac.exe" set "JAVA_EXEC=%JAVA_HOME%\bin\java.exe"
if not defined JAVA_EXEC (
  where javac >nul 2>&1 && set "JAVA_EXEC=java.exe"
)
if not defined JAVA_EXEC (
  echo jbang.cmd needs a JDK 17 or newer: set JAVA_HOME, or put its bin folder on the PATH. 1>&2
  exit /b 1
)

rem First use (or a new version in the pom): fetch JBang's CLI from Maven Central only.
fc /b "%KATA_POM%" "%KATA_CLI%\pom.xml" >nul 2>&1
if errorlevel 1 (
  echo [jbang] Fetching JBang's CLI from Maven Central into .jbang\cli ^(first run only^)... 1>&2
  if exist "%KATA_CLI%" rmdir /s /q "%KATA_CLI%"
  if exist "%KATA_CLI%.part" rmdir /s /q "%KATA_CLI%.part"
  call "%KATA_ROOT%mvnw.cmd" -q -B -f "%KATA_POM%" -gs "%KATA_ROOT%.mvn\jbang\settings.xml" dependency:copy-dependencies "-DoutputDirectory=%KATA_CLI%.part\lib" 1>&2
  if errorlevel 1 goto :fetchFailed
  copy /y "%KATA_POM%" "%KATA_CLI%.part\pom.xml" >nul
  move "%KATA_CLI%.part" "%KATA_CLI%" >nul
)

set "JBANG_NO_VERSION_CHECK=true"
set "JBANG_RUNTIME_SHELL=cmd"
set "JBANG_LAUNCH_CMD=%~f0"
2>nul >nul timeout /t 0 && (set "JBANG_STDIN_NOTTY=false") || (set "JBANG_STDIN_NOTTY=true")
if not defined JBANG_JAVA_OPTIONS set "JBANG_JAVA_OPTIONS=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"

set "KATA_OUT=%TEMP%\jbang-kata-%RANDOM%-%RANDOM%.tmp"
"%JAVA_EXEC%" %JBANG_JAVA_OPTIONS% -classpath "%KATA_CLI%\lib\*" dev.jbang.Main %* > "%KATA_OUT%"
set "KATA_ERROR=%ERRORLEVEL%"
if not "%KATA_ERROR%"=="255" goto :printOutput
rem JBang printed the command to run: run it in the place of this script.
for /f "usebackq delims=" %%L in ("%KATA_OUT%") do (
  set "KATA_CMD=%%L"
  goto :runCommand
)
:runCommand
del /f /q "%KATA_OUT%"
%KATA_CMD%
exit /b %ERRORLEVEL%

:printOutput
type "%KATA_OUT%"
del /f /q "%KATA_OUT%"
exit /b %KATA_ERROR%

:fetchFailed
if exist "%KATA_CLI%.part" rmdir /s /q "%KATA_CLI%.part"
echo [jbang] Could not fetch JBang's CLI through the Maven Wrapper (see above). 1>&2
exit /b 1
