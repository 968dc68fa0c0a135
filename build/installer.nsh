; Raceside NSIS additions (electron-builder includes this file via nsis.include).
;
; Phones on the venue Wi-Fi must reach the station, which listens on 0.0.0.0. Without a rule,
; Windows Defender Firewall asks the operator on first start, and a click on "Cancel" silently
; blocks every spectator. The installer therefore adds an inbound allow rule for the Raceside
; executable itself (so it holds whatever port the station ends up on, 4800 or the next free
; one), on the Private and Domain profiles only: a venue network marked "Public" stays closed
; until the operator marks it Private. netsh needs elevation, hence perMachine in
; electron-builder.yml. The uninstaller removes the rule; an update runs both, in that order.

!define RACESIDE_FIREWALL_RULE "Raceside station"

!macro customInstall
  nsExec::ExecToLog 'netsh advfirewall firewall delete rule name="${RACESIDE_FIREWALL_RULE}"'
  Pop $0
  nsExec::ExecToLog 'netsh advfirewall firewall add rule name="${RACESIDE_FIREWALL_RULE}" dir=in action=allow program="$INSTDIR\${APP_EXECUTABLE_FILENAME}" enable=yes profile=private,domain protocol=TCP'
  Pop $0
!macroend

!macro customUnInstall
  nsExec::ExecToLog 'netsh advfirewall firewall delete rule name="${RACESIDE_FIREWALL_RULE}"'
  Pop $0
!macroend
