; Inno Setup 6 script for the Windows installer (UNTESTED: see README.md beside it).
; Build the bundle first (kiosk-windows.spec), then:  iscc /DAppVersion=0.1.0 installer\windows\classroom-kiosk.iss
; Installs the bundle under Program Files, a Start menu entry, an optional desktop icon and an
; optional "open at login in kiosk mode" entry; uninstalling leaves each user's data folder
; (%LOCALAPPDATA%\classroom-kiosk) in place.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Classroom Attendance Kiosk"
#define BundleDir "..\..\dist\classroom-kiosk"

[Setup]
AppId={{6B1C3D0E-3F4A-4C36-9F0B-5A3E2C1D7B42}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Classroom kiosk maintainers
DefaultDirName={autopf}\Classroom Kiosk
DefaultGroupName={#AppName}
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=classroom-kiosk-{#AppVersion}-windows-x64-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\kiosk-window.exe
; a newer version installs over an older one: data and settings live in the user's folder
UsePreviousAppDir=yes

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "autostart"; Description: "Open the kiosk full screen (kiosk mode) when I log in"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\kiosk-window.exe"
Name: "{group}\Kiosk doctor (check this PC)"; Filename: "{cmd}"; Parameters: "/k ""{app}\kiosk.exe"" doctor"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\kiosk-window.exe"; Tasks: desktopicon
; KIOSK_MODE=1 cannot be set on a shortcut: kiosk mode at login uses a small cmd wrapper.
Name: "{userstartup}\{#AppName}"; Filename: "{cmd}"; Parameters: "/c set KIOSK_MODE=1 && start """" ""{app}\kiosk-window.exe"""; Flags: runminimized; Tasks: autostart

[Run]
Filename: "{app}\kiosk-window.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
