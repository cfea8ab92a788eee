<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de_DE">
    <context>
        <name>AccessGuard</name>
        <message>
            <location filename="../../kiosk/gui/access_guard.py" line="95" />
            <source>Enter the admin PIN to change kiosk settings.</source>
            <translation>Geben Sie die Admin-PIN ein, um die Kiosk-Einstellungen zu ändern.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/access_guard.py" line="101" />
            <source>an admin</source>
            <translation>ein Admin</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/access_guard.py" line="101" />
            <source>a teacher or an admin</source>
            <translation>eine Lehrkraft oder ein Admin</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/access_guard.py" line="102" />
            <source>This needs %s: sign in.</source>
            <translation>Dafür braucht es %s: Bitte melden Sie sich an.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/access_guard.py" line="121" />
            <source>The database is not open yet. Wait a moment and try again.</source>
            <translation>Die Datenbank ist noch nicht geöffnet. Warten Sie kurz und versuchen Sie es erneut.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/access_guard.py" line="129" />
            <source>%s may not do this: ask an admin.</source>
            <translation>%s darf das nicht: Fragen Sie einen Admin.</translation>
        </message>
    </context>
    <context>
        <name>AdminController</name>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="140" />
            <source>Admin</source>
            <translation>Verwaltung</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="146" />
            <source>No admin account: anyone can leave kiosk mode. Add one under Accounts… or with `kiosk user add NAME --role admin`.</source>
            <translation>Kein Admin-Konto: Jede Person kann den Kioskmodus verlassen. Legen Sie eines unter „Konten…“ an oder mit `kiosk user add NAME --role admin`.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="154" />
            <source>Leave kiosk mode</source>
            <translation>Kioskmodus verlassen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="154" />
            <source>Enter kiosk mode</source>
            <translation>Kioskmodus starten</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="156" />
            <source>Settings…</source>
            <translation>Einstellungen…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="157" />
            <source>Classes and students…</source>
            <translation>Klassen und Schüler…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="161" />
            <source>Accounts…</source>
            <translation>Konten…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="163" />
            <source>Close the kiosk</source>
            <translation>Kiosk schließen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="164" />
            <source>Sign out</source>
            <translation>Abmelden</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="166" />
            <source>Cancel</source>
            <translation>Abbrechen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="206" />
            <source>Settings saved</source>
            <translation>Einstellungen gespeichert</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="206" />
            <source>The new settings apply at the next start.</source>
            <translation>Die neuen Einstellungen gelten ab dem nächsten Start.</translation>
        </message>
    </context>
    <context>
        <name>CameraController</name>
        <message>
            <location filename="../../kiosk/gui/camera_controller.py" line="63" />
            <source>No camera selected.</source>
            <translation>Keine Kamera ausgewählt.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/camera_controller.py" line="94" />
            <source>Camera: problem</source>
            <translation>Kamera: Problem</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/camera_controller.py" line="102" />
            <source>connecting</source>
            <translation>verbindet</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/camera_controller.py" line="103" />
            <source>live</source>
            <translation>läuft</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/camera_controller.py" line="104" />
            <source>reconnecting</source>
            <translation>verbindet neu</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/camera_controller.py" line="105" />
            <source>ended</source>
            <translation>beendet</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/camera_controller.py" line="106" />
            <source>failed</source>
            <translation>fehlgeschlagen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/camera_controller.py" line="107" />
            <source>stopped</source>
            <translation>angehalten</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/camera_controller.py" line="109" />
            <source>Camera: %s</source>
            <translation>Kamera: %s</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/camera_controller.py" line="115" />
            <source>The video has ended. End the session when everyone is marked.</source>
            <translation>Das Video ist zu Ende. Beenden Sie die Sitzung, wenn alle erfasst sind.</translation>
        </message>
    </context>
    <context>
        <name>CameraPage</name>
        <message>
            <location filename="../../kiosk/gui/wizard/page_camera.py" line="66" />
            <source>Camera</source>
            <translation>Kamera</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_camera.py" line="68" />
            <source>Pick the camera facing the door, or type a video file or a stream address (rtsp://…).</source>
            <translation>Wählen Sie die Kamera, die zur Tür zeigt, oder geben Sie eine Videodatei oder Stream-Adresse (rtsp://…) ein.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_camera.py" line="75" />
            <source>Video file…</source>
            <translation>Videodatei…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_camera.py" line="76" />
            <source>Preview</source>
            <translation>Vorschau</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_camera.py" line="77" />
            <source>No preview yet</source>
            <translation>Noch keine Vorschau</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_camera.py" line="107" />
            <source>No camera was found on this computer.</source>
            <translation>Auf diesem Computer wurde keine Kamera gefunden.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_camera.py" line="108" />
            <source>Plug one in and come back to this page, or type a video file or stream address.</source>
            <translation>Schließen Sie eine an und kehren Sie zu dieser Seite zurück, oder geben Sie eine Videodatei oder Stream-Adresse ein.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_camera.py" line="129" />
            <source>Choose a video file</source>
            <translation>Videodatei auswählen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_camera.py" line="131" />
            <source>Videos (*.mp4 *.avi *.mkv *.mov);;All files (*)</source>
            <translation>Videos (*.mp4 *.avi *.mkv *.mov);;Alle Dateien (*)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_camera.py" line="141" />
            <source>Choose a camera or type a source first.</source>
            <translation>Wählen Sie zuerst eine Kamera oder geben Sie eine Quelle ein.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_camera.py" line="145" />
            <source>Opening {source}…</source>
            <translation>{source} wird geöffnet…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_camera.py" line="174" />
            <source>{source} works ({n} pictures received).</source>
            <translation>{source} funktioniert ({n} Bilder empfangen).</translation>
        </message>
    </context>
    <context>
        <name>ClassReportTab</name>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="100" />
            <source>Class</source>
            <translation>Klasse</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="101" />
            <source>From</source>
            <translation>Von</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="102" />
            <source>To</source>
            <translation>Bis</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="103" />
            <source>At risk under</source>
            <translation>Gefährdet unter</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="106" />
            <source>Show</source>
            <translation>Anzeigen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="107" />
            <source>Export…</source>
            <translation>Exportieren…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="108" />
            <source>Print…</source>
            <translation>Drucken…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="126" />
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="127" />
            <source>Id</source>
            <translation>ID</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="128" />
            <source>Sessions</source>
            <translation>Sitzungen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="129" />
            <source>Present</source>
            <translation>Anwesend</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="130" />
            <source>Late</source>
            <translation>Verspätet</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="131" />
            <source>Absent</source>
            <translation>Abwesend</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="132" />
            <source>Excused</source>
            <translation>Entschuldigt</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="133" />
            <source>Rate %</source>
            <translation>Quote %</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="134" />
            <source>At risk</source>
            <translation>Gefährdet</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="145" />
            <source>%1: %2 sessions held; class rate %3 %; %4 student(s) at risk.</source>
            <translation>%1: %2 Sitzungen gehalten; Anwesenheitsquote der Klasse %3 %; %4 Schüler/innen gefährdet.</translation>
        </message>
    </context>
    <context>
        <name>ConsentDialog</name>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="39" />
            <source>When</source>
            <translation>Wann</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="40" />
            <source>What</source>
            <translation>Was</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="41" />
            <source>Who</source>
            <translation>Wer</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="42" />
            <source>Relation</source>
            <translation>Beziehung</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="43" />
            <source>How</source>
            <translation>Wie</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="44" />
            <source>Text</source>
            <translation>Text</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="45" />
            <source>Entered by</source>
            <translation>Erfasst von</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="65" />
            <source>Consent records</source>
            <translation>Einwilligungsnachweise</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="68" />
            <source>Loading…</source>
            <translation>Wird geladen…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="75" />
            <source>Consent ledger</source>
            <translation>Verlauf der Einwilligungen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="78" />
            <source>Add a record</source>
            <translation>Eintrag hinzufügen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="82" />
            <source>Consent given</source>
            <translation>Einwilligung erteilt</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="83" />
            <source>Consent withdrawn (deletes the face data)</source>
            <translation>Einwilligung widerrufen (löscht die Gesichtsdaten)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="84" />
            <source>Objection (stops face matching)</source>
            <translation>Widerspruch (beendet den Gesichtsabgleich)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="85" />
            <source>Objection lifted by its author</source>
            <translation>Widerspruch von der Person zurückgenommen, die ihn eingelegt hat</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="88" />
            <source>&amp;What:</source>
            <translation>&amp;Was:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="91" />
            <source>Parent</source>
            <translation>Elternteil</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="92" />
            <source>Guardian</source>
            <translation>Vormund</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="93" />
            <source>The pupil</source>
            <translation>Der Schüler / die Schülerin</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="96" />
            <source>&amp;By whom:</source>
            <translation>&amp;Von wem:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="98" />
            <source>&amp;Name:</source>
            <translation>&amp;Name:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="100" />
            <source>e.g. mother, legal guardian</source>
            <translation>z. B. Mutter, Vormund</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="101" />
            <source>&amp;Relation:</source>
            <translation>&amp;Beziehung:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="105" />
            <source>paper form</source>
            <translation>Papierformular</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="105" />
            <source>email</source>
            <translation>E-Mail</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="105" />
            <source>in person</source>
            <translation>persönlich</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="105" />
            <source>letter</source>
            <translation>Brief</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="107" />
            <source>&amp;How:</source>
            <translation>W&amp;ie:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="111" />
            <source>&amp;Date given:</source>
            <translation>&amp;Datum der Erteilung:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="118" />
            <source>&amp;Add record</source>
            <translation>Eintrag &amp;hinzufügen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="132" />
            <source>Consent records: %1</source>
            <translation>Einwilligungsnachweise: %1</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="174" />
            <source>Recorded.</source>
            <translation>Gespeichert.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="188" />
            <source>Face matching is allowed: %1.</source>
            <translation>Gesichtsabgleich ist erlaubt: %1.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="192" />
            <source>Face matching is NOT allowed: %1. This pupil checks in by card, PIN or the teacher.</source>
            <translation>Gesichtsabgleich ist NICHT erlaubt: %1. Diese Person meldet sich mit Karte, PIN oder über die Lehrkraft an.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="197" />
            <source>The consent text has changed since: ask for a renewed consent.</source>
            <translation>Der Einwilligungstext hat sich seitdem geändert: Bitte eine erneute Einwilligung einholen.</translation>
        </message>
    </context>
    <context>
        <name>CorrectionDialog</name>
        <message>
            <location filename="../../kiosk/gui/records_dialogs.py" line="44" />
            <source>Correct a mark</source>
            <translation>Eintrag korrigieren</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_dialogs.py" line="48" />
            <source>Now: %s</source>
            <translation>Jetzt: %s</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_dialogs.py" line="51" />
            <source>This register was signed off: the change is recorded with your reason.</source>
            <translation>Diese Anwesenheitsliste wurde bereits bestätigt: Die Änderung wird mit Ihrer Begründung protokolliert.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_dialogs.py" line="64" />
            <source>Reason for the change (required):</source>
            <translation>Grund für die Änderung (Pflichtfeld):</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_dialogs.py" line="67" />
            <source>e.g. note from the office</source>
            <translation>z. B. Nachricht vom Sekretariat</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_dialogs.py" line="69" />
            <source>Excuse (for excused, optional):</source>
            <translation>Entschuldigung (bei „entschuldigt“, optional):</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_dialogs.py" line="75" />
            <source>Save</source>
            <translation>Speichern</translation>
        </message>
    </context>
    <context>
        <name>DatabasePage</name>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="45" />
            <source>Where attendance is stored</source>
            <translation>Wo die Anwesenheit gespeichert wird</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="47" />
            <source>One kiosk can keep a local file; several classrooms share a PostgreSQL server.</source>
            <translation>Ein einzelner Kiosk kann eine lokale Datei nutzen; mehrere Klassenräume teilen sich einen PostgreSQL-Server.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="53" />
            <source>Keep the local database file on this computer ({path})</source>
            <translation>Lokale Datenbankdatei auf diesem Computer behalten ({path})</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="57" />
            <source>Use a PostgreSQL server</source>
            <translation>Einen PostgreSQL-Server verwenden</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="62" />
            <source>Enter the server details</source>
            <translation>Serverdaten eingeben</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="63" />
            <source>Paste a connection URL</source>
            <translation>Verbindungs-URL einfügen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="70" />
            <source>db.school.local</source>
            <translation>db.schule.local</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="82" />
            <source>Default: encrypted when the server offers it</source>
            <translation>Standard: verschlüsselt, wenn der Server es anbietet</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="83" />
            <source>disable: never encrypted</source>
            <translation>disable: nie verschlüsselt</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="84" />
            <source>require: always encrypted</source>
            <translation>require: immer verschlüsselt</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="85" />
            <source>verify-ca: encrypted, certificate checked</source>
            <translation>verify-ca: verschlüsselt, Zertifikat geprüft</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="86" />
            <source>verify-full: encrypted, certificate and host name checked</source>
            <translation>verify-full: verschlüsselt, Zertifikat und Hostname geprüft</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="91" />
            <source>the school's CA certificate, e.g. school-ca.crt</source>
            <translation>das CA-Zertifikat der Schule, z. B. schule-ca.crt</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="92" />
            <source>Choose…</source>
            <translation>Auswählen…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="97" />
            <source>Test the connection</source>
            <translation>Verbindung testen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="102" />
            <source>Keep it in the kiosk's password file {path} (readable only by this user)</source>
            <translation>In der Passwortdatei des Kiosks {path} ablegen (nur für diesen Benutzer lesbar)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="107" />
            <source>I will set {var} where the kiosk starts (the password is not saved anywhere)</source>
            <translation>Ich setze {var} dort, wo der Kiosk startet (das Passwort wird nirgends gespeichert)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="297" />
            <source>This computer has no password store (keyring), so the kiosk needs another place to find the password.</source>
            <translation>Dieser Computer hat keinen Passwortspeicher (Keyring), daher braucht der Kiosk einen anderen Ort für das Passwort.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="301" />
            <source>The password file is what PostgreSQL's own tools use; it is never the settings file. Or set the environment variable {var} in the kiosk's service or start script.</source>
            <translation>Die Passwortdatei ist die, die auch die PostgreSQL-Werkzeuge verwenden; es ist nie die Einstellungsdatei. Oder setzen Sie die Umgebungsvariable {var} im Dienst oder Startskript des Kiosks.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="124" />
            <source>Host:</source>
            <translation>Host:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="125" />
            <source>Port:</source>
            <translation>Port:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="126" />
            <source>Database:</source>
            <translation>Datenbank:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="127" />
            <source>User:</source>
            <translation>Benutzer:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="128" />
            <source>URL:</source>
            <translation>URL:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="129" />
            <source>Password:</source>
            <translation>Passwort:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="130" />
            <source>Encryption (SSL):</source>
            <translation>Verschlüsselung (SSL):</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="131" />
            <source>CA certificate:</source>
            <translation>CA-Zertifikat:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="133" />
            <source>PostgreSQL server</source>
            <translation>PostgreSQL-Server</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="225" />
            <source>The school's CA certificate</source>
            <translation>Das CA-Zertifikat der Schule</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="227" />
            <source>Certificates (*.crt *.pem *.cer);;All files (*)</source>
            <translation>Zertifikate (*.crt *.pem *.cer);;Alle Dateien (*)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="236" />
            <source>Press “Test the connection” to check these details before going on.</source>
            <translation>Drücken Sie „Verbindung testen“, um diese Angaben vor dem Weitergehen zu prüfen.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="273" />
            <source>Connecting to {where}…</source>
            <translation>Verbindung zu {where}…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="291" />
            <source>Connected to {where}.</source>
            <translation>Mit {where} verbunden.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="292" />
            <source>The user may create tables there, so the kiosk can set up its database.</source>
            <translation>Der Benutzer darf dort Tabellen anlegen; der Kiosk kann seine Datenbank einrichten.</translation>
        </message>
    </context>
    <context>
        <name>DayTab</name>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="250" />
            <source>Show</source>
            <translation>Anzeigen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="251" />
            <source>Day</source>
            <translation>Tag</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="259" />
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="260" />
            <source>Id</source>
            <translation>ID</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="261" />
            <source>Class</source>
            <translation>Klasse</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="262" />
            <source>Sessions</source>
            <translation>Sitzungen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="263" />
            <source>Absent</source>
            <translation>Abwesend</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="264" />
            <source>Excused</source>
            <translation>Entschuldigt</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="265" />
            <source>Late</source>
            <translation>Verspätet</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="275" />
            <source>%1: %2 sessions; %3 student(s) missing.</source>
            <translation>%1: %2 Sitzungen; %3 Schüler/innen fehlen.</translation>
        </message>
    </context>
    <context>
        <name>DemoWindow</name>
        <message>
            <location filename="../../kiosk/gui/demo_window.py" line="44" />
            <source>Preparing the demo class and its sample camera stream…</source>
            <translation>Demo-Klasse und Beispiel-Kamerastream werden vorbereitet…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/demo_window.py" line="45" />
            <source>Loading face models and enrolling the sample students…</source>
            <translation>Gesichtsmodelle werden geladen und die Beispielpersonen erfasst…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/demo_window.py" line="76" />
            <source>The demo could not be prepared.</source>
            <translation>Die Demo konnte nicht vorbereitet werden.</translation>
        </message>
    </context>
    <context>
        <name>DonePage</name>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="45" />
            <source>Ready</source>
            <translation>Bereit</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="47" />
            <source>Press “Save and check” to save these settings and check the kiosk as it will start.</source>
            <translation>Drücken Sie „Speichern und prüfen“, um diese Einstellungen zu speichern und den Kiosk so zu prüfen, wie er starten wird.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="51" />
            <source>Save and check</source>
            <translation>Speichern und prüfen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="62" />
            <source>First admin account (skip if the school has one)</source>
            <translation>Erstes Admin-Konto (überspringen, wenn die Schule schon eines hat)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="68" />
            <source>Admin &amp;name:</source>
            <translation>&amp;Name des Admins:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="69" />
            <source>Admin &amp;PIN or password:</source>
            <translation>&amp;PIN oder Passwort des Admins:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="83" />
            <source>the local file {path}</source>
            <translation>die lokale Datei {path}</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="87" />
            <source>Database</source>
            <translation>Datenbank</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="88" />
            <source>Recognition model</source>
            <translation>Erkennungsmodell</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="89" />
            <source>Camera</source>
            <translation>Kamera</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="90" />
            <source>Settings file</source>
            <translation>Einstellungsdatei</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="98" />
            <source>The database password goes to this computer's password store (keyring).</source>
            <translation>Das Datenbankpasswort kommt in den Passwortspeicher dieses Computers (Schlüsselbund).</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="101" />
            <source>The database password goes to the kiosk's password file {path} (readable only by this user).</source>
            <translation>Das Datenbankpasswort kommt in die Passwortdatei des Kiosks {path} (nur für diesen Benutzer lesbar).</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="105" />
            <source>The password is not written anywhere: set {var} where the kiosk starts.</source>
            <translation>Das Passwort wird nirgends gespeichert: Setzen Sie {var} dort, wo der Kiosk startet.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="132" />
            <source>Saving, then checking the kiosk as it will start…</source>
            <translation>Speichern, dann den Kiosk so prüfen, wie er starten wird…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="160" />
            <source>Saved, but the kiosk will not fully work yet: {what}.</source>
            <translation>Gespeichert, aber der Kiosk funktioniert noch nicht ganz: {what}.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="164" />
            <source>The list below says what is left and how to fix it; `kiosk doctor` shows it again.</source>
            <translation>Die Liste unten zeigt, was noch fehlt und wie man es behebt; `kiosk doctor` zeigt sie erneut.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="170" />
            <source>Saved to {path}; the kiosk works as set up.</source>
            <translation>Gespeichert in {path}; der Kiosk funktioniert wie eingerichtet.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="171" />
            <source>Press Finish to start it.</source>
            <translation>Drücken Sie „Fertigstellen“, um ihn zu starten.</translation>
        </message>
    </context>
    <context>
        <name>DoubtPanel</name>
        <message>
            <location filename="../../kiosk/gui/doubt_prompts.py" line="104" />
            <source>Faces the kiosk is not sure of</source>
            <translation>Gesichter, bei denen der Kiosk unsicher ist</translation>
        </message>
    </context>
    <context>
        <name>DoubtPrompt</name>
        <message>
            <location filename="../../kiosk/gui/doubt_prompts.py" line="54" />
            <source>Is this %1?</source>
            <translation>Ist das %1?</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/doubt_prompts.py" line="64" />
            <source>Yes</source>
            <translation>Ja</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/doubt_prompts.py" line="66" />
            <source>No</source>
            <translation>Nein</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/doubt_prompts.py" line="67" />
            <source>Someone else…</source>
            <translation>Jemand anderes…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/doubt_prompts.py" line="69" />
            <source>Yes, this is %1</source>
            <translation>Ja, das ist %1</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/doubt_prompts.py" line="70" />
            <source>No, this is not %1</source>
            <translation>Nein, das ist nicht %1</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/doubt_prompts.py" line="71" />
            <source>Someone else, not %1</source>
            <translation>Jemand anderes, nicht %1</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/doubt_prompts.py" line="83" />
            <source>the match is weak</source>
            <translation>die Übereinstimmung ist schwach</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/doubt_prompts.py" line="84" />
            <source>another student looks almost as similar</source>
            <translation>eine andere Person sieht fast genauso ähnlich aus</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/doubt_prompts.py" line="87" />
            <source>a recorded look-alike</source>
            <translation>ein eingetragener Doppelgänger</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/doubt_prompts.py" line="88" />
            <source>may be a photo or a screen</source>
            <translation>vielleicht ein Foto oder ein Bildschirm</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/doubt_prompts.py" line="89" />
            <source>liveness not certain</source>
            <translation>Lebenderkennung nicht sicher</translation>
        </message>
    </context>
    <context>
        <name>EnrollmentController</name>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="96" />
            <source>No camera: import photos instead.</source>
            <translation>Keine Kamera: Importieren Sie stattdessen Fotos.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="147" />
            <source>Nothing to change.</source>
            <translation>Nichts zu ändern.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="174" />
            <source>consent recorded</source>
            <translation>Einwilligung erfasst</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="176" />
            <source>no consent: cannot be enrolled</source>
            <translation>keine Einwilligung: kann nicht erfasst werden</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="178" />
            <source>Saved %s (%s).</source>
            <translation>%s gespeichert (%s).</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="249" />
            <source>Good: press Take photo.</source>
            <translation>Gut: Drücken Sie „Foto aufnehmen“.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="267" />
            <source>That is enough photos: press Enroll.</source>
            <translation>Das sind genug Fotos: Drücken Sie „Erfassen“.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="287" />
            <source>Choose photos of the student</source>
            <translation>Fotos der Schülerin oder des Schülers auswählen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="289" />
            <source>Pictures (*.jpg *.jpeg *.png *.bmp *.webp)</source>
            <translation>Bilder (*.jpg *.jpeg *.png *.bmp *.webp)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="313" />
            <source>(3 or more recognise better)</source>
            <translation>(3 oder mehr erkennen besser)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="336" />
            <source>Enrolling…</source>
            <translation>Wird erfasst…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="358" />
            <source>Not enrolled: </source>
            <translation>Nicht erfasst: </translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_texts.py" line="17" />
            <source>%d photo(s) enrolled for %s.</source>
            <translation>%d Foto(s) für %s erfasst.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_texts.py" line="23" />
            <source>%s: already enrolled from this photo; nothing was added.</source>
            <translation>%s: aus diesem Foto bereits erfasst; nichts wurde hinzugefügt.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_texts.py" line="30" />
            <source>Not used: %s — %s</source>
            <translation>Nicht verwendet: %s – %s</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_texts.py" line="34" />
            <source>%s looks like %s (%s), similarity %.2f: recorded as look-alikes, their matches go to the teacher.</source>
            <translation>%s sieht aus wie %s (%s), Ähnlichkeit %.2f: als Doppelgänger vermerkt, ihre Treffer gehen an die Lehrkraft.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_texts.py" line="39" />
            <source>⚠ Possible duplicate: %s looks like %s (%s), similarity %.2f. Check it is the right student.</source>
            <translation>⚠ Mögliches Duplikat: %s sieht aus wie %s (%s), Ähnlichkeit %.2f. Prüfen Sie, ob es die richtige Person ist.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_texts.py" line="49" />
            <source>Not enrolled: %s looks like %s (%s, class %s), similarity %.2f, not like %s.</source>
            <translation>Nicht erfasst: %s sieht aus wie %s (%s, Klasse %s), Ähnlichkeit %.2f, nicht wie %s.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_texts.py" line="64" />
            <source>Nothing was stored. If a photo is of the wrong student, close this dialog and enroll it under the right one. If they really look alike (twins), press the button below: their matches will then go to the teacher instead of being marked automatically.</source>
            <translation>Es wurde nichts gespeichert. Wenn ein Foto die falsche Person zeigt, schließen Sie diesen Dialog und erfassen Sie es bei der richtigen. Wenn sich beide wirklich ähnlich sehen (Zwillinge), drücken Sie die Schaltfläche unten: Ihre Treffer gehen dann an die Lehrkraft, statt automatisch eingetragen zu werden.</translation>
        </message>
    </context>
    <context>
        <name>EnrollmentDialog</name>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="43" />
            <source>Enroll a student</source>
            <translation>Schülerin oder Schüler erfassen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="48" />
            <location filename="../../kiosk/gui/enrollment_view.py" line="51" />
            <source>Student</source>
            <translation>Schüler/in</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="57" />
            <source>&amp;Student:</source>
            <translation>&amp;Schüler/in:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="59" />
            <source>School i&amp;d:</source>
            <translation>Schul-I&amp;D:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="61" />
            <source>&amp;Name:</source>
            <translation>&amp;Name:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="63" />
            <source>&amp;Class:</source>
            <translation>&amp;Klasse:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="65" />
            <source>E&amp;mail:</source>
            <translation>E-&amp;Mail:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="66" />
            <source>Consent to face recognition is recorded</source>
            <translation>Einwilligung zur Gesichtserkennung liegt vor</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="69" />
            <source>who gave it, e.g. a parent's name</source>
            <translation>wer sie gab, z. B. Name eines Elternteils</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="70" />
            <source>Consent &amp;by:</source>
            <translation>Einwilligung &amp;von:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="71" />
            <source>Consent &amp;records…</source>
            <translation>Einwilligungs&amp;nachweise…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="73" />
            <source>Every consent, withdrawal and objection for this student, and adding one</source>
            <translation>Alle Einwilligungen, Widerrufe und Widersprüche für diese Person, und einen neuen Eintrag hinzufügen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="77" />
            <source>Sa&amp;ve student</source>
            <translation>Schüler/in spei&amp;chern</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="85" />
            <source>Photos</source>
            <translation>Fotos</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="88" />
            <source>Take %1 to %2 photos: look at the camera, then turn your head a little left and right.</source>
            <translation>Nehmen Sie %1 bis %2 Fotos auf: in die Kamera schauen, dann den Kopf etwas nach links und rechts drehen.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="97" />
            <source>Waiting for the camera…</source>
            <translation>Warten auf die Kamera…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="102" />
            <source>&amp;Take photo</source>
            <translation>&amp;Foto aufnehmen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="105" />
            <source>&amp;Import photos…</source>
            <translation>Fotos &amp;importieren…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="123" />
            <source>They are look-alikes (e.g. twins): enroll &amp;anyway</source>
            <translation>Sie sehen sich ähnlich (z. B. Zwillinge): trotzdem erf&amp;assen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="128" />
            <source>&amp;Enroll</source>
            <translation>&amp;Erfassen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="131" />
            <source>Close</source>
            <translation>Schließen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="146" />
            <source>Photos taken</source>
            <translation>Aufgenommene Fotos</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="147" />
            <source>Camera picture</source>
            <translation>Kamerabild</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="152" />
            <source>New student…</source>
            <translation>Neue Schülerin / neuer Schüler…</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/gui/enrollment_view.py" line="154" />
            <source>%n photo(s) enrolled</source>
            <translation>
                <numerusform>%n Foto erfasst</numerusform>
                <numerusform>%n Fotos erfasst</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="155" />
            <source>no consent</source>
            <translation>keine Einwilligung</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="158" />
            <source>(no class)</source>
            <translation>(keine Klasse)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="205" />
            <source>%1 of %2–%3 photos</source>
            <translation>%1 von %2–%3 Fotos</translation>
        </message>
    </context>
    <context>
        <name>FaceCollectionDialog</name>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="51" />
            <source>no thumbnail kept</source>
            <translation>kein Vorschaubild gespeichert</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="53" />
            <source>No.</source>
            <translation>Nr.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="54" />
            <source>Source</source>
            <translation>Quelle</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="55" />
            <source>Date</source>
            <translation>Datum</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="56" />
            <source>Model</source>
            <translation>Modell</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="57" />
            <source>Quality</source>
            <translation>Qualität</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="58" />
            <source>Thumbnail</source>
            <translation>Vorschaubild</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="59" />
            <source>Check</source>
            <translation>Prüfung</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="96" />
            <source>Face collection</source>
            <translation>Gesichtsdaten</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="99" />
            <location filename="../../kiosk/gui/face_collection.py" line="193" />
            <source>No roster photo kept.</source>
            <translation>Kein Klassenlistenfoto gespeichert.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="115" />
            <source>Face encodings</source>
            <translation>Gesichtsmerkmale</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="116" />
            <source>&amp;Delete encoding…</source>
            <translation>Merkmal &amp;löschen…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="117" />
            <source>&amp;Re-check against the school</source>
            <translation>Mit der ganzen Schule neu a&amp;bgleichen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="119" />
            <source>Flags this student's encodings that look more like another student</source>
            <translation>Markiert die Merkmale dieser Person, die eher einer anderen Person ähneln</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="122" />
            <source>Recorded look-alikes</source>
            <translation>Erfasste Doppelgänger</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="124" />
            <source>Recorded look-alikes (the camera never marks them):</source>
            <translation>Erfasste Doppelgänger (die Kamera trägt sie nie ein):</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="125" />
            <source>&amp;Forget look-alike…</source>
            <translation>Doppelgänger &amp;vergessen…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="126" />
            <source>For a pair recorded by mistake: the camera marks both again</source>
            <translation>Für ein irrtümlich erfasstes Paar: die Kamera trägt dann beide wieder ein</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="127" />
            <source>Close</source>
            <translation>Schließen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="183" />
            <source>no class</source>
            <translation>keine Klasse</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="186" />
            <source>{name} ({sid}), {cls}: {n} face encoding(s). Only this roster photo is kept, no photo per encoding.</source>
            <translation>{name} ({sid}), {cls}: {n} Gesichtsmerkmal(e). Nur dieses Klassenlistenfoto wird aufbewahrt, kein Foto pro Merkmal.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="201" />
            <source>not measured</source>
            <translation>nicht gemessen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="204" />
            <source>unknown</source>
            <translation>unbekannt</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="233" />
            <source>{name} ({sid}), recorded {when} by {who}</source>
            <translation>{name} ({sid}), erfasst am {when} von {who}</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="243" />
            <source>None recorded.</source>
            <translation>Keine erfasst.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="272" />
            <source>Select an encoding first.</source>
            <translation>Wählen Sie zuerst ein Merkmal aus.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="277" />
            <source>Delete encoding {n}?</source>
            <translation>Merkmal {n} löschen?</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="279" />
            <source>This deletes face encoding {n} ({source}) of {sid}. The kiosks stop using it at once. It cannot be undone (enroll a photo again to add one).</source>
            <translation>Damit wird das Gesichtsmerkmal {n} ({source}) von {sid} gelöscht. Die Kiosks verwenden es sofort nicht mehr. Das lässt sich nicht rückgängig machen (erfassen Sie erneut ein Foto, um eines hinzuzufügen).</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="295" />
            <source>Encoding {n} deleted; {left} left.</source>
            <translation>Merkmal {n} gelöscht; {left} übrig.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="304" />
            <source>Select a look-alike first.</source>
            <translation>Wählen Sie zuerst einen Doppelgänger.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="309" />
            <source>Forget the look-alikes?</source>
            <translation>Doppelgänger vergessen?</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="311" />
            <source>{sid} and {other} ({name}) are recorded as look-alikes, so the camera never marks either of them. Forget this only if they were recorded by mistake: the camera then marks both again.</source>
            <translation>{sid} und {other} ({name}) sind als Doppelgänger erfasst, daher trägt die Kamera keinen von beiden ein. Vergessen Sie dies nur, wenn sie irrtümlich erfasst wurden: die Kamera trägt dann beide wieder ein.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="326" />
            <source>{sid} and {other} are no longer recorded as look-alikes.</source>
            <translation>{sid} und {other} sind nicht mehr als Doppelgänger erfasst.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="350" />
            <source>{n} problem(s):</source>
            <translation>{n} Problem(e):</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="357" />
            <source>No encoding looks more like another student.</source>
            <translation>Kein Merkmal ähnelt eher einer anderen Person.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="358" />
            <source> ({n} recorded look-alike(s).)</source>
            <translation> ({n} erfasste Doppelgänger.)</translation>
        </message>
    </context>
    <context>
        <name>FollowUpPage</name>
        <message>
            <location filename="../../kiosk/gui/wizard/page_followup.py" line="49" />
            <source>Make the moved students recognisable</source>
            <translation>Die übernommenen Schüler/innen erkennbar machen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_followup.py" line="52" />
            <source>The kiosk only recognises a student with recorded consent and a face encoding for its model.</source>
            <translation>Der Kiosk erkennt nur Schüler/innen mit erfasster Einwilligung und Gesichtsmerkmalen für sein Modell.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_followup.py" line="60" />
            <source>Consent collected under the old app</source>
            <translation>In der alten App eingeholte Einwilligung</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_followup.py" line="64" />
            <source>I confirm the school holds signed consent for face recognition for these students</source>
            <translation>Ich bestätige, dass die Schule für diese Schüler/innen eine unterschriebene Einwilligung zur Gesichtserkennung hat</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_followup.py" line="68" />
            <source>Who holds the forms, e.g. “Signed forms, school office, 2024”</source>
            <translation>Wo die Formulare liegen, z. B. „Unterschriebene Formulare, Sekretariat, 2024“</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_followup.py" line="72" />
            <source>Only confirm this if written consent exists for every one of these students. You attest it on the school's behalf: your text is recorded with each student and in the audit log. If in doubt, do not tick it and record consent per student later (kiosk student consent). A student whose consent was withdrawn in the kiosk is never changed.</source>
            <translation>Bestätigen Sie das nur, wenn für jede dieser Personen eine schriftliche Einwilligung vorliegt. Sie bestätigen es im Namen der Schule: Ihr Text wird bei jeder Person und im Prüfprotokoll gespeichert. Im Zweifel kreuzen Sie es nicht an und erfassen die Einwilligung später einzeln (kiosk student consent). Eine Person, deren Einwilligung im Kiosk widerrufen wurde, wird nie geändert.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_followup.py" line="80" />
            <source>Record consent on file</source>
            <translation>Vorliegende Einwilligung erfassen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_followup.py" line="89" />
            <source>Face encodings for this kiosk's model</source>
            <translation>Gesichtsmerkmale für das Modell dieses Kiosks</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_followup.py" line="92" />
            <source>Enroll from the old app's photos</source>
            <translation>Aus den Fotos der alten App erfassen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_followup.py" line="93" />
            <source>Stop</source>
            <translation>Anhalten</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_followup.py" line="140" />
            <source>{n} moved students have no consent record, so the kiosk will never use their faces.</source>
            <translation>{n} übernommene Schüler/innen haben keinen Einwilligungseintrag, daher verwendet der Kiosk ihre Gesichter nie.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_followup.py" line="143" />
            <source>Every moved student has a consent decision recorded.</source>
            <translation>Für alle übernommenen Schüler/innen ist eine Entscheidung zur Einwilligung erfasst.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_followup.py" line="149" />
            <source>The old app's encodings are for another model ({old}), which this kiosk cannot use. The kiosk can enroll the old app's photos again for {model} (students with consent only).</source>
            <translation>Die Merkmale der alten App gehören zu einem anderen Modell ({old}), das dieser Kiosk nicht verwenden kann. Der Kiosk kann die Fotos der alten App für {model} neu erfassen (nur Schüler/innen mit Einwilligung).</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_followup.py" line="155" />
            <source>nothing was moved from the old app</source>
            <translation>aus der alten App wurde nichts übernommen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_followup.py" line="156" />
            <source>No re-enrollment needed: {why}.</source>
            <translation>Keine neue Erfassung nötig: {why}.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_followup.py" line="191" />
            <source>Consent on file recorded.</source>
            <translation>Vorliegende Einwilligung erfasst.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_followup.py" line="217" />
            <source>Enrolling the old photos… you can stop at any time.</source>
            <translation>Die alten Fotos werden erfasst… Sie können jederzeit anhalten.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_followup.py" line="232" />
            <source>{n} students enrolled from the old photos.</source>
            <translation>{n} Schüler/innen aus den alten Fotos erfasst.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_followup.py" line="233" />
            <source>{m} still need enrollment (no usable photo); enroll them in the kiosk later.</source>
            <translation>{m} müssen noch erfasst werden (kein brauchbares Foto); erfassen Sie sie später im Kiosk.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_followup.py" line="258" />
            <source>{n} of {m} active students will be recognisable by the camera.</source>
            <translation>{n} von {m} aktiven Schüler/innen werden von der Kamera erkannt.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_followup.py" line="262" />
            <source>The others are marked by hand until they are enrolled; `kiosk doctor` lists them.</source>
            <translation>Die anderen werden von Hand eingetragen, bis sie erfasst sind; `kiosk doctor` listet sie auf.</translation>
        </message>
    </context>
    <context>
        <name>GreetingBanner</name>
        <message>
            <location filename="../../kiosk/gui/doubt_prompts.py" line="140" />
            <source>Greeting</source>
            <translation>Begrüßung</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/doubt_prompts.py" line="171" />
            <source>Welcome, %1 — late %2</source>
            <translation>Willkommen, %1 — verspätet %2</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/doubt_prompts.py" line="173" />
            <source>Welcome, %1 — present %2</source>
            <translation>Willkommen, %1 — anwesend %2</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/doubt_prompts.py" line="178" />
            <source>Please see your teacher</source>
            <translation>Bitte geh zu deiner Lehrkraft</translation>
        </message>
    </context>
    <context>
        <name>LiveView</name>
        <message>
            <location filename="../../kiosk/gui/live_view.py" line="29" />
            <source>Check in with P&amp;IN…</source>
            <translation>Mit P&amp;IN anmelden…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/live_view.py" line="30" />
            <source>Pupils without face recognition: your name and your PIN</source>
            <translation>Für Schüler/innen ohne Gesichtserkennung: Name und PIN eingeben</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/live_view.py" line="31" />
            <source>&amp;Mark by hand…</source>
            <translation>&amp;Von Hand erfassen…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/live_view.py" line="32" />
            <source>&amp;End session</source>
            <translation>Sitzung &amp;beenden</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/live_view.py" line="46" />
            <source>Camera picture with the faces recognised</source>
            <translation>Kamerabild mit den erkannten Gesichtern</translation>
        </message>
    </context>
    <context>
        <name>LoginDialog</name>
        <message>
            <location filename="../../kiosk/gui/login_dialog.py" line="22" />
            <source>Sign in</source>
            <translation>Anmelden</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/login_dialog.py" line="31" />
            <source>&amp;Name:</source>
            <translation>&amp;Name:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/login_dialog.py" line="35" />
            <source>&amp;PIN or password:</source>
            <translation>&amp;PIN oder Passwort:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/login_dialog.py" line="55" />
            <source>Type your name and your PIN.</source>
            <translation>Geben Sie Ihren Namen und Ihre PIN ein.</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="41" />
            <location filename="../../kiosk/gui/main_window.py" line="73" />
            <source>Attendance kiosk</source>
            <translation>Anwesenheitskiosk</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/main_window.py" line="86" />
            <source>Database: connecting…</source>
            <translation>Datenbank: verbindet…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/main_window.py" line="87" />
            <source>Model: loading…</source>
            <translation>Modell: wird geladen…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/main_window.py" line="88" />
            <source>Camera: off</source>
            <translation>Kamera: aus</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/main_window.py" line="99" />
            <source>A&amp;dmin…</source>
            <translation>Ver&amp;waltung…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/main_window.py" line="101" />
            <source>Admin settings</source>
            <translation>Verwaltungseinstellungen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/main_window.py" line="103" />
            <source>Rec&amp;ords…</source>
            <translation>Anwesenheits&amp;listen…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/main_window.py" line="105" />
            <source>Attendance records</source>
            <translation>Anwesenheitslisten</translation>
        </message>
    </context>
    <context>
        <name>ManualMarkController</name>
        <message>
            <location filename="../../kiosk/gui/manual_marks.py" line="59" />
            <source>Choose a student in the list first.</source>
            <translation>Wählen Sie zuerst eine Person in der Liste.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/manual_marks.py" line="59" />
            <source>Then press Mark by hand again.</source>
            <translation>Drücken Sie dann erneut „Von Hand erfassen“.</translation>
        </message>
    </context>
    <context>
        <name>ManualMarkDialog</name>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="111" />
            <source>Mark by hand</source>
            <translation>Von Hand erfassen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="127" />
            <source>Now: %s</source>
            <translation>Jetzt: %s</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="130" />
            <source>No consent for face recognition: this student is always marked by hand.</source>
            <translation>Keine Einwilligung zur Gesichtserkennung: Diese Person wird immer von Hand erfasst.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="143" />
            <location filename="../../kiosk/gui/dialogs.py" line="156" />
            <source>Note (optional):</source>
            <translation>Notiz (optional):</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="145" />
            <source>e.g. doctor's appointment</source>
            <translation>z. B. Arzttermin</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="150" />
            <source>Save</source>
            <translation>Speichern</translation>
        </message>
    </context>
    <context>
        <name>Method</name>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="81" />
            <source>camera</source>
            <translation>Kamera</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="82" />
            <source>camera, confirmed</source>
            <translation>Kamera, bestätigt</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="83" />
            <source>by hand</source>
            <translation>von Hand</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="84" />
            <source>card</source>
            <translation>Karte</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="85" />
            <source>PIN</source>
            <translation>PIN</translation>
        </message>
    </context>
    <context>
        <name>ModelPage</name>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="48" />
            <source>Face recognition model</source>
            <translation>Gesichtserkennungsmodell</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="50" />
            <source>Facenet512 is the most accurate; the offline model needs no internet at all.</source>
            <translation>Facenet512 ist am genauesten; das Offline-Modell braucht gar kein Internet.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="70" />
            <location filename="../../kiosk/gui/wizard/page_model.py" line="135" />
            <source>Download the weights</source>
            <translation>Modelldateien herunterladen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="73" />
            <source>A folder or file with the weight files (e.g. a USB stick)</source>
            <translation>Ein Ordner oder eine Datei mit den Modelldateien (z. B. ein USB-Stick)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="75" />
            <source>Choose…</source>
            <translation>Auswählen…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="76" />
            <source>Import</source>
            <translation>Importieren</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="87" />
            <source>Or import from:</source>
            <translation>Oder importieren aus:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="120" />
            <source>Ready: its weight files are installed.</source>
            <translation>Bereit: Die Modelldateien sind installiert.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="123" />
            <source>Damaged: {files}. Download or import them again.</source>
            <translation>Beschädigt: {files}. Laden Sie sie erneut herunter oder importieren Sie sie.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="128" />
            <source>Not installed (missing {files}).</source>
            <translation>Nicht installiert (es fehlt: {files}).</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="135" />
            <source>Install the offline files</source>
            <translation>Offline-Dateien installieren</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="145" />
            <source>Installing the {name} weight files…</source>
            <translation>Modelldateien für {name} werden installiert…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="151" />
            <source>Folder with the weight files</source>
            <translation>Ordner mit den Modelldateien</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="160" />
            <source>Checking and copying the weight files…</source>
            <translation>Modelldateien werden geprüft und kopiert…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="185" />
            <source>Downloading {file} ({i} of {n})…</source>
            <translation>{file} wird heruntergeladen ({i} von {n})…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="193" />
            <source>Installed: {files}.</source>
            <translation>Installiert: {files}.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="193" />
            <source>nothing new</source>
            <translation>nichts Neues</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="216" />
            <source>The {name} model's weight files are not installed.</source>
            <translation>Die Modelldateien für {name} sind nicht installiert.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="219" />
            <source>Download or import them, or choose the offline model.</source>
            <translation>Laden Sie sie herunter oder importieren Sie sie, oder wählen Sie das Offline-Modell.</translation>
        </message>
    </context>
    <context>
        <name>PinCheckinController</name>
        <message>
            <location filename="../../kiosk/gui/pin_checkin.py" line="89" />
            <source>Nobody still to check in has a PIN: ask the teacher.</source>
            <translation>Niemand, der noch fehlt, hat eine PIN: Bitte die Lehrkraft fragen.</translation>
        </message>
    </context>
    <context>
        <name>PinCheckinDialog</name>
        <message>
            <location filename="../../kiosk/gui/pin_checkin.py" line="42" />
            <source>Check in with PIN</source>
            <translation>Mit PIN anmelden</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/pin_checkin.py" line="48" />
            <source>&amp;Your name:</source>
            <translation>&amp;Dein Name:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/pin_checkin.py" line="52" />
            <source>&amp;PIN:</source>
            <translation>&amp;PIN:</translation>
        </message>
    </context>
    <context>
        <name>PinDialog</name>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="184" />
            <location filename="../../kiosk/gui/dialogs.py" line="201" />
            <source>Admin PIN</source>
            <translation>Admin-PIN</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="190" />
            <source>PIN</source>
            <translation>PIN</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="211" />
            <source>That PIN is not right. Try again.</source>
            <translation>Diese PIN stimmt nicht. Bitte erneut versuchen.</translation>
        </message>
    </context>
    <context>
        <name>RecordsController</name>
        <message>
            <location filename="../../kiosk/gui/table_export.py" line="20" />
            <source>Export</source>
            <translation>Exportieren</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/table_export.py" line="22" />
            <source>CSV (*.csv);;Excel (*.xlsx);;PDF (*.pdf)</source>
            <translation>CSV (*.csv);;Excel (*.xlsx);;PDF (*.pdf)</translation>
        </message>
    </context>
    <context>
        <name>RecordsView</name>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="64" />
            <source>Attendance records</source>
            <translation>Anwesenheitslisten</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="67" />
            <source>Back</source>
            <translation>Zurück</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="79" />
            <source>Sessions</source>
            <translation>Sitzungen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="80" />
            <source>Class report</source>
            <translation>Klassenbericht</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="81" />
            <source>Students</source>
            <translation>Schüler/innen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="82" />
            <source>Day</source>
            <translation>Tag</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="107" />
            <source>Show</source>
            <translation>Anzeigen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="110" />
            <location filename="../../kiosk/gui/records_view.py" line="123" />
            <source>Class</source>
            <translation>Klasse</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="111" />
            <source>From</source>
            <translation>Von</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="112" />
            <source>To</source>
            <translation>Bis</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="122" />
            <source>Started</source>
            <translation>Beginn</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="124" />
            <source>Present</source>
            <translation>Anwesend</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="125" />
            <source>Late</source>
            <translation>Verspätet</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="126" />
            <source>Absent</source>
            <translation>Abwesend</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="127" />
            <source>Excused</source>
            <translation>Entschuldigt</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="128" />
            <source>Signed off</source>
            <translation>Bestätigt</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="135" />
            <source>Choose a session on the left.</source>
            <translation>Wählen Sie links eine Sitzung aus.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="140" />
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="141" />
            <source>Id</source>
            <translation>ID</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="142" />
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="143" />
            <source>Method</source>
            <translation>Methode</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="144" />
            <source>Time</source>
            <translation>Uhrzeit</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="145" />
            <source>Corrected</source>
            <translation>Korrigiert</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="150" />
            <source>Correct mark…</source>
            <translation>Eintrag korrigieren…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="151" />
            <source>Sign off…</source>
            <translation>Bestätigen…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="152" />
            <source>Export…</source>
            <translation>Exportieren…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="153" />
            <source>Print…</source>
            <translation>Drucken…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="179" />
            <source>All classes</source>
            <translation>Alle Klassen</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/gui/records_view.py" line="219" />
            <source>%n session(s). Choose one.</source>
            <translation>
                <numerusform>%n Sitzung. Wählen Sie eine aus.</numerusform>
                <numerusform>%n Sitzungen. Wählen Sie eine aus.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="243" />
            <source>Signed off by %1 at %2.</source>
            <translation>Bestätigt von %1 am %2.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="245" />
            <source>Not signed off.</source>
            <translation>Nicht bestätigt.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="248" />
            <source>present %1, late %2, absent %3, excused %4. </source>
            <translation>anwesend %1, verspätet %2, abwesend %3, entschuldigt %4. </translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_controller.py" line="177" />
            <source>Choose a student in the session first.</source>
            <translation>Wählen Sie zuerst eine/n Schüler/in in der Sitzung aus.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_controller.py" line="197" />
            <source>%1 is now %2.</source>
            <translation>%1 ist jetzt %2.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_controller.py" line="267" />
            <source>Choose a class first.</source>
            <translation>Wählen Sie zuerst eine Klasse aus.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_controller.py" line="313" />
            <source>Exported to %1.</source>
            <translation>Exportiert nach %1.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_screen.py" line="101" />
            <source>No classes are linked to %1 yet: an admin links them under Accounts.</source>
            <translation>Mit %1 sind noch keine Klassen verknüpft: Ein Admin verknüpft sie unter „Konten“.</translation>
        </message>
    </context>
    <context>
        <name>RosterImportDialog</name>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="50" />
            <source>Import a roster</source>
            <translation>Klassenliste importieren</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="58" />
            <source>roster.csv or roster.xlsx</source>
            <translation>roster.csv oder roster.xlsx</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="60" />
            <source>Folder with one photo (or folder) per student id</source>
            <translation>Ordner mit einem Foto (oder Ordner) pro Schul-ID</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="61" />
            <location filename="../../kiosk/gui/admin_roster.py" line="62" />
            <source>Choose…</source>
            <translation>Auswählen…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="67" />
            <source>Roster file:</source>
            <translation>Klassenliste:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="71" />
            <source>Photo folder:</source>
            <translation>Fotoordner:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="73" />
            <source>Preview (writes nothing)</source>
            <translation>Vorschau (schreibt nichts)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="74" />
            <source>Import</source>
            <translation>Importieren</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="76" />
            <source>Close</source>
            <translation>Schließen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="86" />
            <source>Line</source>
            <translation>Zeile</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="86" />
            <source>Student id</source>
            <translation>Schul-ID</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="86" />
            <source>Fate</source>
            <translation>Ergebnis</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="86" />
            <source>What happens</source>
            <translation>Was passiert</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="109" />
            <source>Choose the roster</source>
            <translation>Klassenliste auswählen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="111" />
            <source>Rosters (*.csv *.txt *.xlsx);;All files (*)</source>
            <translation>Klassenlisten (*.csv *.txt *.xlsx);;Alle Dateien (*)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="119" />
            <source>Choose the photo folder</source>
            <translation>Fotoordner auswählen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="135" />
            <source>Choose the roster file first.</source>
            <translation>Wählen Sie zuerst die Klassenliste aus.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="140" />
            <source>Reading the roster and the photos…</source>
            <translation>Klassenliste und Fotos werden gelesen…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="171" />
            <source>{file}: {add} to add, {update} to update, {skip} unchanged, {bad} with problems.</source>
            <translation>{file}: {add} neu, {update} zu aktualisieren, {skip} unverändert, {bad} mit Problemen.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="183" />
            <source>{n} row(s) have problems, so nothing can be imported yet.</source>
            <translation>{n} Zeile(n) haben Probleme, daher kann noch nichts importiert werden.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="184" />
            <source>Fix the rows shown in red in the file, then preview again.</source>
            <translation>Korrigieren Sie die rot markierten Zeilen in der Datei und erstellen Sie die Vorschau erneut.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="189" />
            <source>Nothing was written yet.</source>
            <translation>Es wurde noch nichts gespeichert.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="189" />
            <source>Press Import to carry out this preview.</source>
            <translation>Drücken Sie „Importieren“, um diese Vorschau auszuführen.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="203" />
            <source>Importing…</source>
            <translation>Wird importiert…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="216" />
            <source>{n} students added; {f} row(s) failed.</source>
            <translation>{n} Schüler/innen hinzugefügt; {f} Zeile(n) fehlgeschlagen.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="224" />
            <source>{n} students added, {e} enrolled from photos.</source>
            <translation>{n} Schüler/innen hinzugefügt, {e} aus Fotos erfasst.</translation>
        </message>
    </context>
    <context>
        <name>RosterPanel</name>
        <message>
            <location filename="../../kiosk/gui/roster_view.py" line="78" />
            <source>Find a student (accents and typos are fine)</source>
            <translation>Schüler/in suchen (Akzente und Tippfehler sind kein Problem)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/roster_view.py" line="86" />
            <source>Roster: press Enter on a student to mark by hand</source>
            <translation>Klassenliste: Eingabetaste auf einer Person drücken, um von Hand zu erfassen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/roster_view.py" line="113" />
            <source>Press Enter or double-click to mark by hand</source>
            <translation>Eingabetaste oder Doppelklick: von Hand erfassen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/roster_view.py" line="137" />
            <source>(by hand)</source>
            <translation>(von Hand)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/roster_view.py" line="141" />
            <source>(no consent: mark by hand)</source>
            <translation>(keine Einwilligung: von Hand erfassen)</translation>
        </message>
    </context>
    <context>
        <name>SchemaPage</name>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="21" />
            <source>Database tables</source>
            <translation>Datenbanktabellen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="22" />
            <source>The kiosk creates its tables, or brings older ones up to date.</source>
            <translation>Der Kiosk legt seine Tabellen an oder bringt ältere auf den neuesten Stand.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="27" />
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="156" />
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="161" />
            <source>Create the tables</source>
            <translation>Tabellen anlegen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="37" />
            <source>&amp;Owner account:</source>
            <translation>&amp;Eigentümerkonto:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="38" />
            <source>Owner pass&amp;word:</source>
            <translation>Eigentümer-Pass&amp;wort:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="40" />
            <source>Create the database &amp;accounts</source>
            <translation>Datenbank-&amp;Konten anlegen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="42" />
            <source>kiosk_owner, kiosk_device (classroom PCs) and kiosk_admin, with their rights</source>
            <translation>kiosk_owner, kiosk_device (Klassenzimmer-PCs) und kiosk_admin, mit ihren Rechten</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="61" />
            <source>Looking at {where}…</source>
            <translation>{where} wird geprüft…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="76" />
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="113" />
            <source>Working… this takes a few seconds.</source>
            <translation>Wird bearbeitet… das dauert einige Sekunden.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="81" />
            <source>The database accounts are ready. Classroom PCs connect as kiosk_device.</source>
            <translation>Die Datenbankkonten sind bereit. Klassenzimmer-PCs verbinden sich als kiosk_device.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="127" />
            <source>{where} was set up by a newer version of the kiosk (schema {rev}).</source>
            <translation>{where} wurde von einer neueren Kiosk-Version eingerichtet (Schema {rev}).</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="133" />
            <source>This kiosk is too old for that database; nothing was changed.</source>
            <translation>Dieser Kiosk ist für diese Datenbank zu alt; es wurde nichts geändert.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="135" />
            <source>Update the kiosk software on this computer, or go back and choose another database.</source>
            <translation>Aktualisieren Sie die Kiosk-Software auf diesem Computer, oder gehen Sie zurück und wählen Sie eine andere Datenbank.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="143" />
            <source>The tables in {where} are up to date (schema {rev}).</source>
            <translation>Die Tabellen in {where} sind aktuell (Schema {rev}).</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="149" />
            <source>Done: the database is ready.</source>
            <translation>Fertig: Die Datenbank ist bereit.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="151" />
            <source>Nothing to do here.</source>
            <translation>Hier ist nichts zu tun.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="155" />
            <source>{where} is empty. The kiosk will create its tables in {n} step(s):</source>
            <translation>{where} ist leer. Der Kiosk legt seine Tabellen in {n} Schritt(en) an:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="159" />
            <source>{where} already holds other tables; the kiosk will add its own beside them in {n} step(s):</source>
            <translation>{where} enthält bereits andere Tabellen; der Kiosk fügt seine eigenen in {n} Schritt(en) hinzu:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="164" />
            <source>{where} has an older version of the tables ({rev}). The upgrade runs {n} step(s):</source>
            <translation>{where} hat eine ältere Version der Tabellen ({rev}). Die Aktualisierung hat {n} Schritt(e):</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="166" />
            <source>Upgrade the tables</source>
            <translation>Tabellen aktualisieren</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="169" />
            <source>Existing data is kept. Running it twice is harmless.</source>
            <translation>Vorhandene Daten bleiben erhalten. Zweimal ausführen schadet nicht.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="173" />
            <source>Press the button to do it now.</source>
            <translation>Drücken Sie die Schaltfläche, um es jetzt zu tun.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="177" />
            <source>This account may not change the tables (as it should be for a classroom PC). Type the owner's account (kiosk_owner, or the server's administrator) for this step only; it is not saved.</source>
            <translation>Dieses Konto darf die Tabellen nicht ändern (so soll es für einen Klassenzimmer-PC sein). Geben Sie nur für diesen Schritt das Konto des Eigentümers ein (kiosk_owner oder den Administrator des Servers); es wird nicht gespeichert.</translation>
        </message>
    </context>
    <context>
        <name>SchoolAdminDialog</name>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="74" />
            <source>Classes and students</source>
            <translation>Klassen und Schüler/innen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="83" />
            <source>Classes</source>
            <translation>Klassen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="84" />
            <source>Students</source>
            <translation>Schüler/innen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="95" />
            <source>Code</source>
            <translation>Kürzel</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="95" />
            <location filename="../../kiosk/gui/admin_school.py" line="130" />
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="95" />
            <source>Starts</source>
            <translation>Beginn</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="95" />
            <source>Teacher</source>
            <translation>Lehrkraft</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="95" />
            <location filename="../../kiosk/gui/admin_school.py" line="134" />
            <source>State</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="97" />
            <source>Show archived classes</source>
            <translation>Archivierte Klassen anzeigen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="101" />
            <source>Code:</source>
            <translation>Kürzel:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="102" />
            <location filename="../../kiosk/gui/admin_school.py" line="144" />
            <source>Name:</source>
            <translation>Name:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="103" />
            <source>Starts (HH:MM):</source>
            <translation>Beginn (HH:MM):</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="104" />
            <source>Teacher (new class):</source>
            <translation>Lehrkraft (neue Klasse):</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="105" />
            <source>Add class</source>
            <translation>Klasse hinzufügen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="106" />
            <location filename="../../kiosk/gui/admin_school.py" line="151" />
            <source>Save changes</source>
            <translation>Änderungen speichern</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="107" />
            <location filename="../../kiosk/gui/admin_school.py" line="241" />
            <source>Archive</source>
            <translation>Archivieren</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="129" />
            <source>Id</source>
            <translation>ID</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="131" />
            <source>Class</source>
            <translation>Klasse</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="132" />
            <source>Consent</source>
            <translation>Einwilligung</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="133" />
            <source>Faces</source>
            <translation>Gesichter</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="139" />
            <source>Consent to face recognition given (new student)</source>
            <translation>Einwilligung zur Gesichtserkennung erteilt (neue/r Schüler/in)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="141" />
            <source>Who gave it, e.g. the parent's name</source>
            <translation>Wer sie erteilt hat, z. B. der Name eines Elternteils</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="143" />
            <source>Student id:</source>
            <translation>Schul-ID:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="145" />
            <source>Email:</source>
            <translation>E-Mail:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="146" />
            <source>Phone:</source>
            <translation>Telefon:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="147" />
            <source>Class:</source>
            <translation>Klasse:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="149" />
            <source>Consent given by:</source>
            <translation>Einwilligung erteilt von:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="150" />
            <source>Add student</source>
            <translation>Schüler/in hinzufügen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="152" />
            <location filename="../../kiosk/gui/admin_school.py" line="252" />
            <source>Deactivate</source>
            <translation>Deaktivieren</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="153" />
            <source>Delete with all data…</source>
            <translation>Mit allen Daten löschen…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="154" />
            <source>Import a roster…</source>
            <translation>Klassenliste importieren…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="155" />
            <source>Face collection…</source>
            <translation>Gesichtsdaten…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="201" />
            <source>archived</source>
            <translation>archiviert</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="201" />
            <source>in use</source>
            <translation>in Gebrauch</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="206" />
            <source>yes</source>
            <translation>ja</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="206" />
            <source>no</source>
            <translation>nein</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="207" />
            <source>active</source>
            <translation>aktiv</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="207" />
            <source>inactive</source>
            <translation>inaktiv</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="216" />
            <source>All classes</source>
            <translation>Alle Klassen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="218" />
            <source>(no class)</source>
            <translation>(keine Klasse)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="241" />
            <source>Bring back</source>
            <translation>Zurückholen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="252" />
            <source>Reactivate</source>
            <translation>Wieder aktivieren</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="295" />
            <source>Class {code} added.</source>
            <translation>Klasse {code} hinzugefügt.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="301" />
            <location filename="../../kiosk/gui/admin_school.py" line="319" />
            <source>Select a class first.</source>
            <translation>Wählen Sie zuerst eine Klasse aus.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="314" />
            <source>Class {code} saved.</source>
            <translation>Klasse {code} gespeichert.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="324" />
            <source>Class {code} archived; its history is kept.</source>
            <translation>Klasse {code} archiviert; ihr Verlauf bleibt erhalten.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="326" />
            <source>Class {code} is in use again.</source>
            <translation>Klasse {code} ist wieder in Gebrauch.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="347" />
            <source>Student {sid} added.</source>
            <translation>Schüler/in {sid} hinzugefügt.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="353" />
            <location filename="../../kiosk/gui/admin_school.py" line="369" />
            <location filename="../../kiosk/gui/admin_school.py" line="383" />
            <location filename="../../kiosk/gui/admin_school.py" line="410" />
            <source>Select a student first.</source>
            <translation>Wählen Sie zuerst eine/n Schüler/in aus.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="364" />
            <source>Student {sid} saved.</source>
            <translation>Schüler/in {sid} gespeichert.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="374" />
            <source>{name} is active again.</source>
            <translation>{name} ist wieder aktiv.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="376" />
            <source>{name} deactivated; their data is kept.</source>
            <translation>{name} deaktiviert; die Daten bleiben erhalten.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="388" />
            <source>Delete {name}?</source>
            <translation>{name} löschen?</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="390" />
            <source>This deletes {name} ({sid}) with their photos, face data and attendance records, for an erasure request. It cannot be undone. A student who left is usually deactivated instead.</source>
            <translation>Damit werden {name} ({sid}) mit Fotos, Gesichtsdaten und Anwesenheitseinträgen gelöscht, für einen Löschantrag. Das lässt sich nicht rückgängig machen. Wer die Schule verlassen hat, wird meist stattdessen deaktiviert.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="400" />
            <source>{name} and all their data were deleted.</source>
            <translation>{name} und alle zugehörigen Daten wurden gelöscht.</translation>
        </message>
    </context>
    <context>
        <name>SessionController</name>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="129" />
            <source>Loading face models…</source>
            <translation>Gesichtsmodelle werden geladen…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="141" />
            <source>Connecting to the database…</source>
            <translation>Verbindung zur Datenbank…</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/gui/session_controller.py" line="152" />
            <source>Database ready: %n class(es).</source>
            <translation>
                <numerusform>Datenbank bereit: %n Klasse.</numerusform>
                <numerusform>Datenbank bereit: %n Klassen.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="154" />
            <source>No classes yet: ask the school's admin to add your class.</source>
            <translation>Noch keine Klassen: Bitten Sie die Schulverwaltung, Ihre Klasse anzulegen.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="167" />
            <source>The database cannot be used.</source>
            <translation>Die Datenbank kann nicht verwendet werden.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="174" />
            <source>Face recognition ready (%s).</source>
            <translation>Gesichtserkennung bereit (%s).</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="185" />
            <source>Face recognition is switched off for this school: pupils check in with their card or PIN, or the teacher marks them.</source>
            <translation>Die Gesichtserkennung ist für diese Schule ausgeschaltet: Schüler/innen melden sich mit Karte oder PIN an, oder die Lehrkraft trägt sie ein.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="192" />
            <source>Face recognition is off: %s
Sessions can still be run, marking attendance by hand.</source>
            <translation>Gesichtserkennung ist aus: %s
Sitzungen sind trotzdem möglich; die Anwesenheit wird von Hand erfasst.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="195" />
            <source>For the school's admin: %s</source>
            <translation>Für die Schulverwaltung: %s</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="301" />
            <source>No camera: mark attendance by hand.</source>
            <translation>Keine Kamera: Erfassen Sie die Anwesenheit von Hand.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="361" />
            <source>End session</source>
            <translation>Sitzung beenden</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="362" />
            <source>End this session? Students not marked yet will be recorded as absent.</source>
            <translation>Diese Sitzung beenden? Wer noch nicht erfasst ist, wird als abwesend eingetragen.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="435" />
            <source>Saved to %s</source>
            <translation>Gespeichert unter %s</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="450" />
            <source>Close the kiosk</source>
            <translation>Kiosk schließen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="451" />
            <source>A session is running. End it and close? Everyone marked so far is kept.</source>
            <translation>Eine Sitzung läuft. Beenden und schließen? Alle bisherigen Erfassungen bleiben erhalten.</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="47" />
            <source>Kiosk settings</source>
            <translation>Kiosk-Einstellungen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="50" />
            <source>Start in kiosk mode (full screen, admin PIN to leave)</source>
            <translation>Im Kioskmodus starten (Vollbild, Verlassen nur mit Admin-PIN)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="54" />
            <source>Default &amp;camera:</source>
            <translation>Standard-&amp;Kamera:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="58" />
            <source> min</source>
            <translation> Min.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="59" />
            <source>&amp;Late after start +</source>
            <translation>&amp;Verspätet ab Beginn +</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="61" />
            <source>Recognition profile:</source>
            <translation>Erkennungsprofil:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="65" />
            <source>Changes apply the next time the kiosk starts. The profile is changed with `kiosk models use`.</source>
            <translation>Änderungen gelten beim nächsten Start des Kiosks. Das Profil wird mit `kiosk models use` geändert.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="74" />
            <source>Minutes after the start before a student counts as late</source>
            <translation>Minuten nach Beginn, ab denen jemand als verspätet gilt</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="91" />
            <source>The settings could not be saved (%s).</source>
            <translation>Die Einstellungen konnten nicht gespeichert werden (%s).</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="92" />
            <source>Check that %s is writable.</source>
            <translation>Prüfen Sie, ob %s beschreibbar ist.</translation>
        </message>
    </context>
    <context>
        <name>SetupWizard</name>
        <message>
            <location filename="../../kiosk/gui/wizard/wizard.py" line="54" />
            <source>Attendance kiosk setup</source>
            <translation>Einrichtung des Anwesenheitskiosks</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/wizard.py" line="98" />
            <source>Stop the setup?</source>
            <translation>Einrichtung abbrechen?</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/wizard.py" line="100" />
            <source>Work is still running. Stop it and close the wizard? Nothing is saved; a stopped migration can be continued later.</source>
            <translation>Es wird noch gearbeitet. Abbrechen und den Assistenten schließen? Es wird nichts gespeichert; eine angehaltene Übernahme kann später fortgesetzt werden.</translation>
        </message>
    </context>
    <context>
        <name>SignOffDialog</name>
        <message>
            <location filename="../../kiosk/gui/records_dialogs.py" line="117" />
            <source>Confirm the register</source>
            <translation>Anwesenheitsliste bestätigen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_dialogs.py" line="125" />
            <source>Tap a name, then the right status. Doubtful: the camera was not sure.</source>
            <translation>Tippen Sie auf einen Namen und dann auf den richtigen Status. Unsicher: Die Kamera war sich nicht sicher.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_dialogs.py" line="131" />
            <source>Present</source>
            <translation>Anwesend</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_dialogs.py" line="132" />
            <source>Late</source>
            <translation>Verspätet</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_dialogs.py" line="133" />
            <source>Absent / excused</source>
            <translation>Abwesend / entschuldigt</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_dialogs.py" line="134" />
            <source>Doubtful</source>
            <translation>Unsicher</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_dialogs.py" line="144" />
            <location filename="../../kiosk/gui/records_dialogs.py" line="197" />
            <source>No one chosen.</source>
            <translation>Niemand ausgewählt.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_dialogs.py" line="156" />
            <source>Confirm register</source>
            <translation>Liste bestätigen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_dialogs.py" line="157" />
            <source>Later</source>
            <translation>Später</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_dialogs.py" line="168" />
            <source>present %1, late %2, absent %3, excused %4</source>
            <translation>anwesend %1, verspätet %2, abwesend %3, entschuldigt %4</translation>
        </message>
    </context>
    <context>
        <name>SomeoneElseDialog</name>
        <message>
            <location filename="../../kiosk/gui/doubt_prompts.py" line="196" />
            <source>Who is it?</source>
            <translation>Wer ist es?</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/doubt_prompts.py" line="200" />
            <source>The camera took this face for %1. Who is it?</source>
            <translation>Die Kamera hielt dieses Gesicht für %1. Wer ist es?</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/doubt_prompts.py" line="203" />
            <source>Students not marked yet</source>
            <translation>Noch nicht erfasste Schüler</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/doubt_prompts.py" line="211" />
            <source>Mark this student</source>
            <translation>Diese Person erfassen</translation>
        </message>
    </context>
    <context>
        <name>StartView</name>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="57" />
            <source>Start attendance</source>
            <translation>Anwesenheit starten</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="63" />
            <source>Class</source>
            <translation>Klasse</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="67" />
            <source>&amp;Class:</source>
            <translation>&amp;Klasse:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="69" />
            <source>Camera</source>
            <translation>Kamera</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="71" />
            <source>C&amp;amera:</source>
            <translation>K&amp;amera:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="74" />
            <source>or a video file, web address or folder</source>
            <translation>oder Videodatei, Webadresse oder Ordner</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="76" />
            <source>Video file, stream address or picture folder</source>
            <translation>Videodatei, Stream-Adresse oder Bilderordner</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="77" />
            <source>&amp;Browse…</source>
            <translation>&amp;Durchsuchen…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="78" />
            <source>Browse for a video or picture</source>
            <translation>Nach einem Video oder Bild suchen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="81" />
            <source>So&amp;urce:</source>
            <translation>&amp;Quelle:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="87" />
            <source>Connecting to the database…</source>
            <translation>Verbindung zur Datenbank…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="94" />
            <source>Loading face models…</source>
            <translation>Gesichtsmodelle werden geladen…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="100" />
            <source>Loading face models</source>
            <translation>Gesichtsmodelle werden geladen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="103" />
            <source>Class readiness</source>
            <translation>Bereitschaft der Klasse</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="90" />
            <source>&amp;Retry</source>
            <translation>E&amp;rneut versuchen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="111" />
            <source>&amp;Enroll a student…</source>
            <translation>Person &amp;erfassen…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="112" />
            <source>&amp;Start session</source>
            <translation>&amp;Sitzung starten</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="123" />
            <location filename="../../kiosk/gui/start_view.py" line="128" />
            <source>Camera preview</source>
            <translation>Kameravorschau</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="170" />
            <source>No camera found</source>
            <translation>Keine Kamera gefunden</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="222" />
            <source>Nobody is in this class yet: ask the school's admin to add students, or mark by hand.</source>
            <translation>Diese Klasse hat noch niemanden: Bitten Sie die Schulverwaltung, Personen hinzuzufügen, oder erfassen Sie von Hand.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="228" />
            <source>Nobody in this class has enrolled photos yet: enroll students, or mark attendance by hand.</source>
            <translation>In dieser Klasse hat noch niemand erfasste Fotos: Erfassen Sie Personen, oder erfassen Sie die Anwesenheit von Hand.</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/gui/start_view.py" line="234" />
            <source>%n student(s) without enrolled photos (mark by hand):</source>
            <translation>
                <numerusform>%n Person ohne erfasste Fotos (von Hand erfassen):</numerusform>
                <numerusform>%n Personen ohne erfasste Fotos (von Hand erfassen):</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/gui/start_view.py" line="242" />
            <source>%n student(s) without consent to face recognition (mark by hand):</source>
            <translation>
                <numerusform>%n Person ohne Einwilligung zur Gesichtserkennung (von Hand erfassen):</numerusform>
                <numerusform>%n Personen ohne Einwilligung zur Gesichtserkennung (von Hand erfassen):</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/gui/start_view.py" line="251" />
            <source>All %n student(s) can be marked by the camera.</source>
            <translation>
                <numerusform>Die Kamera kann die %n Person erfassen.</numerusform>
                <numerusform>Die Kamera kann alle %n Personen erfassen.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/gui/start_view.py" line="259" />
            <source>and %n more</source>
            <translation>
                <numerusform>und %n weitere</numerusform>
                <numerusform>und %n weitere</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="300" />
            <source>Choose a video or picture</source>
            <translation>Video oder Bild auswählen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="302" />
            <source>Videos and pictures (*.mp4 *.avi *.mkv *.mov *.jpg *.jpeg *.png);;All files (*)</source>
            <translation>Videos und Bilder (*.mp4 *.avi *.mkv *.mov *.jpg *.jpeg *.png);;Alle Dateien (*)</translation>
        </message>
    </context>
    <context>
        <name>Status</name>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="70" />
            <source>Present</source>
            <translation>Anwesend</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="71" />
            <source>Late</source>
            <translation>Verspätet</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="72" />
            <source>Absent</source>
            <translation>Abwesend</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="73" />
            <source>Excused</source>
            <translation>Entschuldigt</translation>
        </message>
    </context>
    <context>
        <name>StatusBarController</name>
        <message>
            <location filename="../../kiosk/gui/status_controller.py" line="49" />
            <source>Model: %s (loading…)</source>
            <translation>Modell: %s (wird geladen…)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/status_controller.py" line="52" />
            <source>Model: %s</source>
            <translation>Modell: %s</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/status_controller.py" line="55" />
            <source>Model: %s not installed</source>
            <translation>Modell: %s nicht installiert</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/status_controller.py" line="62" />
            <source>Database: unavailable</source>
            <translation>Datenbank: nicht erreichbar</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/status_controller.py" line="72" />
            <source>Database: %s</source>
            <translation>Datenbank: %s</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/status_controller.py" line="81" />
            <source>Camera %.0f fps</source>
            <translation>Kamera %.0f B/s</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/status_controller.py" line="83" />
            <source>recognition %.1f fps</source>
            <translation>Erkennung %.1f B/s</translation>
        </message>
    </context>
    <context>
        <name>StudentsTab</name>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="178" />
            <source>Part of a name, e.g. zoe</source>
            <translation>Teil eines Namens, z. B. zoe</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="179" />
            <source>Search</source>
            <translation>Suchen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="195" />
            <source>Started</source>
            <translation>Beginn</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="195" />
            <source>Class</source>
            <translation>Klasse</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="195" />
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="195" />
            <source>Method</source>
            <translation>Methode</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="195" />
            <source>Corrected</source>
            <translation>Korrigiert</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="198" />
            <source>Export…</source>
            <translation>Exportieren…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="221" />
            <source>%1 sessions, present %2, late %3, absent %4, excused %5; rate %6 %</source>
            <translation>%1 Sitzungen, anwesend %2, verspätet %3, abwesend %4, entschuldigt %5; Quote %6 %</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="235" />
            <source>corrected</source>
            <translation>berichtigt</translation>
        </message>
    </context>
    <context>
        <name>SummaryView</name>
        <message>
            <location filename="../../kiosk/gui/summary_view.py" line="32" />
            <source>Session ended</source>
            <translation>Sitzung beendet</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/summary_view.py" line="41" />
            <source>Present</source>
            <translation>Anwesend</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/summary_view.py" line="42" />
            <source>Late</source>
            <translation>Verspätet</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/summary_view.py" line="43" />
            <source>Excused</source>
            <translation>Entschuldigt</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/summary_view.py" line="44" />
            <source>Absent</source>
            <translation>Abwesend</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/summary_view.py" line="63" />
            <source>E&amp;xport…</source>
            <translation>E&amp;xportieren…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/summary_view.py" line="64" />
            <source>&amp;New session</source>
            <translation>&amp;Neue Sitzung</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/summary_view.py" line="67" />
            <source>&amp;Confirm register…</source>
            <translation>Anwesenheit &amp;bestätigen…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/summary_view.py" line="88" />
            <source>Session ended: %s</source>
            <translation>Sitzung beendet: %s</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/summary_view.py" line="104" />
            <source>(seen? see the sign-off)</source>
            <translation>(gesehen? beim Bestätigen prüfen)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_screen.py" line="119" />
            <source>Register confirmed: the marks of this session are locked.</source>
            <translation>Liste bestätigt: Die Einträge dieser Sitzung sind gesperrt.</translation>
        </message>
    </context>
    <context>
        <name>UsersDialog</name>
        <message>
            <location filename="../../kiosk/gui/users_dialog.py" line="46" />
            <location filename="../../kiosk/gui/users_dialog.py" line="50" />
            <source>Accounts</source>
            <translation>Konten</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/users_dialog.py" line="53" />
            <source>Disable</source>
            <translation>Sperren</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/users_dialog.py" line="54" />
            <source>Enable</source>
            <translation>Freigeben</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/users_dialog.py" line="55" />
            <source>Unlock / new PIN</source>
            <translation>Entsperren / neue PIN</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/users_dialog.py" line="62" />
            <source>&amp;Name:</source>
            <translation>&amp;Name:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/users_dialog.py" line="64" />
            <source>Teacher</source>
            <translation>Lehrkraft</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/users_dialog.py" line="65" />
            <source>Admin</source>
            <translation>Admin</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/users_dialog.py" line="66" />
            <source>&amp;Role:</source>
            <translation>&amp;Rolle:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/users_dialog.py" line="69" />
            <source>&amp;PIN or password:</source>
            <translation>&amp;PIN oder Passwort:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/users_dialog.py" line="73" />
            <source>&amp;Classes (teachers):</source>
            <translation>&amp;Klassen (Lehrkräfte):</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/users_dialog.py" line="76" />
            <source>Add the account</source>
            <translation>Konto hinzufügen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/users_dialog.py" line="77" />
            <source>Save the classes</source>
            <translation>Klassen speichern</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/users_dialog.py" line="110" />
            <source>The database is not open yet.</source>
            <translation>Die Datenbank ist noch nicht geöffnet.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/users_dialog.py" line="110" />
            <source>Wait a moment and try again.</source>
            <translation>Warten Sie kurz und versuchen Sie es erneut.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/users_dialog.py" line="149" />
            <source>disabled</source>
            <translation>gesperrt</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/users_dialog.py" line="151" />
            <source>locked</source>
            <translation>blockiert</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/users_dialog.py" line="153" />
            <source>active</source>
            <translation>aktiv</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/users_dialog.py" line="197" />
            <source>Classes of %s saved.</source>
            <translation>Klassen von %s gespeichert.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/users_dialog.py" line="211" />
            <source>Account %s added.</source>
            <translation>Konto %s hinzugefügt.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/users_dialog.py" line="221" />
            <source>Account %s unlocked.</source>
            <translation>Konto %s entsperrt.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/users_dialog.py" line="227" />
            <source>Account %s changed.</source>
            <translation>Konto %s geändert.</translation>
        </message>
    </context>
    <context>
        <name>VideoWidget</name>
        <message>
            <location filename="../../kiosk/gui/video_widget.py" line="140" />
            <source>Hold still</source>
            <translation>Bitte stillhalten</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/video_widget.py" line="141" />
            <source>Unknown</source>
            <translation>Unbekannt</translation>
        </message>
    </context>
    <context>
        <name>WelcomePage</name>
        <message>
            <location filename="../../kiosk/gui/wizard/page_welcome.py" line="15" />
            <source>Set up the attendance kiosk</source>
            <translation>Anwesenheitskiosk einrichten</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_welcome.py" line="16" />
            <source>A few steps, each of which you can go back to.</source>
            <translation>Einige Schritte; zu jedem können Sie zurückgehen.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_welcome.py" line="19" />
            <source>This wizard will:&lt;ol&gt;&lt;li&gt;choose where attendance is stored: the local file on this computer, or a PostgreSQL server shared by several classrooms;&lt;/li&gt;&lt;li&gt;create or upgrade the database tables;&lt;/li&gt;&lt;li&gt;move the data of an older database (this kiosk's local file, or the previous attendance app's &lt;i&gt;attendance.db&lt;/i&gt;) into PostgreSQL, checking every row;&lt;/li&gt;&lt;li&gt;install the face recognition model;&lt;/li&gt;&lt;li&gt;choose the camera and show a short preview.&lt;/li&gt;&lt;/ol&gt;Nothing is saved until you press &lt;b&gt;Finish&lt;/b&gt; on the last page: closing the wizard before then leaves the current settings as they are. A database password goes to this computer's password store (keyring), never into the settings file.</source>
            <translation>Dieser Assistent wird:&lt;ol&gt;&lt;li&gt;festlegen, wo die Anwesenheit gespeichert wird: in der lokalen Datei auf diesem Computer oder auf einem PostgreSQL-Server, den sich mehrere Klassenräume teilen;&lt;/li&gt;&lt;li&gt;die Datenbanktabellen anlegen oder aktualisieren;&lt;/li&gt;&lt;li&gt;die Daten einer älteren Datenbank (die lokale Datei dieses Kiosks oder die &lt;i&gt;attendance.db&lt;/i&gt; der bisherigen Anwesenheits-App) nach PostgreSQL übernehmen und dabei jede Zeile prüfen;&lt;/li&gt;&lt;li&gt;das Gesichtserkennungsmodell installieren;&lt;/li&gt;&lt;li&gt;die Kamera auswählen und eine kurze Vorschau zeigen.&lt;/li&gt;&lt;/ol&gt;Gespeichert wird erst, wenn Sie auf der letzten Seite &lt;b&gt;Fertigstellen&lt;/b&gt; drücken: Wird der Assistent vorher geschlossen, bleiben die aktuellen Einstellungen unverändert. Ein Datenbankpasswort kommt in den Passwortspeicher dieses Computers (Schlüsselbund), nie in die Einstellungsdatei.</translation>
        </message>
    </context>
    <context>
        <name>messages</name>
        <message>
            <location filename="../../kiosk/gui/messages.py" line="30" />
            <source>If it keeps happening, ask the school's admin.</source>
            <translation>Wenn es wieder passiert, wenden Sie sich an die Schulverwaltung.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/messages.py" line="44" />
            <source>Choose another camera, or ask the school's admin.</source>
            <translation>Wählen Sie eine andere Kamera, oder wenden Sie sich an die Schulverwaltung.</translation>
        </message>
    </context>
    <context>
        <name>MigrationPage</name>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="67" />
            <source>Bring older data along</source>
            <translation>Ältere Daten übernehmen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="70" />
            <source>Optional: move students, encodings and attendance from SQLite files into PostgreSQL. The files themselves are never changed.</source>
            <translation>Optional: Schülerinnen und Schüler, Gesichtsdaten und Anwesenheiten aus SQLite-Dateien nach PostgreSQL übernehmen. Die Dateien selbst werden nie verändert.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="81" />
            <source>The previous app's attendance.db (optional)</source>
            <translation>attendance.db der bisherigen App (optional)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="82" />
            <source>Choose…</source>
            <translation>Auswählen…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="83" />
            <source>Preview (changes nothing)</source>
            <translation>Vorschau (ändert nichts)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="84" />
            <source>Migrate</source>
            <translation>Übernehmen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="85" />
            <source>Cancel migration</source>
            <translation>Übernahme abbrechen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="95" />
            <source>The preview and the verification report appear here.</source>
            <translation>Hier erscheinen die Vorschau und der Prüfbericht.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="98" />
            <source>Legacy file:</source>
            <translation>Alte Datei:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="124" />
            <source>This kiosk's local database ({path}, {n} rows)</source>
            <translation>Lokale Datenbank dieses Kiosks ({path}, {n} Zeilen)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="126" />
            <source>This kiosk's local database ({path}) holds no data to move</source>
            <translation>Die lokale Datenbank dieses Kiosks ({path}) enthält keine Daten zum Übernehmen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="131" />
            <source>Target: {where}</source>
            <translation>Ziel: {where}</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="133" />
            <source>Preview first to see the counts and any problem rows; this step can be skipped with Next.</source>
            <translation>Zuerst die Vorschau ansehen: Anzahlen und problematische Zeilen. Mit „Weiter“ lässt sich dieser Schritt überspringen.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="141" />
            <source>Choose the old attendance database</source>
            <translation>Alte Anwesenheitsdatenbank auswählen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="143" />
            <source>SQLite databases (*.db *.sqlite *.sqlite3);;All files (*)</source>
            <translation>SQLite-Datenbanken (*.db *.sqlite *.sqlite3);;Alle Dateien (*)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="175" />
            <source>Starting…</source>
            <translation>Wird gestartet…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="177" />
            <source>Previewing… nothing is written.</source>
            <translation>Vorschau läuft… es wird nichts geschrieben.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="179" />
            <source>Migrating… you can cancel at any time.</source>
            <translation>Übernahme läuft… Sie können jederzeit abbrechen.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="217" />
            <source>{file}: {stage} ({current} of {total})</source>
            <translation>{file}: {stage} ({current} von {total})</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="229" />
            <source>The migration was stopped.</source>
            <translation>Die Übernahme wurde angehalten.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="231" />
            <source>What was moved is kept and consistent. Press Migrate again to continue where it stopped; nothing is moved twice.</source>
            <translation>Bereits Übernommenes bleibt vollständig erhalten. Drücken Sie erneut „Übernehmen“, um dort fortzufahren; nichts wird doppelt übernommen.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="237" />
            <source>Preview ready: nothing was written.</source>
            <translation>Vorschau fertig: Es wurde nichts geschrieben.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="238" />
            <source>Check the counts and the rows kept aside below, then press Migrate.</source>
            <translation>Prüfen Sie unten die Anzahlen und die zurückgestellten Zeilen und drücken Sie dann „Übernehmen“.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="243" />
            <source>Migration finished and verified.</source>
            <translation>Übernahme abgeschlossen und geprüft.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="244" />
            <source>Every row is accounted for; see the report below.</source>
            <translation>Jede Zeile ist erfasst; siehe Bericht unten.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="249" />
            <source>The migration finished, but not every row could be moved.</source>
            <translation>Die Übernahme ist abgeschlossen, aber nicht jede Zeile konnte übernommen werden.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="251" />
            <source>The report below lists each row kept aside and why; fix them and migrate again.</source>
            <translation>Der Bericht unten nennt jede zurückgestellte Zeile und den Grund; beheben Sie die Probleme und übernehmen Sie erneut.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="266" />
            <source>Stopping after the current batch…</source>
            <translation>Wird nach dem aktuellen Stapel angehalten…</translation>
        </message>
    </context>
</TS>