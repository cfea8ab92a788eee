<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de_DE">
    <context>
        <name>AdminController</name>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="107" />
            <source>Enter the admin PIN to change kiosk settings.</source>
            <translation>Geben Sie die Admin-PIN ein, um die Kiosk-Einstellungen zu ändern.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="117" />
            <source>Admin</source>
            <translation>Verwaltung</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="121" />
            <source>No admin PIN is set: anyone can leave kiosk mode. Set one with `kiosk admin-pin`.</source>
            <translation>Keine Admin-PIN gesetzt: Jede Person kann den Kioskmodus verlassen. Setzen Sie eine mit `kiosk admin-pin`.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="127" />
            <source>Leave kiosk mode</source>
            <translation>Kioskmodus verlassen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="127" />
            <source>Enter kiosk mode</source>
            <translation>Kioskmodus starten</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="129" />
            <source>Settings…</source>
            <translation>Einstellungen…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="130" />
            <source>Close the kiosk</source>
            <translation>Kiosk schließen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="131" />
            <source>Cancel</source>
            <translation>Abbrechen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="151" />
            <source>Settings saved</source>
            <translation>Einstellungen gespeichert</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="151" />
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
        <name>DatabasePage</name>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="43" />
            <source>Where attendance is stored</source>
            <translation>Wo die Anwesenheit gespeichert wird</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="45" />
            <source>One kiosk can keep a local file; several classrooms share a PostgreSQL server.</source>
            <translation>Ein einzelner Kiosk kann eine lokale Datei nutzen; mehrere Klassenräume teilen sich einen PostgreSQL-Server.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="51" />
            <source>Keep the local database file on this computer ({path})</source>
            <translation>Lokale Datenbankdatei auf diesem Computer behalten ({path})</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="55" />
            <source>Use a PostgreSQL server</source>
            <translation>Einen PostgreSQL-Server verwenden</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="60" />
            <source>Enter the server details</source>
            <translation>Serverdaten eingeben</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="61" />
            <source>Paste a connection URL</source>
            <translation>Verbindungs-URL einfügen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="68" />
            <source>db.school.local</source>
            <translation>db.schule.local</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="80" />
            <source>Default: encrypted when the server offers it</source>
            <translation>Standard: verschlüsselt, wenn der Server es anbietet</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="81" />
            <source>disable: never encrypted</source>
            <translation>disable: nie verschlüsselt</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="82" />
            <source>require: always encrypted</source>
            <translation>require: immer verschlüsselt</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="83" />
            <source>verify-ca: encrypted, certificate checked</source>
            <translation>verify-ca: verschlüsselt, Zertifikat geprüft</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="84" />
            <source>verify-full: encrypted, certificate and host name checked</source>
            <translation>verify-full: verschlüsselt, Zertifikat und Hostname geprüft</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="89" />
            <source>the school's CA certificate, e.g. school-ca.crt</source>
            <translation>das CA-Zertifikat der Schule, z. B. schule-ca.crt</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="90" />
            <source>Choose…</source>
            <translation>Auswählen…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="95" />
            <source>Test the connection</source>
            <translation>Verbindung testen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="99" />
            <source>I will set {var} for the kiosk (the password is not saved anywhere)</source>
            <translation>Ich setze {var} für den Kiosk (das Passwort wird nirgends gespeichert)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="107" />
            <source>Host:</source>
            <translation>Host:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="108" />
            <source>Port:</source>
            <translation>Port:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="109" />
            <source>Database:</source>
            <translation>Datenbank:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="110" />
            <source>User:</source>
            <translation>Benutzer:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="111" />
            <source>URL:</source>
            <translation>URL:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="112" />
            <source>Password:</source>
            <translation>Passwort:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="113" />
            <source>Encryption (SSL):</source>
            <translation>Verschlüsselung (SSL):</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="114" />
            <source>CA certificate:</source>
            <translation>CA-Zertifikat:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="116" />
            <source>PostgreSQL server</source>
            <translation>PostgreSQL-Server</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="208" />
            <source>The school's CA certificate</source>
            <translation>Das CA-Zertifikat der Schule</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="210" />
            <source>Certificates (*.crt *.pem *.cer);;All files (*)</source>
            <translation>Zertifikate (*.crt *.pem *.cer);;Alle Dateien (*)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="219" />
            <source>Press “Test the connection” to check these details before going on.</source>
            <translation>Drücken Sie „Verbindung testen“, um diese Angaben vor dem Weitergehen zu prüfen.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="256" />
            <source>Connecting to {where}…</source>
            <translation>Verbindung zu {where}…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="274" />
            <source>Connected to {where}.</source>
            <translation>Mit {where} verbunden.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="275" />
            <source>The user may create tables there, so the kiosk can set up its database.</source>
            <translation>Der Benutzer darf dort Tabellen anlegen; der Kiosk kann seine Datenbank einrichten.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="280" />
            <source>This computer has no password store (keyring), so the kiosk cannot keep the password.</source>
            <translation>Dieser Computer hat keinen Passwortspeicher (Schlüsselbund); der Kiosk kann das Passwort nicht aufbewahren.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="283" />
            <source>Set the environment variable {var} to the password where the kiosk starts (its service or start script). It is never written to the settings file.</source>
            <translation>Setzen Sie die Umgebungsvariable {var} auf das Passwort, dort wo der Kiosk startet (Dienst oder Startskript). Es wird nie in die Einstellungsdatei geschrieben.</translation>
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
            <location filename="../../kiosk/gui/wizard/page_done.py" line="22" />
            <source>Ready</source>
            <translation>Bereit</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="23" />
            <source>Press Finish to save these settings and start the kiosk.</source>
            <translation>Drücken Sie „Fertigstellen“, um diese Einstellungen zu speichern und den Kiosk zu starten.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="37" />
            <source>the local file {path}</source>
            <translation>die lokale Datei {path}</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="41" />
            <source>Database</source>
            <translation>Datenbank</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="42" />
            <source>Recognition model</source>
            <translation>Erkennungsmodell</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="43" />
            <source>Camera</source>
            <translation>Kamera</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="44" />
            <source>Settings file</source>
            <translation>Einstellungsdatei</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="52" />
            <source>The database password goes to this computer's password store (keyring).</source>
            <translation>Das Datenbankpasswort kommt in den Passwortspeicher dieses Computers (Schlüsselbund).</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="55" />
            <source>This computer has no password store: remember to set {var} for the kiosk. The password is not written anywhere.</source>
            <translation>Dieser Computer hat keinen Passwortspeicher: Denken Sie daran, {var} für den Kiosk zu setzen. Das Passwort wird nirgends gespeichert.</translation>
        </message>
    </context>
    <context>
        <name>EnrollmentController</name>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="86" />
            <source>No camera: import photos instead.</source>
            <translation>Keine Kamera: Importieren Sie stattdessen Fotos.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="137" />
            <source>Nothing to change.</source>
            <translation>Nichts zu ändern.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="164" />
            <source>consent recorded</source>
            <translation>Einwilligung erfasst</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="166" />
            <source>no consent: cannot be enrolled</source>
            <translation>keine Einwilligung: kann nicht erfasst werden</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="168" />
            <source>Saved %s (%s).</source>
            <translation>%s gespeichert (%s).</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="225" />
            <source>Good: press Take photo.</source>
            <translation>Gut: Drücken Sie „Foto aufnehmen“.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="243" />
            <source>That is enough photos: press Enroll.</source>
            <translation>Das sind genug Fotos: Drücken Sie „Erfassen“.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="262" />
            <source>Choose photos of the student</source>
            <translation>Fotos der Schülerin oder des Schülers auswählen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="264" />
            <source>Pictures (*.jpg *.jpeg *.png *.bmp *.webp)</source>
            <translation>Bilder (*.jpg *.jpeg *.png *.bmp *.webp)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="288" />
            <source>(3 or more recognise better)</source>
            <translation>(3 oder mehr erkennen besser)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="299" />
            <source>Enrolling…</source>
            <translation>Wird erfasst…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="305" />
            <source>%d photo(s) enrolled for %s.</source>
            <translation>%d Foto(s) für %s erfasst.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="306" />
            <source>Not used: %s — %s</source>
            <translation>Nicht verwendet: %s – %s</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="309" />
            <source>⚠ Possible duplicate: %s looks like %s (%s), similarity %.2f. Check it is the right student.</source>
            <translation>⚠ Mögliches Duplikat: %s sieht aus wie %s (%s), Ähnlichkeit %.2f. Prüfen Sie, ob es die richtige Person ist.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="323" />
            <source>Not enrolled: </source>
            <translation>Nicht erfasst: </translation>
        </message>
    </context>
    <context>
        <name>EnrollmentDialog</name>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="41" />
            <source>Enroll a student</source>
            <translation>Schülerin oder Schüler erfassen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="46" />
            <location filename="../../kiosk/gui/enrollment_view.py" line="49" />
            <source>Student</source>
            <translation>Schüler/in</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="55" />
            <source>&amp;Student:</source>
            <translation>&amp;Schüler/in:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="57" />
            <source>School i&amp;d:</source>
            <translation>Schul-I&amp;D:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="59" />
            <source>&amp;Name:</source>
            <translation>&amp;Name:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="61" />
            <source>&amp;Class:</source>
            <translation>&amp;Klasse:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="63" />
            <source>E&amp;mail:</source>
            <translation>E-&amp;Mail:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="64" />
            <source>Consent to face recognition is recorded</source>
            <translation>Einwilligung zur Gesichtserkennung liegt vor</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="67" />
            <source>who gave it, e.g. a parent's name</source>
            <translation>wer sie gab, z. B. Name eines Elternteils</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="68" />
            <source>Consent &amp;by:</source>
            <translation>Einwilligung &amp;von:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="69" />
            <source>Sa&amp;ve student</source>
            <translation>Schüler/in spei&amp;chern</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="77" />
            <source>Photos</source>
            <translation>Fotos</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="80" />
            <source>Take %1 to %2 photos: look at the camera, then turn your head a little left and right.</source>
            <translation>Nehmen Sie %1 bis %2 Fotos auf: in die Kamera schauen, dann den Kopf etwas nach links und rechts drehen.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="89" />
            <source>Waiting for the camera…</source>
            <translation>Warten auf die Kamera…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="94" />
            <source>&amp;Take photo</source>
            <translation>&amp;Foto aufnehmen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="97" />
            <source>&amp;Import photos…</source>
            <translation>Fotos &amp;importieren…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="114" />
            <source>&amp;Enroll</source>
            <translation>&amp;Erfassen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="117" />
            <source>Close</source>
            <translation>Schließen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="131" />
            <source>Photos taken</source>
            <translation>Aufgenommene Fotos</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="132" />
            <source>Camera picture</source>
            <translation>Kamerabild</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="137" />
            <source>New student…</source>
            <translation>Neue Schülerin / neuer Schüler…</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/gui/enrollment_view.py" line="139" />
            <source>%n photo(s) enrolled</source>
            <translation>
                <numerusform>%n Foto erfasst</numerusform>
                <numerusform>%n Fotos erfasst</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="140" />
            <source>no consent</source>
            <translation>keine Einwilligung</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="143" />
            <source>(no class)</source>
            <translation>(keine Klasse)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="190" />
            <source>%1 of %2–%3 photos</source>
            <translation>%1 von %2–%3 Fotos</translation>
        </message>
    </context>
    <context>
        <name>LiveView</name>
        <message>
            <location filename="../../kiosk/gui/live_view.py" line="27" />
            <source>&amp;Mark by hand…</source>
            <translation>&amp;Von Hand erfassen…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/live_view.py" line="28" />
            <source>&amp;End session</source>
            <translation>Sitzung &amp;beenden</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/live_view.py" line="41" />
            <source>Camera picture with the faces recognised</source>
            <translation>Kamerabild mit den erkannten Gesichtern</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="40" />
            <location filename="../../kiosk/gui/main_window.py" line="72" />
            <source>Attendance kiosk</source>
            <translation>Anwesenheitskiosk</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/main_window.py" line="85" />
            <source>Database: connecting…</source>
            <translation>Datenbank: verbindet…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/main_window.py" line="86" />
            <source>Model: loading…</source>
            <translation>Modell: wird geladen…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/main_window.py" line="87" />
            <source>Camera: off</source>
            <translation>Kamera: aus</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/main_window.py" line="98" />
            <source>A&amp;dmin…</source>
            <translation>Ver&amp;waltung…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/main_window.py" line="100" />
            <source>Admin settings</source>
            <translation>Verwaltungseinstellungen</translation>
        </message>
    </context>
    <context>
        <name>ManualMarkController</name>
        <message>
            <location filename="../../kiosk/gui/manual_marks.py" line="50" />
            <source>Choose a student in the list first.</source>
            <translation>Wählen Sie zuerst eine Person in der Liste.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/manual_marks.py" line="50" />
            <source>Then press Mark by hand again.</source>
            <translation>Drücken Sie dann erneut „Von Hand erfassen“.</translation>
        </message>
    </context>
    <context>
        <name>ManualMarkDialog</name>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="91" />
            <source>Mark by hand</source>
            <translation>Von Hand erfassen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="107" />
            <source>Now: %s</source>
            <translation>Jetzt: %s</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="110" />
            <source>No consent for face recognition: this student is always marked by hand.</source>
            <translation>Keine Einwilligung zur Gesichtserkennung: Diese Person wird immer von Hand erfasst.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="127" />
            <location filename="../../kiosk/gui/dialogs.py" line="138" />
            <source>Note (optional):</source>
            <translation>Notiz (optional):</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="129" />
            <source>e.g. doctor's appointment</source>
            <translation>z. B. Arzttermin</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="134" />
            <source>Save</source>
            <translation>Speichern</translation>
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
            <location filename="../../kiosk/gui/wizard/page_model.py" line="132" />
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
            <location filename="../../kiosk/gui/wizard/page_model.py" line="117" />
            <source>Ready: its weight files are installed.</source>
            <translation>Bereit: Die Modelldateien sind installiert.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="120" />
            <source>Damaged: {files}. Download or import them again.</source>
            <translation>Beschädigt: {files}. Laden Sie sie erneut herunter oder importieren Sie sie.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="125" />
            <source>Not installed (missing {files}).</source>
            <translation>Nicht installiert (es fehlt: {files}).</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="132" />
            <source>Install the offline files</source>
            <translation>Offline-Dateien installieren</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="142" />
            <source>Installing the {name} weight files…</source>
            <translation>Modelldateien für {name} werden installiert…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="148" />
            <source>Folder with the weight files</source>
            <translation>Ordner mit den Modelldateien</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="157" />
            <source>Checking and copying the weight files…</source>
            <translation>Modelldateien werden geprüft und kopiert…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="182" />
            <source>Downloading {file} ({i} of {n})…</source>
            <translation>{file} wird heruntergeladen ({i} von {n})…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="190" />
            <source>Installed: {files}.</source>
            <translation>Installiert: {files}.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="190" />
            <source>nothing new</source>
            <translation>nichts Neues</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="213" />
            <source>The {name} model's weight files are not installed.</source>
            <translation>Die Modelldateien für {name} sind nicht installiert.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="216" />
            <source>Download or import them, or choose the offline model.</source>
            <translation>Laden Sie sie herunter oder importieren Sie sie, oder wählen Sie das Offline-Modell.</translation>
        </message>
    </context>
    <context>
        <name>PinDialog</name>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="161" />
            <location filename="../../kiosk/gui/dialogs.py" line="178" />
            <source>Admin PIN</source>
            <translation>Admin-PIN</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="167" />
            <source>PIN</source>
            <translation>PIN</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="188" />
            <source>That PIN is not right. Try again.</source>
            <translation>Diese PIN stimmt nicht. Bitte erneut versuchen.</translation>
        </message>
    </context>
    <context>
        <name>RosterPanel</name>
        <message>
            <location filename="../../kiosk/gui/roster_view.py" line="71" />
            <source>Roster: press Enter on a student to mark by hand</source>
            <translation>Klassenliste: Eingabetaste auf einer Person drücken, um von Hand zu erfassen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/roster_view.py" line="98" />
            <source>Press Enter or double-click to mark by hand</source>
            <translation>Eingabetaste oder Doppelklick: von Hand erfassen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/roster_view.py" line="113" />
            <source>(by hand)</source>
            <translation>(von Hand)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/roster_view.py" line="117" />
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
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="111" />
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="116" />
            <source>Create the tables</source>
            <translation>Tabellen anlegen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="43" />
            <source>Looking at {where}…</source>
            <translation>{where} wird geprüft…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="70" />
            <source>Working… this takes a few seconds.</source>
            <translation>Wird bearbeitet… das dauert einige Sekunden.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="82" />
            <source>{where} was set up by a newer version of the kiosk (schema {rev}).</source>
            <translation>{where} wurde von einer neueren Kiosk-Version eingerichtet (Schema {rev}).</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="88" />
            <source>This kiosk is too old for that database; nothing was changed.</source>
            <translation>Dieser Kiosk ist für diese Datenbank zu alt; es wurde nichts geändert.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="90" />
            <source>Update the kiosk software on this computer, or go back and choose another database.</source>
            <translation>Aktualisieren Sie die Kiosk-Software auf diesem Computer, oder gehen Sie zurück und wählen Sie eine andere Datenbank.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="98" />
            <source>The tables in {where} are up to date (schema {rev}).</source>
            <translation>Die Tabellen in {where} sind aktuell (Schema {rev}).</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="104" />
            <source>Done: the database is ready.</source>
            <translation>Fertig: Die Datenbank ist bereit.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="106" />
            <source>Nothing to do here.</source>
            <translation>Hier ist nichts zu tun.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="110" />
            <source>{where} is empty. The kiosk will create its tables in {n} step(s):</source>
            <translation>{where} ist leer. Der Kiosk legt seine Tabellen in {n} Schritt(en) an:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="114" />
            <source>{where} already holds other tables; the kiosk will add its own beside them in {n} step(s):</source>
            <translation>{where} enthält bereits andere Tabellen; der Kiosk fügt seine eigenen in {n} Schritt(en) hinzu:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="119" />
            <source>{where} has an older version of the tables ({rev}). The upgrade runs {n} step(s):</source>
            <translation>{where} hat eine ältere Version der Tabellen ({rev}). Die Aktualisierung hat {n} Schritt(e):</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="121" />
            <source>Upgrade the tables</source>
            <translation>Tabellen aktualisieren</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="124" />
            <source>Existing data is kept. Running it twice is harmless.</source>
            <translation>Vorhandene Daten bleiben erhalten. Zweimal ausführen schadet nicht.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="127" />
            <source>Press the button to do it now.</source>
            <translation>Drücken Sie die Schaltfläche, um es jetzt zu tun.</translation>
        </message>
    </context>
    <context>
        <name>SessionController</name>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="105" />
            <source>Loading face models…</source>
            <translation>Gesichtsmodelle werden geladen…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="117" />
            <source>Connecting to the database…</source>
            <translation>Verbindung zur Datenbank…</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/gui/session_controller.py" line="128" />
            <source>Database ready: %n class(es).</source>
            <translation>
                <numerusform>Datenbank bereit: %n Klasse.</numerusform>
                <numerusform>Datenbank bereit: %n Klassen.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="130" />
            <source>No classes yet: ask the school's admin to add your class.</source>
            <translation>Noch keine Klassen: Bitten Sie die Schulverwaltung, Ihre Klasse anzulegen.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="143" />
            <source>The database cannot be used.</source>
            <translation>Die Datenbank kann nicht verwendet werden.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="150" />
            <source>Face recognition ready (%s).</source>
            <translation>Gesichtserkennung bereit (%s).</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="159" />
            <source>Face recognition is off: %s
Sessions can still be run, marking attendance by hand.</source>
            <translation>Gesichtserkennung ist aus: %s
Sitzungen sind trotzdem möglich; die Anwesenheit wird von Hand erfasst.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="162" />
            <source>For the school's admin: %s</source>
            <translation>Für die Schulverwaltung: %s</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="263" />
            <source>No camera: mark attendance by hand.</source>
            <translation>Keine Kamera: Erfassen Sie die Anwesenheit von Hand.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="310" />
            <source>End session</source>
            <translation>Sitzung beenden</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="311" />
            <source>End this session? Students not marked yet will be recorded as absent.</source>
            <translation>Diese Sitzung beenden? Wer noch nicht erfasst ist, wird als abwesend eingetragen.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="360" />
            <source>Export attendance</source>
            <translation>Anwesenheit exportieren</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="360" />
            <source>CSV files (*.csv)</source>
            <translation>CSV-Dateien (*.csv)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="371" />
            <source>Saved to %s</source>
            <translation>Gespeichert unter %s</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="381" />
            <source>Close the kiosk</source>
            <translation>Kiosk schließen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="382" />
            <source>A session is running. End it and close? Everyone marked so far is kept.</source>
            <translation>Eine Sitzung läuft. Beenden und schließen? Alle bisherigen Erfassungen bleiben erhalten.</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="38" />
            <source>Kiosk settings</source>
            <translation>Kiosk-Einstellungen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="41" />
            <source>Start in kiosk mode (full screen, admin PIN to leave)</source>
            <translation>Im Kioskmodus starten (Vollbild, Verlassen nur mit Admin-PIN)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="45" />
            <source>Default &amp;camera:</source>
            <translation>Standard-&amp;Kamera:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="49" />
            <source> min</source>
            <translation> Min.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="50" />
            <source>&amp;Late after start +</source>
            <translation>&amp;Verspätet ab Beginn +</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="52" />
            <source>Recognition profile:</source>
            <translation>Erkennungsprofil:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="56" />
            <source>Changes apply the next time the kiosk starts. The profile is changed with `kiosk models use`.</source>
            <translation>Änderungen gelten beim nächsten Start des Kiosks. Das Profil wird mit `kiosk models use` geändert.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="65" />
            <source>Minutes after the start before a student counts as late</source>
            <translation>Minuten nach Beginn, ab denen jemand als verspätet gilt</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="82" />
            <source>The settings could not be saved (%s).</source>
            <translation>Die Einstellungen konnten nicht gespeichert werden (%s).</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="83" />
            <source>Check that %s is writable.</source>
            <translation>Prüfen Sie, ob %s beschreibbar ist.</translation>
        </message>
    </context>
    <context>
        <name>SetupWizard</name>
        <message>
            <location filename="../../kiosk/gui/wizard/wizard.py" line="39" />
            <source>Attendance kiosk setup</source>
            <translation>Einrichtung des Anwesenheitskiosks</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/wizard.py" line="81" />
            <source>Stop the setup?</source>
            <translation>Einrichtung abbrechen?</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/wizard.py" line="83" />
            <source>Work is still running. Stop it and close the wizard? Nothing is saved; a stopped migration can be continued later.</source>
            <translation>Es wird noch gearbeitet. Abbrechen und den Assistenten schließen? Es wird nichts gespeichert; eine angehaltene Übernahme kann später fortgesetzt werden.</translation>
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
            <location filename="../../kiosk/gui/dialogs.py" line="69" />
            <source>Present</source>
            <translation>Anwesend</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="70" />
            <source>Late</source>
            <translation>Verspätet</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="71" />
            <source>Absent</source>
            <translation>Abwesend</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="72" />
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
        <name>SummaryView</name>
        <message>
            <location filename="../../kiosk/gui/summary_view.py" line="30" />
            <source>Session ended</source>
            <translation>Sitzung beendet</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/summary_view.py" line="39" />
            <source>Present</source>
            <translation>Anwesend</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/summary_view.py" line="40" />
            <source>Late</source>
            <translation>Verspätet</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/summary_view.py" line="41" />
            <source>Excused</source>
            <translation>Entschuldigt</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/summary_view.py" line="42" />
            <source>Absent</source>
            <translation>Abwesend</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/summary_view.py" line="61" />
            <source>E&amp;xport to CSV…</source>
            <translation>Als CSV e&amp;xportieren…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/summary_view.py" line="62" />
            <source>&amp;New session</source>
            <translation>&amp;Neue Sitzung</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/summary_view.py" line="78" />
            <source>Session ended: %s</source>
            <translation>Sitzung beendet: %s</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/summary_view.py" line="104" />
            <source>(seen? see the sign-off)</source>
            <translation>(gesehen? beim Bestätigen prüfen)</translation>
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
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="228" />
            <source>The migration was stopped.</source>
            <translation>Die Übernahme wurde angehalten.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="230" />
            <source>What was moved is kept and consistent. Press Migrate again to continue where it stopped; nothing is moved twice.</source>
            <translation>Bereits Übernommenes bleibt vollständig erhalten. Drücken Sie erneut „Übernehmen“, um dort fortzufahren; nichts wird doppelt übernommen.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="236" />
            <source>Preview ready: nothing was written.</source>
            <translation>Vorschau fertig: Es wurde nichts geschrieben.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="237" />
            <source>Check the counts and the rows kept aside below, then press Migrate.</source>
            <translation>Prüfen Sie unten die Anzahlen und die zurückgestellten Zeilen und drücken Sie dann „Übernehmen“.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="242" />
            <source>Migration finished and verified.</source>
            <translation>Übernahme abgeschlossen und geprüft.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="243" />
            <source>Every row is accounted for; see the report below.</source>
            <translation>Jede Zeile ist erfasst; siehe Bericht unten.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="248" />
            <source>The migration finished, but not every row could be moved.</source>
            <translation>Die Übernahme ist abgeschlossen, aber nicht jede Zeile konnte übernommen werden.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="250" />
            <source>The report below lists each row kept aside and why; fix them and migrate again.</source>
            <translation>Der Bericht unten nennt jede zurückgestellte Zeile und den Grund; beheben Sie die Probleme und übernehmen Sie erneut.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="265" />
            <source>Stopping after the current batch…</source>
            <translation>Wird nach dem aktuellen Stapel angehalten…</translation>
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
            <location filename="../../kiosk/gui/doubt_prompts.py" line="85" />
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
        <name>DoubtPanel</name>
        <message>
            <location filename="../../kiosk/gui/doubt_prompts.py" line="104" />
            <source>Faces the kiosk is not sure of</source>
            <translation>Gesichter, bei denen der Kiosk unsicher ist</translation>
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
        <name>SignOffDialog</name>
        <message>
            <location filename="../../kiosk/gui/records_dialogs.py" line="192" />
            <source>asked: %1</source>
            <translation>gefragt: %1</translation>
        </message>
    </context>
</TS>