<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="es_ES">
    <context>
        <name>AccessGuard</name>
        <message>
            <location filename="../../kiosk/gui/access_guard.py" line="95" />
            <source>Enter the admin PIN to change kiosk settings.</source>
            <translation>Introduzca el PIN de administración para cambiar los ajustes del quiosco.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/access_guard.py" line="101" />
            <source>an admin</source>
            <translation>un administrador</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/access_guard.py" line="101" />
            <source>a teacher or an admin</source>
            <translation>un docente o un administrador</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/access_guard.py" line="102" />
            <source>This needs %s: sign in.</source>
            <translation>Esto requiere %s: inicie sesión.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/access_guard.py" line="121" />
            <source>The database is not open yet. Wait a moment and try again.</source>
            <translation>La base de datos aún no está abierta. Espere un momento y vuelva a intentarlo.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/access_guard.py" line="129" />
            <source>%s may not do this: ask an admin.</source>
            <translation>%s no puede hacer esto: pregunte a un administrador.</translation>
        </message>
    </context>
    <context>
        <name>AdminController</name>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="140" />
            <source>Admin</source>
            <translation>Administración</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="146" />
            <source>No admin account: anyone can leave kiosk mode. Add one under Accounts… or with `kiosk user add NAME --role admin`.</source>
            <translation>No hay cuenta de administrador: cualquiera puede salir del modo quiosco. Cree una en Cuentas… o con `kiosk user add NAME --role admin`.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="154" />
            <source>Leave kiosk mode</source>
            <translation>Salir del modo quiosco</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="154" />
            <source>Enter kiosk mode</source>
            <translation>Entrar en modo quiosco</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="156" />
            <source>Settings…</source>
            <translation>Ajustes…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="157" />
            <source>Classes and students…</source>
            <translation>Clases y alumnos…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="161" />
            <source>Accounts…</source>
            <translation>Cuentas…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="163" />
            <source>Close the kiosk</source>
            <translation>Cerrar el quiosco</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="164" />
            <source>Sign out</source>
            <translation>Cerrar sesión</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="166" />
            <source>Cancel</source>
            <translation>Cancelar</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="206" />
            <source>Settings saved</source>
            <translation>Ajustes guardados</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="206" />
            <source>The new settings apply at the next start.</source>
            <translation>Los nuevos ajustes se aplican en el próximo inicio.</translation>
        </message>
    </context>
    <context>
        <name>CameraController</name>
        <message>
            <location filename="../../kiosk/gui/camera_controller.py" line="63" />
            <source>No camera selected.</source>
            <translation>No hay ninguna cámara seleccionada.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/camera_controller.py" line="94" />
            <source>Camera: problem</source>
            <translation>Cámara: problema</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/camera_controller.py" line="102" />
            <source>connecting</source>
            <translation>conectando</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/camera_controller.py" line="103" />
            <source>live</source>
            <translation>en directo</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/camera_controller.py" line="104" />
            <source>reconnecting</source>
            <translation>reconectando</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/camera_controller.py" line="105" />
            <source>ended</source>
            <translation>terminada</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/camera_controller.py" line="106" />
            <source>failed</source>
            <translation>con error</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/camera_controller.py" line="107" />
            <source>stopped</source>
            <translation>detenida</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/camera_controller.py" line="109" />
            <source>Camera: %s</source>
            <translation>Cámara: %s</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/camera_controller.py" line="115" />
            <source>The video has ended. End the session when everyone is marked.</source>
            <translation>El vídeo ha terminado. Finalice la sesión cuando todos estén registrados.</translation>
        </message>
    </context>
    <context>
        <name>CameraPage</name>
        <message>
            <location filename="../../kiosk/gui/wizard/page_camera.py" line="66" />
            <source>Camera</source>
            <translation>Cámara</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_camera.py" line="68" />
            <source>Pick the camera facing the door, or type a video file or a stream address (rtsp://…).</source>
            <translation>Elija la cámara que mira a la puerta, o escriba un archivo de vídeo o una dirección de stream (rtsp://…).</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_camera.py" line="75" />
            <source>Video file…</source>
            <translation>Archivo de vídeo…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_camera.py" line="76" />
            <source>Preview</source>
            <translation>Vista previa</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_camera.py" line="77" />
            <source>No preview yet</source>
            <translation>Aún no hay vista previa</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_camera.py" line="107" />
            <source>No camera was found on this computer.</source>
            <translation>No se encontró ninguna cámara en este ordenador.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_camera.py" line="108" />
            <source>Plug one in and come back to this page, or type a video file or stream address.</source>
            <translation>Conecte una y vuelva a esta página, o escriba un archivo de vídeo o una dirección de stream.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_camera.py" line="129" />
            <source>Choose a video file</source>
            <translation>Elegir un archivo de vídeo</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_camera.py" line="131" />
            <source>Videos (*.mp4 *.avi *.mkv *.mov);;All files (*)</source>
            <translation>Vídeos (*.mp4 *.avi *.mkv *.mov);;Todos los archivos (*)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_camera.py" line="141" />
            <source>Choose a camera or type a source first.</source>
            <translation>Elija primero una cámara o escriba una fuente.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_camera.py" line="145" />
            <source>Opening {source}…</source>
            <translation>Abriendo {source}…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_camera.py" line="174" />
            <source>{source} works ({n} pictures received).</source>
            <translation>{source} funciona ({n} imágenes recibidas).</translation>
        </message>
    </context>
    <context>
        <name>ClassReportTab</name>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="100" />
            <source>Class</source>
            <translation>Clase</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="101" />
            <source>From</source>
            <translation>Desde</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="102" />
            <source>To</source>
            <translation>Hasta</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="103" />
            <source>At risk under</source>
            <translation>En riesgo por debajo de</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="106" />
            <source>Show</source>
            <translation>Mostrar</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="107" />
            <source>Export…</source>
            <translation>Exportar…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="108" />
            <source>Print…</source>
            <translation>Imprimir…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="126" />
            <source>Name</source>
            <translation>Nombre</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="127" />
            <source>Id</source>
            <translation>ID</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="128" />
            <source>Sessions</source>
            <translation>Sesiones</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="129" />
            <source>Present</source>
            <translation>Presente</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="130" />
            <source>Late</source>
            <translation>Tarde</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="131" />
            <source>Absent</source>
            <translation>Ausente</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="132" />
            <source>Excused</source>
            <translation>Justificado</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="133" />
            <source>Rate %</source>
            <translation>Asistencia %</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="134" />
            <source>At risk</source>
            <translation>En riesgo</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="145" />
            <source>%1: %2 sessions held; class rate %3 %; %4 student(s) at risk.</source>
            <translation>%1: %2 sesiones impartidas; asistencia de la clase %3 %; %4 alumno(s) en riesgo.</translation>
        </message>
    </context>
    <context>
        <name>ConsentDialog</name>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="39" />
            <source>When</source>
            <translation>Cuándo</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="40" />
            <source>What</source>
            <translation>Qué</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="41" />
            <source>Who</source>
            <translation>Quién</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="42" />
            <source>Relation</source>
            <translation>Relación</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="43" />
            <source>How</source>
            <translation>Cómo</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="44" />
            <source>Text</source>
            <translation>Texto</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="45" />
            <source>Entered by</source>
            <translation>Registrado por</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="65" />
            <source>Consent records</source>
            <translation>Registros de consentimiento</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="68" />
            <source>Loading…</source>
            <translation>Cargando…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="75" />
            <source>Consent ledger</source>
            <translation>Historial de consentimientos</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="78" />
            <source>Add a record</source>
            <translation>Añadir un registro</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="82" />
            <source>Consent given</source>
            <translation>Consentimiento otorgado</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="83" />
            <source>Consent withdrawn (deletes the face data)</source>
            <translation>Consentimiento retirado (borra los datos faciales)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="84" />
            <source>Objection (stops face matching)</source>
            <translation>Oposición (detiene el reconocimiento facial)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="85" />
            <source>Objection lifted by its author</source>
            <translation>Oposición retirada por quien la presentó</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="88" />
            <source>&amp;What:</source>
            <translation>&amp;Qué:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="91" />
            <source>Parent</source>
            <translation>Padre o madre</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="92" />
            <source>Guardian</source>
            <translation>Tutor legal</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="93" />
            <source>The pupil</source>
            <translation>El propio alumno</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="96" />
            <source>&amp;By whom:</source>
            <translation>&amp;Por quién:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="98" />
            <source>&amp;Name:</source>
            <translation>&amp;Nombre:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="100" />
            <source>e.g. mother, legal guardian</source>
            <translation>p. ej., madre, tutor legal</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="101" />
            <source>&amp;Relation:</source>
            <translation>&amp;Relación:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="105" />
            <source>paper form</source>
            <translation>formulario en papel</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="105" />
            <source>email</source>
            <translation>correo electrónico</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="105" />
            <source>in person</source>
            <translation>en persona</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="105" />
            <source>letter</source>
            <translation>carta</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="107" />
            <source>&amp;How:</source>
            <translation>&amp;Cómo:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="111" />
            <source>&amp;Date given:</source>
            <translation>&amp;Fecha:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="118" />
            <source>&amp;Add record</source>
            <translation>&amp;Añadir registro</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="132" />
            <source>Consent records: %1</source>
            <translation>Registros de consentimiento: %1</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="174" />
            <source>Recorded.</source>
            <translation>Registrado.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="188" />
            <source>Face matching is allowed: %1.</source>
            <translation>El reconocimiento facial está permitido: %1.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="192" />
            <source>Face matching is NOT allowed: %1. This pupil checks in by card, PIN or the teacher.</source>
            <translation>El reconocimiento facial NO está permitido: %1. Este alumno se registra con tarjeta, PIN o mediante el docente.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/consent_dialog.py" line="197" />
            <source>The consent text has changed since: ask for a renewed consent.</source>
            <translation>El texto del consentimiento ha cambiado desde entonces: pida un consentimiento renovado.</translation>
        </message>
    </context>
    <context>
        <name>CorrectionDialog</name>
        <message>
            <location filename="../../kiosk/gui/records_dialogs.py" line="44" />
            <source>Correct a mark</source>
            <translation>Corregir una marca</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_dialogs.py" line="48" />
            <source>Now: %s</source>
            <translation>Ahora: %s</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_dialogs.py" line="51" />
            <source>This register was signed off: the change is recorded with your reason.</source>
            <translation>Esta lista ya se confirmó: el cambio queda registrado con su motivo.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_dialogs.py" line="64" />
            <source>Reason for the change (required):</source>
            <translation>Motivo del cambio (obligatorio):</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_dialogs.py" line="67" />
            <source>e.g. note from the office</source>
            <translation>p. ej., aviso de secretaría</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_dialogs.py" line="69" />
            <source>Excuse (for excused, optional):</source>
            <translation>Justificación (si es justificada, opcional):</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_dialogs.py" line="75" />
            <source>Save</source>
            <translation>Guardar</translation>
        </message>
    </context>
    <context>
        <name>DatabasePage</name>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="45" />
            <source>Where attendance is stored</source>
            <translation>Dónde se guarda la asistencia</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="47" />
            <source>One kiosk can keep a local file; several classrooms share a PostgreSQL server.</source>
            <translation>Un quiosco puede usar un archivo local; varias aulas comparten un servidor PostgreSQL.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="53" />
            <source>Keep the local database file on this computer ({path})</source>
            <translation>Mantener el archivo de base de datos local en este ordenador ({path})</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="57" />
            <source>Use a PostgreSQL server</source>
            <translation>Usar un servidor PostgreSQL</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="62" />
            <source>Enter the server details</source>
            <translation>Introducir los datos del servidor</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="63" />
            <source>Paste a connection URL</source>
            <translation>Pegar una URL de conexión</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="70" />
            <source>db.school.local</source>
            <translation>db.escuela.local</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="82" />
            <source>Default: encrypted when the server offers it</source>
            <translation>Predeterminado: cifrado si el servidor lo ofrece</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="83" />
            <source>disable: never encrypted</source>
            <translation>disable: nunca cifrado</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="84" />
            <source>require: always encrypted</source>
            <translation>require: siempre cifrado</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="85" />
            <source>verify-ca: encrypted, certificate checked</source>
            <translation>verify-ca: cifrado, certificado comprobado</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="86" />
            <source>verify-full: encrypted, certificate and host name checked</source>
            <translation>verify-full: cifrado, certificado y nombre de host comprobados</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="91" />
            <source>the school's CA certificate, e.g. school-ca.crt</source>
            <translation>el certificado de la CA del centro, p. ej. centro-ca.crt</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="92" />
            <source>Choose…</source>
            <translation>Elegir…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="97" />
            <source>Test the connection</source>
            <translation>Probar la conexión</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="102" />
            <source>Keep it in the kiosk's password file {path} (readable only by this user)</source>
            <translation>Guardarla en el archivo de contraseñas del quiosco {path} (solo lo puede leer este usuario)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="107" />
            <source>I will set {var} where the kiosk starts (the password is not saved anywhere)</source>
            <translation>Definiré {var} donde se inicia el quiosco (la contraseña no se guarda en ningún sitio)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="297" />
            <source>This computer has no password store (keyring), so the kiosk needs another place to find the password.</source>
            <translation>Este equipo no tiene almacén de contraseñas (keyring), así que el quiosco necesita otro lugar donde encontrar la contraseña.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="301" />
            <source>The password file is what PostgreSQL's own tools use; it is never the settings file. Or set the environment variable {var} in the kiosk's service or start script.</source>
            <translation>El archivo de contraseñas es el que usan las propias herramientas de PostgreSQL; nunca es el archivo de ajustes. O bien defina la variable de entorno {var} en el servicio o el script de inicio del quiosco.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="124" />
            <source>Host:</source>
            <translation>Host:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="125" />
            <source>Port:</source>
            <translation>Puerto:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="126" />
            <source>Database:</source>
            <translation>Base de datos:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="127" />
            <source>User:</source>
            <translation>Usuario:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="128" />
            <source>URL:</source>
            <translation>URL:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="129" />
            <source>Password:</source>
            <translation>Contraseña:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="130" />
            <source>Encryption (SSL):</source>
            <translation>Cifrado (SSL):</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="131" />
            <source>CA certificate:</source>
            <translation>Certificado de la CA:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="133" />
            <source>PostgreSQL server</source>
            <translation>Servidor PostgreSQL</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="225" />
            <source>The school's CA certificate</source>
            <translation>El certificado de la CA del centro</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="227" />
            <source>Certificates (*.crt *.pem *.cer);;All files (*)</source>
            <translation>Certificados (*.crt *.pem *.cer);;Todos los archivos (*)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="236" />
            <source>Press “Test the connection” to check these details before going on.</source>
            <translation>Pulse «Probar la conexión» para comprobar estos datos antes de seguir.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="273" />
            <source>Connecting to {where}…</source>
            <translation>Conectando con {where}…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="291" />
            <source>Connected to {where}.</source>
            <translation>Conectado a {where}.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="292" />
            <source>The user may create tables there, so the kiosk can set up its database.</source>
            <translation>El usuario puede crear tablas allí, así que el quiosco puede preparar su base de datos.</translation>
        </message>
    </context>
    <context>
        <name>DayTab</name>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="250" />
            <source>Show</source>
            <translation>Mostrar</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="251" />
            <source>Day</source>
            <translation>Día</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="259" />
            <source>Name</source>
            <translation>Nombre</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="260" />
            <source>Id</source>
            <translation>ID</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="261" />
            <source>Class</source>
            <translation>Clase</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="262" />
            <source>Sessions</source>
            <translation>Sesiones</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="263" />
            <source>Absent</source>
            <translation>Ausente</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="264" />
            <source>Excused</source>
            <translation>Justificado</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="265" />
            <source>Late</source>
            <translation>Tarde</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="275" />
            <source>%1: %2 sessions; %3 student(s) missing.</source>
            <translation>%1: %2 sesiones; faltan %3 alumno(s).</translation>
        </message>
    </context>
    <context>
        <name>DemoWindow</name>
        <message>
            <location filename="../../kiosk/gui/demo_window.py" line="44" />
            <source>Preparing the demo class and its sample camera stream…</source>
            <translation>Preparando la clase de demostración y su vídeo de ejemplo…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/demo_window.py" line="45" />
            <source>Loading face models and enrolling the sample students…</source>
            <translation>Cargando los modelos faciales y registrando a los alumnos de ejemplo…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/demo_window.py" line="76" />
            <source>The demo could not be prepared.</source>
            <translation>No se pudo preparar la demostración.</translation>
        </message>
    </context>
    <context>
        <name>DonePage</name>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="45" />
            <source>Ready</source>
            <translation>Listo</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="47" />
            <source>Press “Save and check” to save these settings and check the kiosk as it will start.</source>
            <translation>Pulse «Guardar y comprobar» para guardar estos ajustes y comprobar el quiosco tal como se iniciará.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="51" />
            <source>Save and check</source>
            <translation>Guardar y comprobar</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="62" />
            <source>First admin account (skip if the school has one)</source>
            <translation>Primera cuenta de administrador (omítala si el centro ya tiene una)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="68" />
            <source>Admin &amp;name:</source>
            <translation>&amp;Nombre del administrador:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="69" />
            <source>Admin &amp;PIN or password:</source>
            <translation>&amp;PIN o contraseña del administrador:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="83" />
            <source>the local file {path}</source>
            <translation>el archivo local {path}</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="87" />
            <source>Database</source>
            <translation>Base de datos</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="88" />
            <source>Recognition model</source>
            <translation>Modelo de reconocimiento</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="89" />
            <source>Camera</source>
            <translation>Cámara</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="90" />
            <source>Settings file</source>
            <translation>Archivo de ajustes</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="98" />
            <source>The database password goes to this computer's password store (keyring).</source>
            <translation>La contraseña de la base de datos va al almacén de contraseñas de este ordenador (llavero).</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="101" />
            <source>The database password goes to the kiosk's password file {path} (readable only by this user).</source>
            <translation>La contraseña de la base de datos se guarda en el archivo de contraseñas del quiosco {path} (solo lo puede leer este usuario).</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="105" />
            <source>The password is not written anywhere: set {var} where the kiosk starts.</source>
            <translation>La contraseña no se guarda en ningún sitio: defina {var} donde se inicia el quiosco.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="132" />
            <source>Saving, then checking the kiosk as it will start…</source>
            <translation>Guardando y comprobando el quiosco tal como se iniciará…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="160" />
            <source>Saved, but the kiosk will not fully work yet: {what}.</source>
            <translation>Guardado, pero el quiosco aún no funciona del todo: {what}.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="164" />
            <source>The list below says what is left and how to fix it; `kiosk doctor` shows it again.</source>
            <translation>La lista de abajo indica lo que falta y cómo arreglarlo; `kiosk doctor` la vuelve a mostrar.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="170" />
            <source>Saved to {path}; the kiosk works as set up.</source>
            <translation>Guardado en {path}; el quiosco funciona tal como se configuró.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="171" />
            <source>Press Finish to start it.</source>
            <translation>Pulse Finalizar para iniciarlo.</translation>
        </message>
    </context>
    <context>
        <name>DoubtPanel</name>
        <message>
            <location filename="../../kiosk/gui/doubt_prompts.py" line="104" />
            <source>Faces the kiosk is not sure of</source>
            <translation>Caras de las que el quiosco no está seguro</translation>
        </message>
    </context>
    <context>
        <name>DoubtPrompt</name>
        <message>
            <location filename="../../kiosk/gui/doubt_prompts.py" line="54" />
            <source>Is this %1?</source>
            <translation>¿Es %1?</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/doubt_prompts.py" line="64" />
            <source>Yes</source>
            <translation>Sí</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/doubt_prompts.py" line="66" />
            <source>No</source>
            <translation>No</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/doubt_prompts.py" line="67" />
            <source>Someone else…</source>
            <translation>Otra persona…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/doubt_prompts.py" line="69" />
            <source>Yes, this is %1</source>
            <translation>Sí, es %1</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/doubt_prompts.py" line="70" />
            <source>No, this is not %1</source>
            <translation>No, no es %1</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/doubt_prompts.py" line="71" />
            <source>Someone else, not %1</source>
            <translation>Otra persona, no %1</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/doubt_prompts.py" line="83" />
            <source>the match is weak</source>
            <translation>la coincidencia es débil</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/doubt_prompts.py" line="84" />
            <source>another student looks almost as similar</source>
            <translation>otro alumno se parece casi igual</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/doubt_prompts.py" line="87" />
            <source>a recorded look-alike</source>
            <translation>un parecido registrado</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/doubt_prompts.py" line="88" />
            <source>may be a photo or a screen</source>
            <translation>puede ser una foto o una pantalla</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/doubt_prompts.py" line="89" />
            <source>liveness not certain</source>
            <translation>la prueba de vida no es segura</translation>
        </message>
    </context>
    <context>
        <name>EnrollmentController</name>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="96" />
            <source>No camera: import photos instead.</source>
            <translation>No hay cámara: importe fotos en su lugar.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="147" />
            <source>Nothing to change.</source>
            <translation>Nada que cambiar.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="174" />
            <source>consent recorded</source>
            <translation>consentimiento registrado</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="176" />
            <source>no consent: cannot be enrolled</source>
            <translation>sin consentimiento: no se puede registrar</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="178" />
            <source>Saved %s (%s).</source>
            <translation>%s guardado (%s).</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="249" />
            <source>Good: press Take photo.</source>
            <translation>Bien: pulse Tomar foto.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="267" />
            <source>That is enough photos: press Enroll.</source>
            <translation>Ya hay suficientes fotos: pulse Registrar.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="287" />
            <source>Choose photos of the student</source>
            <translation>Elegir fotos del alumno</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="289" />
            <source>Pictures (*.jpg *.jpeg *.png *.bmp *.webp)</source>
            <translation>Imágenes (*.jpg *.jpeg *.png *.bmp *.webp)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="313" />
            <source>(3 or more recognise better)</source>
            <translation>(3 o más reconocen mejor)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="336" />
            <source>Enrolling…</source>
            <translation>Registrando…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="358" />
            <source>Not enrolled: </source>
            <translation>No registrado: </translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_texts.py" line="17" />
            <source>%d photo(s) enrolled for %s.</source>
            <translation>%d foto(s) registrada(s) para %s.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_texts.py" line="23" />
            <source>%s: already enrolled from this photo; nothing was added.</source>
            <translation>%s: ya registrado con esta foto; no se añadió nada.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_texts.py" line="30" />
            <source>Not used: %s — %s</source>
            <translation>No usada: %s — %s</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_texts.py" line="34" />
            <source>%s looks like %s (%s), similarity %.2f: recorded as look-alikes, their matches go to the teacher.</source>
            <translation>%s se parece a %s (%s), similitud %.2f: registrados como parecidos; sus coincidencias pasan al docente.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_texts.py" line="39" />
            <source>⚠ Possible duplicate: %s looks like %s (%s), similarity %.2f. Check it is the right student.</source>
            <translation>⚠ Posible duplicado: %s se parece a %s (%s), similitud %.2f. Compruebe que es el alumno correcto.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_texts.py" line="49" />
            <source>Not enrolled: %s looks like %s (%s, class %s), similarity %.2f, not like %s.</source>
            <translation>No registrado: %s se parece a %s (%s, clase %s), similitud %.2f, no a %s.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_texts.py" line="64" />
            <source>Nothing was stored. If a photo is of the wrong student, close this dialog and enroll it under the right one. If they really look alike (twins), press the button below: their matches will then go to the teacher instead of being marked automatically.</source>
            <translation>No se guardó nada. Si una foto es de otro alumno, cierre este diálogo y regístrela con el alumno correcto. Si de verdad se parecen (gemelos), pulse el botón de abajo: sus coincidencias pasarán al docente en lugar de marcarse automáticamente.</translation>
        </message>
    </context>
    <context>
        <name>EnrollmentDialog</name>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="43" />
            <source>Enroll a student</source>
            <translation>Registrar a un alumno</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="48" />
            <location filename="../../kiosk/gui/enrollment_view.py" line="51" />
            <source>Student</source>
            <translation>Alumno</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="57" />
            <source>&amp;Student:</source>
            <translation>&amp;Alumno:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="59" />
            <source>School i&amp;d:</source>
            <translation>ID e&amp;scolar:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="61" />
            <source>&amp;Name:</source>
            <translation>&amp;Nombre:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="63" />
            <source>&amp;Class:</source>
            <translation>&amp;Clase:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="65" />
            <source>E&amp;mail:</source>
            <translation>Correo &amp;electrónico:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="66" />
            <source>Consent to face recognition is recorded</source>
            <translation>El consentimiento para el reconocimiento facial está registrado</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="69" />
            <source>who gave it, e.g. a parent's name</source>
            <translation>quién lo dio, p. ej. el nombre de un padre o madre</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="70" />
            <source>Consent &amp;by:</source>
            <translation>Consentimiento &amp;de:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="71" />
            <source>Consent &amp;records…</source>
            <translation>Registros de c&amp;onsentimiento…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="73" />
            <source>Every consent, withdrawal and objection for this student, and adding one</source>
            <translation>Todos los consentimientos, retiradas y oposiciones de este alumno, y añadir uno nuevo</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="77" />
            <source>Sa&amp;ve student</source>
            <translation>&amp;Guardar alumno</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="85" />
            <source>Photos</source>
            <translation>Fotos</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="88" />
            <source>Take %1 to %2 photos: look at the camera, then turn your head a little left and right.</source>
            <translation>Tome de %1 a %2 fotos: mire a la cámara y luego gire un poco la cabeza a izquierda y derecha.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="97" />
            <source>Waiting for the camera…</source>
            <translation>Esperando a la cámara…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="102" />
            <source>&amp;Take photo</source>
            <translation>&amp;Tomar foto</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="105" />
            <source>&amp;Import photos…</source>
            <translation>&amp;Importar fotos…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="123" />
            <source>They are look-alikes (e.g. twins): enroll &amp;anyway</source>
            <translation>Se parecen (p. ej., gemelos): registrar de todos &amp;modos</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="128" />
            <source>&amp;Enroll</source>
            <translation>&amp;Registrar</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="131" />
            <source>Close</source>
            <translation>Cerrar</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="146" />
            <source>Photos taken</source>
            <translation>Fotos tomadas</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="147" />
            <source>Camera picture</source>
            <translation>Imagen de la cámara</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="152" />
            <source>New student…</source>
            <translation>Alumno nuevo…</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/gui/enrollment_view.py" line="154" />
            <source>%n photo(s) enrolled</source>
            <translation>
                <numerusform>%n foto registrada</numerusform>
                <numerusform>%n fotos registradas</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="155" />
            <source>no consent</source>
            <translation>sin consentimiento</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="158" />
            <source>(no class)</source>
            <translation>(sin clase)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="205" />
            <source>%1 of %2–%3 photos</source>
            <translation>%1 de %2–%3 fotos</translation>
        </message>
    </context>
    <context>
        <name>FaceCollectionDialog</name>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="51" />
            <source>no thumbnail kept</source>
            <translation>no se guarda miniatura</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="53" />
            <source>No.</source>
            <translation>N.º</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="54" />
            <source>Source</source>
            <translation>Origen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="55" />
            <source>Date</source>
            <translation>Fecha</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="56" />
            <source>Model</source>
            <translation>Modelo</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="57" />
            <source>Quality</source>
            <translation>Calidad</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="58" />
            <source>Thumbnail</source>
            <translation>Miniatura</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="59" />
            <source>Check</source>
            <translation>Comprobación</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="96" />
            <source>Face collection</source>
            <translation>Datos faciales</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="99" />
            <location filename="../../kiosk/gui/face_collection.py" line="193" />
            <source>No roster photo kept.</source>
            <translation>No se guarda ninguna foto de lista.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="115" />
            <source>Face encodings</source>
            <translation>Codificaciones faciales</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="116" />
            <source>&amp;Delete encoding…</source>
            <translation>&amp;Borrar codificación…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="117" />
            <source>&amp;Re-check against the school</source>
            <translation>&amp;Volver a comprobar con todo el centro</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="119" />
            <source>Flags this student's encodings that look more like another student</source>
            <translation>Marca las codificaciones de este alumno que se parecen más a otro alumno</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="122" />
            <source>Recorded look-alikes</source>
            <translation>Parecidos registrados</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="124" />
            <source>Recorded look-alikes (the camera never marks them):</source>
            <translation>Parecidos registrados (la cámara nunca los marca):</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="125" />
            <source>&amp;Forget look-alike…</source>
            <translation>&amp;Olvidar parecido…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="126" />
            <source>For a pair recorded by mistake: the camera marks both again</source>
            <translation>Para una pareja registrada por error: la cámara vuelve a marcar a ambos</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="127" />
            <source>Close</source>
            <translation>Cerrar</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="183" />
            <source>no class</source>
            <translation>sin clase</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="186" />
            <source>{name} ({sid}), {cls}: {n} face encoding(s). Only this roster photo is kept, no photo per encoding.</source>
            <translation>{name} ({sid}), {cls}: {n} codificación(es) facial(es). Solo se guarda esta foto de lista, ninguna foto por codificación.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="201" />
            <source>not measured</source>
            <translation>no medido</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="204" />
            <source>unknown</source>
            <translation>desconocido</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="233" />
            <source>{name} ({sid}), recorded {when} by {who}</source>
            <translation>{name} ({sid}), registrado el {when} por {who}</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="243" />
            <source>None recorded.</source>
            <translation>Ninguno registrado.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="272" />
            <source>Select an encoding first.</source>
            <translation>Seleccione primero una codificación.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="277" />
            <source>Delete encoding {n}?</source>
            <translation>¿Borrar la codificación {n}?</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="279" />
            <source>This deletes face encoding {n} ({source}) of {sid}. The kiosks stop using it at once. It cannot be undone (enroll a photo again to add one).</source>
            <translation>Esto borra la codificación facial {n} ({source}) de {sid}. Los quioscos dejan de usarla al instante. No se puede deshacer (registre otra foto para añadir una).</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="295" />
            <source>Encoding {n} deleted; {left} left.</source>
            <translation>Codificación {n} borrada; quedan {left}.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="304" />
            <source>Select a look-alike first.</source>
            <translation>Elija primero un parecido.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="309" />
            <source>Forget the look-alikes?</source>
            <translation>¿Olvidar los parecidos?</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="311" />
            <source>{sid} and {other} ({name}) are recorded as look-alikes, so the camera never marks either of them. Forget this only if they were recorded by mistake: the camera then marks both again.</source>
            <translation>{sid} y {other} ({name}) están registrados como parecidos, así que la cámara no marca a ninguno de los dos. Olvídelo solo si se registraron por error: la cámara volverá a marcar a ambos.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="326" />
            <source>{sid} and {other} are no longer recorded as look-alikes.</source>
            <translation>{sid} y {other} ya no están registrados como parecidos.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="350" />
            <source>{n} problem(s):</source>
            <translation>{n} problema(s):</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="357" />
            <source>No encoding looks more like another student.</source>
            <translation>Ninguna codificación se parece más a otro alumno.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/face_collection.py" line="358" />
            <source> ({n} recorded look-alike(s).)</source>
            <translation> ({n} parecido(s) registrado(s).)</translation>
        </message>
    </context>
    <context>
        <name>FollowUpPage</name>
        <message>
            <location filename="../../kiosk/gui/wizard/page_followup.py" line="49" />
            <source>Make the moved students recognisable</source>
            <translation>Hacer reconocibles a los alumnos trasladados</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_followup.py" line="52" />
            <source>The kiosk only recognises a student with recorded consent and a face encoding for its model.</source>
            <translation>El quiosco solo reconoce a un alumno con consentimiento registrado y una codificación facial para su modelo.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_followup.py" line="60" />
            <source>Consent collected under the old app</source>
            <translation>Consentimiento recogido en la aplicación anterior</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_followup.py" line="64" />
            <source>I confirm the school holds signed consent for face recognition for these students</source>
            <translation>Confirmo que el centro tiene el consentimiento firmado para el reconocimiento facial de estos alumnos</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_followup.py" line="68" />
            <source>Who holds the forms, e.g. “Signed forms, school office, 2024”</source>
            <translation>Quién guarda los formularios, p. ej., «Formularios firmados, secretaría, 2024»</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_followup.py" line="72" />
            <source>Only confirm this if written consent exists for every one of these students. You attest it on the school's behalf: your text is recorded with each student and in the audit log. If in doubt, do not tick it and record consent per student later (kiosk student consent). A student whose consent was withdrawn in the kiosk is never changed.</source>
            <translation>Confírmelo solo si existe consentimiento por escrito de cada uno de estos alumnos. Lo certifica en nombre del centro: su texto se guarda con cada alumno y en el registro de auditoría. Si tiene dudas, no lo marque y registre el consentimiento de cada alumno más tarde (kiosk student consent). Un alumno cuyo consentimiento se retiró en el quiosco nunca se modifica.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_followup.py" line="80" />
            <source>Record consent on file</source>
            <translation>Registrar el consentimiento archivado</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_followup.py" line="89" />
            <source>Face encodings for this kiosk's model</source>
            <translation>Codificaciones faciales para el modelo de este quiosco</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_followup.py" line="92" />
            <source>Enroll from the old app's photos</source>
            <translation>Registrar con las fotos de la aplicación anterior</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_followup.py" line="93" />
            <source>Stop</source>
            <translation>Detener</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_followup.py" line="140" />
            <source>{n} moved students have no consent record, so the kiosk will never use their faces.</source>
            <translation>{n} alumnos trasladados no tienen registro de consentimiento, así que el quiosco nunca usará sus caras.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_followup.py" line="143" />
            <source>Every moved student has a consent decision recorded.</source>
            <translation>Todos los alumnos trasladados tienen registrada una decisión de consentimiento.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_followup.py" line="149" />
            <source>The old app's encodings are for another model ({old}), which this kiosk cannot use. The kiosk can enroll the old app's photos again for {model} (students with consent only).</source>
            <translation>Las codificaciones de la aplicación anterior son de otro modelo ({old}) que este quiosco no puede usar. El quiosco puede volver a registrar las fotos de la aplicación anterior para {model} (solo alumnos con consentimiento).</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_followup.py" line="155" />
            <source>nothing was moved from the old app</source>
            <translation>no se trasladó nada de la aplicación anterior</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_followup.py" line="156" />
            <source>No re-enrollment needed: {why}.</source>
            <translation>No hace falta volver a registrar: {why}.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_followup.py" line="191" />
            <source>Consent on file recorded.</source>
            <translation>Consentimiento archivado registrado.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_followup.py" line="217" />
            <source>Enrolling the old photos… you can stop at any time.</source>
            <translation>Registrando las fotos anteriores… puede detenerlo en cualquier momento.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_followup.py" line="232" />
            <source>{n} students enrolled from the old photos.</source>
            <translation>{n} alumnos registrados con las fotos anteriores.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_followup.py" line="233" />
            <source>{m} still need enrollment (no usable photo); enroll them in the kiosk later.</source>
            <translation>{m} aún necesitan registro (sin foto utilizable); regístrelos más tarde en el quiosco.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_followup.py" line="258" />
            <source>{n} of {m} active students will be recognisable by the camera.</source>
            <translation>La cámara podrá reconocer a {n} de {m} alumnos activos.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_followup.py" line="262" />
            <source>The others are marked by hand until they are enrolled; `kiosk doctor` lists them.</source>
            <translation>Los demás se marcan a mano hasta que se registren; `kiosk doctor` los enumera.</translation>
        </message>
    </context>
    <context>
        <name>GreetingBanner</name>
        <message>
            <location filename="../../kiosk/gui/doubt_prompts.py" line="140" />
            <source>Greeting</source>
            <translation>Saludo</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/doubt_prompts.py" line="171" />
            <source>Welcome, %1 — late %2</source>
            <translation>Hola, %1 — tarde %2</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/doubt_prompts.py" line="173" />
            <source>Welcome, %1 — present %2</source>
            <translation>Hola, %1 — presente %2</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/doubt_prompts.py" line="178" />
            <source>Please see your teacher</source>
            <translation>Por favor, habla con tu docente</translation>
        </message>
    </context>
    <context>
        <name>LiveView</name>
        <message>
            <location filename="../../kiosk/gui/live_view.py" line="29" />
            <source>Check in with P&amp;IN…</source>
            <translation>Registrarse con P&amp;IN…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/live_view.py" line="30" />
            <source>Pupils without face recognition: your name and your PIN</source>
            <translation>Alumnos sin reconocimiento facial: su nombre y su PIN</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/live_view.py" line="31" />
            <source>&amp;Mark by hand…</source>
            <translation>&amp;Marcar a mano…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/live_view.py" line="32" />
            <source>&amp;End session</source>
            <translation>&amp;Finalizar sesión</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/live_view.py" line="46" />
            <source>Camera picture with the faces recognised</source>
            <translation>Imagen de la cámara con las caras reconocidas</translation>
        </message>
    </context>
    <context>
        <name>LoginDialog</name>
        <message>
            <location filename="../../kiosk/gui/login_dialog.py" line="22" />
            <source>Sign in</source>
            <translation>Iniciar sesión</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/login_dialog.py" line="31" />
            <source>&amp;Name:</source>
            <translation>&amp;Nombre:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/login_dialog.py" line="35" />
            <source>&amp;PIN or password:</source>
            <translation>&amp;PIN o contraseña:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/login_dialog.py" line="55" />
            <source>Type your name and your PIN.</source>
            <translation>Escriba su nombre y su PIN.</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="41" />
            <location filename="../../kiosk/gui/main_window.py" line="73" />
            <source>Attendance kiosk</source>
            <translation>Quiosco de asistencia</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/main_window.py" line="86" />
            <source>Database: connecting…</source>
            <translation>Base de datos: conectando…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/main_window.py" line="87" />
            <source>Model: loading…</source>
            <translation>Modelo: cargando…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/main_window.py" line="88" />
            <source>Camera: off</source>
            <translation>Cámara: apagada</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/main_window.py" line="99" />
            <source>A&amp;dmin…</source>
            <translation>A&amp;dministración…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/main_window.py" line="101" />
            <source>Admin settings</source>
            <translation>Ajustes de administración</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/main_window.py" line="103" />
            <source>Rec&amp;ords…</source>
            <translation>Regi&amp;stros…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/main_window.py" line="105" />
            <source>Attendance records</source>
            <translation>Registros de asistencia</translation>
        </message>
    </context>
    <context>
        <name>ManualMarkController</name>
        <message>
            <location filename="../../kiosk/gui/manual_marks.py" line="59" />
            <source>Choose a student in the list first.</source>
            <translation>Elija primero un alumno de la lista.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/manual_marks.py" line="59" />
            <source>Then press Mark by hand again.</source>
            <translation>Después pulse de nuevo Marcar a mano.</translation>
        </message>
    </context>
    <context>
        <name>ManualMarkDialog</name>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="111" />
            <source>Mark by hand</source>
            <translation>Marcar a mano</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="127" />
            <source>Now: %s</source>
            <translation>Ahora: %s</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="130" />
            <source>No consent for face recognition: this student is always marked by hand.</source>
            <translation>Sin consentimiento para el reconocimiento facial: este alumno siempre se marca a mano.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="143" />
            <location filename="../../kiosk/gui/dialogs.py" line="156" />
            <source>Note (optional):</source>
            <translation>Nota (opcional):</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="145" />
            <source>e.g. doctor's appointment</source>
            <translation>p. ej. cita médica</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="150" />
            <source>Save</source>
            <translation>Guardar</translation>
        </message>
    </context>
    <context>
        <name>Method</name>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="81" />
            <source>camera</source>
            <translation>cámara</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="82" />
            <source>camera, confirmed</source>
            <translation>cámara, confirmado</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="83" />
            <source>by hand</source>
            <translation>a mano</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="84" />
            <source>card</source>
            <translation>tarjeta</translation>
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
            <translation>Modelo de reconocimiento facial</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="50" />
            <source>Facenet512 is the most accurate; the offline model needs no internet at all.</source>
            <translation>Facenet512 es el más preciso; el modelo sin conexión no necesita internet.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="70" />
            <location filename="../../kiosk/gui/wizard/page_model.py" line="135" />
            <source>Download the weights</source>
            <translation>Descargar los archivos del modelo</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="73" />
            <source>A folder or file with the weight files (e.g. a USB stick)</source>
            <translation>Una carpeta o archivo con los archivos del modelo (p. ej. un USB)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="75" />
            <source>Choose…</source>
            <translation>Elegir…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="76" />
            <source>Import</source>
            <translation>Importar</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="87" />
            <source>Or import from:</source>
            <translation>O importar desde:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="120" />
            <source>Ready: its weight files are installed.</source>
            <translation>Listo: sus archivos de modelo están instalados.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="123" />
            <source>Damaged: {files}. Download or import them again.</source>
            <translation>Dañados: {files}. Descárguelos o impórtelos de nuevo.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="128" />
            <source>Not installed (missing {files}).</source>
            <translation>No instalado (faltan {files}).</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="135" />
            <source>Install the offline files</source>
            <translation>Instalar los archivos sin conexión</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="145" />
            <source>Installing the {name} weight files…</source>
            <translation>Instalando los archivos del modelo {name}…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="151" />
            <source>Folder with the weight files</source>
            <translation>Carpeta con los archivos del modelo</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="160" />
            <source>Checking and copying the weight files…</source>
            <translation>Comprobando y copiando los archivos del modelo…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="185" />
            <source>Downloading {file} ({i} of {n})…</source>
            <translation>Descargando {file} ({i} de {n})…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="193" />
            <source>Installed: {files}.</source>
            <translation>Instalados: {files}.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="193" />
            <source>nothing new</source>
            <translation>nada nuevo</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="216" />
            <source>The {name} model's weight files are not installed.</source>
            <translation>Los archivos del modelo {name} no están instalados.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="219" />
            <source>Download or import them, or choose the offline model.</source>
            <translation>Descárguelos o impórtelos, o elija el modelo sin conexión.</translation>
        </message>
    </context>
    <context>
        <name>PinCheckinController</name>
        <message>
            <location filename="../../kiosk/gui/pin_checkin.py" line="89" />
            <source>Nobody still to check in has a PIN: ask the teacher.</source>
            <translation>Nadie pendiente de registrarse tiene PIN: pregunte al docente.</translation>
        </message>
    </context>
    <context>
        <name>PinCheckinDialog</name>
        <message>
            <location filename="../../kiosk/gui/pin_checkin.py" line="42" />
            <source>Check in with PIN</source>
            <translation>Registrarse con PIN</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/pin_checkin.py" line="48" />
            <source>&amp;Your name:</source>
            <translation>&amp;Tu nombre:</translation>
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
            <translation>PIN de administración</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="190" />
            <source>PIN</source>
            <translation>PIN</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="211" />
            <source>That PIN is not right. Try again.</source>
            <translation>Ese PIN no es correcto. Inténtelo de nuevo.</translation>
        </message>
    </context>
    <context>
        <name>RecordsController</name>
        <message>
            <location filename="../../kiosk/gui/table_export.py" line="20" />
            <source>Export</source>
            <translation>Exportar</translation>
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
            <translation>Registros de asistencia</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="67" />
            <source>Back</source>
            <translation>Volver</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="79" />
            <source>Sessions</source>
            <translation>Sesiones</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="80" />
            <source>Class report</source>
            <translation>Informe de la clase</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="81" />
            <source>Students</source>
            <translation>Alumnos</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="82" />
            <source>Day</source>
            <translation>Día</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="107" />
            <source>Show</source>
            <translation>Mostrar</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="110" />
            <location filename="../../kiosk/gui/records_view.py" line="123" />
            <source>Class</source>
            <translation>Clase</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="111" />
            <source>From</source>
            <translation>Desde</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="112" />
            <source>To</source>
            <translation>Hasta</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="122" />
            <source>Started</source>
            <translation>Inicio</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="124" />
            <source>Present</source>
            <translation>Presente</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="125" />
            <source>Late</source>
            <translation>Tarde</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="126" />
            <source>Absent</source>
            <translation>Ausente</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="127" />
            <source>Excused</source>
            <translation>Justificado</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="128" />
            <source>Signed off</source>
            <translation>Confirmada</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="135" />
            <source>Choose a session on the left.</source>
            <translation>Elija una sesión a la izquierda.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="140" />
            <source>Name</source>
            <translation>Nombre</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="141" />
            <source>Id</source>
            <translation>ID</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="142" />
            <source>Status</source>
            <translation>Estado</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="143" />
            <source>Method</source>
            <translation>Método</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="144" />
            <source>Time</source>
            <translation>Hora</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="145" />
            <source>Corrected</source>
            <translation>Corregido</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="150" />
            <source>Correct mark…</source>
            <translation>Corregir marca…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="151" />
            <source>Sign off…</source>
            <translation>Confirmar…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="152" />
            <source>Export…</source>
            <translation>Exportar…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="153" />
            <source>Print…</source>
            <translation>Imprimir…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="179" />
            <source>All classes</source>
            <translation>Todas las clases</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/gui/records_view.py" line="219" />
            <source>%n session(s). Choose one.</source>
            <translation>
                <numerusform>%n sesión. Elija una.</numerusform>
                <numerusform>%n sesiones. Elija una.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="243" />
            <source>Signed off by %1 at %2.</source>
            <translation>Confirmada por %1 el %2.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="245" />
            <source>Not signed off.</source>
            <translation>Sin confirmar.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_view.py" line="248" />
            <source>present %1, late %2, absent %3, excused %4. </source>
            <translation>presentes %1, tarde %2, ausentes %3, justificados %4. </translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_controller.py" line="177" />
            <source>Choose a student in the session first.</source>
            <translation>Elija primero un alumno de la sesión.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_controller.py" line="197" />
            <source>%1 is now %2.</source>
            <translation>%1 ahora está: %2.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_controller.py" line="267" />
            <source>Choose a class first.</source>
            <translation>Elija primero una clase.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_controller.py" line="313" />
            <source>Exported to %1.</source>
            <translation>Exportado a %1.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_screen.py" line="101" />
            <source>No classes are linked to %1 yet: an admin links them under Accounts.</source>
            <translation>Aún no hay clases vinculadas a %1: un administrador las vincula en Cuentas.</translation>
        </message>
    </context>
    <context>
        <name>RosterImportDialog</name>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="50" />
            <source>Import a roster</source>
            <translation>Importar una lista de alumnos</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="58" />
            <source>roster.csv or roster.xlsx</source>
            <translation>roster.csv o roster.xlsx</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="60" />
            <source>Folder with one photo (or folder) per student id</source>
            <translation>Carpeta con una foto (o carpeta) por ID de alumno</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="61" />
            <location filename="../../kiosk/gui/admin_roster.py" line="62" />
            <source>Choose…</source>
            <translation>Elegir…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="67" />
            <source>Roster file:</source>
            <translation>Archivo de la lista:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="71" />
            <source>Photo folder:</source>
            <translation>Carpeta de fotos:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="73" />
            <source>Preview (writes nothing)</source>
            <translation>Vista previa (no guarda nada)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="74" />
            <source>Import</source>
            <translation>Importar</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="76" />
            <source>Close</source>
            <translation>Cerrar</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="86" />
            <source>Line</source>
            <translation>Línea</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="86" />
            <source>Student id</source>
            <translation>ID de alumno</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="86" />
            <source>Fate</source>
            <translation>Resultado</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="86" />
            <source>What happens</source>
            <translation>Qué ocurre</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="109" />
            <source>Choose the roster</source>
            <translation>Elija la lista de alumnos</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="111" />
            <source>Rosters (*.csv *.txt *.xlsx);;All files (*)</source>
            <translation>Listas (*.csv *.txt *.xlsx);;Todos los archivos (*)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="119" />
            <source>Choose the photo folder</source>
            <translation>Elija la carpeta de fotos</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="135" />
            <source>Choose the roster file first.</source>
            <translation>Elija primero el archivo de la lista.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="140" />
            <source>Reading the roster and the photos…</source>
            <translation>Leyendo la lista y las fotos…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="171" />
            <source>{file}: {add} to add, {update} to update, {skip} unchanged, {bad} with problems.</source>
            <translation>{file}: {add} para añadir, {update} para actualizar, {skip} sin cambios, {bad} con problemas.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="183" />
            <source>{n} row(s) have problems, so nothing can be imported yet.</source>
            <translation>{n} fila(s) tienen problemas, así que aún no se puede importar nada.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="184" />
            <source>Fix the rows shown in red in the file, then preview again.</source>
            <translation>Corrija en el archivo las filas marcadas en rojo y vuelva a ver la vista previa.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="189" />
            <source>Nothing was written yet.</source>
            <translation>Aún no se ha guardado nada.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="189" />
            <source>Press Import to carry out this preview.</source>
            <translation>Pulse Importar para llevar a cabo esta vista previa.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="203" />
            <source>Importing…</source>
            <translation>Importando…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="216" />
            <source>{n} students added; {f} row(s) failed.</source>
            <translation>{n} alumnos añadidos; {f} fila(s) fallaron.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_roster.py" line="224" />
            <source>{n} students added, {e} enrolled from photos.</source>
            <translation>{n} alumnos añadidos, {e} registrados con fotos.</translation>
        </message>
    </context>
    <context>
        <name>RosterPanel</name>
        <message>
            <location filename="../../kiosk/gui/roster_view.py" line="78" />
            <source>Find a student (accents and typos are fine)</source>
            <translation>Buscar un alumno (se admiten tildes y erratas)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/roster_view.py" line="86" />
            <source>Roster: press Enter on a student to mark by hand</source>
            <translation>Lista de clase: pulse Intro sobre un alumno para marcarlo a mano</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/roster_view.py" line="113" />
            <source>Press Enter or double-click to mark by hand</source>
            <translation>Pulse Intro o haga doble clic para marcar a mano</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/roster_view.py" line="137" />
            <source>(by hand)</source>
            <translation>(a mano)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/roster_view.py" line="141" />
            <source>(no consent: mark by hand)</source>
            <translation>(sin consentimiento: marcar a mano)</translation>
        </message>
    </context>
    <context>
        <name>SchemaPage</name>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="21" />
            <source>Database tables</source>
            <translation>Tablas de la base de datos</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="22" />
            <source>The kiosk creates its tables, or brings older ones up to date.</source>
            <translation>El quiosco crea sus tablas o actualiza las anteriores.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="27" />
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="156" />
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="161" />
            <source>Create the tables</source>
            <translation>Crear las tablas</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="37" />
            <source>&amp;Owner account:</source>
            <translation>Cuenta del &amp;propietario:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="38" />
            <source>Owner pass&amp;word:</source>
            <translation>Contrase&amp;ña del propietario:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="40" />
            <source>Create the database &amp;accounts</source>
            <translation>Crear las &amp;cuentas de la base de datos</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="42" />
            <source>kiosk_owner, kiosk_device (classroom PCs) and kiosk_admin, with their rights</source>
            <translation>kiosk_owner, kiosk_device (equipos de aula) y kiosk_admin, con sus permisos</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="61" />
            <source>Looking at {where}…</source>
            <translation>Revisando {where}…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="76" />
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="113" />
            <source>Working… this takes a few seconds.</source>
            <translation>Trabajando… tarda unos segundos.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="81" />
            <source>The database accounts are ready. Classroom PCs connect as kiosk_device.</source>
            <translation>Las cuentas de la base de datos están listas. Los equipos de aula se conectan como kiosk_device.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="127" />
            <source>{where} was set up by a newer version of the kiosk (schema {rev}).</source>
            <translation>{where} fue preparada por una versión más reciente del quiosco (esquema {rev}).</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="133" />
            <source>This kiosk is too old for that database; nothing was changed.</source>
            <translation>Este quiosco es demasiado antiguo para esa base de datos; no se cambió nada.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="135" />
            <source>Update the kiosk software on this computer, or go back and choose another database.</source>
            <translation>Actualice el software del quiosco en este ordenador, o vuelva atrás y elija otra base de datos.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="143" />
            <source>The tables in {where} are up to date (schema {rev}).</source>
            <translation>Las tablas de {where} están al día (esquema {rev}).</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="149" />
            <source>Done: the database is ready.</source>
            <translation>Hecho: la base de datos está lista.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="151" />
            <source>Nothing to do here.</source>
            <translation>Aquí no hay nada que hacer.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="155" />
            <source>{where} is empty. The kiosk will create its tables in {n} step(s):</source>
            <translation>{where} está vacía. El quiosco creará sus tablas en {n} paso(s):</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="159" />
            <source>{where} already holds other tables; the kiosk will add its own beside them in {n} step(s):</source>
            <translation>{where} ya contiene otras tablas; el quiosco añadirá las suyas junto a ellas en {n} paso(s):</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="164" />
            <source>{where} has an older version of the tables ({rev}). The upgrade runs {n} step(s):</source>
            <translation>{where} tiene una versión anterior de las tablas ({rev}). La actualización tiene {n} paso(s):</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="166" />
            <source>Upgrade the tables</source>
            <translation>Actualizar las tablas</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="169" />
            <source>Existing data is kept. Running it twice is harmless.</source>
            <translation>Los datos existentes se conservan. Ejecutarlo dos veces no hace daño.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="173" />
            <source>Press the button to do it now.</source>
            <translation>Pulse el botón para hacerlo ahora.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="177" />
            <source>This account may not change the tables (as it should be for a classroom PC). Type the owner's account (kiosk_owner, or the server's administrator) for this step only; it is not saved.</source>
            <translation>Esta cuenta no puede modificar las tablas (como debe ser en un equipo de aula). Escriba la cuenta del propietario (kiosk_owner o el administrador del servidor) solo para este paso; no se guarda.</translation>
        </message>
    </context>
    <context>
        <name>SchoolAdminDialog</name>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="74" />
            <source>Classes and students</source>
            <translation>Clases y alumnos</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="83" />
            <source>Classes</source>
            <translation>Clases</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="84" />
            <source>Students</source>
            <translation>Alumnos</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="95" />
            <source>Code</source>
            <translation>Código</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="95" />
            <location filename="../../kiosk/gui/admin_school.py" line="130" />
            <source>Name</source>
            <translation>Nombre</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="95" />
            <source>Starts</source>
            <translation>Empieza</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="95" />
            <source>Teacher</source>
            <translation>Docente</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="95" />
            <location filename="../../kiosk/gui/admin_school.py" line="134" />
            <source>State</source>
            <translation>Estado</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="97" />
            <source>Show archived classes</source>
            <translation>Mostrar clases archivadas</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="101" />
            <source>Code:</source>
            <translation>Código:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="102" />
            <location filename="../../kiosk/gui/admin_school.py" line="144" />
            <source>Name:</source>
            <translation>Nombre:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="103" />
            <source>Starts (HH:MM):</source>
            <translation>Empieza (HH:MM):</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="104" />
            <source>Teacher (new class):</source>
            <translation>Docente (clase nueva):</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="105" />
            <source>Add class</source>
            <translation>Añadir clase</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="106" />
            <location filename="../../kiosk/gui/admin_school.py" line="151" />
            <source>Save changes</source>
            <translation>Guardar cambios</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="107" />
            <location filename="../../kiosk/gui/admin_school.py" line="241" />
            <source>Archive</source>
            <translation>Archivar</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="129" />
            <source>Id</source>
            <translation>ID</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="131" />
            <source>Class</source>
            <translation>Clase</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="132" />
            <source>Consent</source>
            <translation>Consentimiento</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="133" />
            <source>Faces</source>
            <translation>Caras</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="139" />
            <source>Consent to face recognition given (new student)</source>
            <translation>Consentimiento para el reconocimiento facial otorgado (alumno nuevo)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="141" />
            <source>Who gave it, e.g. the parent's name</source>
            <translation>Quién lo otorgó, p. ej., el nombre del padre o la madre</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="143" />
            <source>Student id:</source>
            <translation>ID de alumno:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="145" />
            <source>Email:</source>
            <translation>Correo electrónico:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="146" />
            <source>Phone:</source>
            <translation>Teléfono:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="147" />
            <source>Class:</source>
            <translation>Clase:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="149" />
            <source>Consent given by:</source>
            <translation>Consentimiento otorgado por:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="150" />
            <source>Add student</source>
            <translation>Añadir alumno</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="152" />
            <location filename="../../kiosk/gui/admin_school.py" line="252" />
            <source>Deactivate</source>
            <translation>Desactivar</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="153" />
            <source>Delete with all data…</source>
            <translation>Borrar con todos sus datos…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="154" />
            <source>Import a roster…</source>
            <translation>Importar una lista de alumnos…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="155" />
            <source>Face collection…</source>
            <translation>Datos faciales…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="201" />
            <source>archived</source>
            <translation>archivada</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="201" />
            <source>in use</source>
            <translation>en uso</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="206" />
            <source>yes</source>
            <translation>sí</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="206" />
            <source>no</source>
            <translation>no</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="207" />
            <source>active</source>
            <translation>activo</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="207" />
            <source>inactive</source>
            <translation>inactivo</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="216" />
            <source>All classes</source>
            <translation>Todas las clases</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="218" />
            <source>(no class)</source>
            <translation>(sin clase)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="241" />
            <source>Bring back</source>
            <translation>Recuperar</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="252" />
            <source>Reactivate</source>
            <translation>Reactivar</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="295" />
            <source>Class {code} added.</source>
            <translation>Clase {code} añadida.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="301" />
            <location filename="../../kiosk/gui/admin_school.py" line="319" />
            <source>Select a class first.</source>
            <translation>Seleccione primero una clase.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="314" />
            <source>Class {code} saved.</source>
            <translation>Clase {code} guardada.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="324" />
            <source>Class {code} archived; its history is kept.</source>
            <translation>Clase {code} archivada; su historial se conserva.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="326" />
            <source>Class {code} is in use again.</source>
            <translation>La clase {code} vuelve a estar en uso.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="347" />
            <source>Student {sid} added.</source>
            <translation>Alumno {sid} añadido.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="353" />
            <location filename="../../kiosk/gui/admin_school.py" line="369" />
            <location filename="../../kiosk/gui/admin_school.py" line="383" />
            <location filename="../../kiosk/gui/admin_school.py" line="410" />
            <source>Select a student first.</source>
            <translation>Seleccione primero un alumno.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="364" />
            <source>Student {sid} saved.</source>
            <translation>Alumno {sid} guardado.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="374" />
            <source>{name} is active again.</source>
            <translation>{name} vuelve a estar activo.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="376" />
            <source>{name} deactivated; their data is kept.</source>
            <translation>{name} desactivado; sus datos se conservan.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="388" />
            <source>Delete {name}?</source>
            <translation>¿Borrar a {name}?</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="390" />
            <source>This deletes {name} ({sid}) with their photos, face data and attendance records, for an erasure request. It cannot be undone. A student who left is usually deactivated instead.</source>
            <translation>Esto borra a {name} ({sid}) con sus fotos, datos faciales y registros de asistencia, para una solicitud de supresión. No se puede deshacer. Un alumno que se ha ido normalmente se desactiva en su lugar.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_school.py" line="400" />
            <source>{name} and all their data were deleted.</source>
            <translation>{name} y todos sus datos se han borrado.</translation>
        </message>
    </context>
    <context>
        <name>SessionController</name>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="129" />
            <source>Loading face models…</source>
            <translation>Cargando los modelos faciales…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="141" />
            <source>Connecting to the database…</source>
            <translation>Conectando con la base de datos…</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/gui/session_controller.py" line="152" />
            <source>Database ready: %n class(es).</source>
            <translation>
                <numerusform>Base de datos lista: %n clase.</numerusform>
                <numerusform>Base de datos lista: %n clases.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="154" />
            <source>No classes yet: ask the school's admin to add your class.</source>
            <translation>Aún no hay clases: pida al administrador del centro que añada su clase.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="167" />
            <source>The database cannot be used.</source>
            <translation>No se puede usar la base de datos.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="174" />
            <source>Face recognition ready (%s).</source>
            <translation>Reconocimiento facial listo (%s).</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="185" />
            <source>Face recognition is switched off for this school: pupils check in with their card or PIN, or the teacher marks them.</source>
            <translation>El reconocimiento facial está desactivado en este centro: los alumnos se registran con su tarjeta o PIN, o el docente los marca.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="192" />
            <source>Face recognition is off: %s
Sessions can still be run, marking attendance by hand.</source>
            <translation>El reconocimiento facial está desactivado: %s
Se pueden hacer sesiones igualmente, marcando la asistencia a mano.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="195" />
            <source>For the school's admin: %s</source>
            <translation>Para el administrador del centro: %s</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="301" />
            <source>No camera: mark attendance by hand.</source>
            <translation>No hay cámara: marque la asistencia a mano.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="361" />
            <source>End session</source>
            <translation>Finalizar sesión</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="362" />
            <source>End this session? Students not marked yet will be recorded as absent.</source>
            <translation>¿Finalizar esta sesión? Los alumnos aún no marcados quedarán como ausentes.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="435" />
            <source>Saved to %s</source>
            <translation>Guardado en %s</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="450" />
            <source>Close the kiosk</source>
            <translation>Cerrar el quiosco</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="451" />
            <source>A session is running. End it and close? Everyone marked so far is kept.</source>
            <translation>Hay una sesión en curso. ¿Finalizarla y cerrar? Se conservan todos los marcados hasta ahora.</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="47" />
            <source>Kiosk settings</source>
            <translation>Ajustes del quiosco</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="50" />
            <source>Start in kiosk mode (full screen, admin PIN to leave)</source>
            <translation>Iniciar en modo quiosco (pantalla completa, PIN de administración para salir)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="54" />
            <source>Default &amp;camera:</source>
            <translation>&amp;Cámara predeterminada:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="58" />
            <source> min</source>
            <translation> min</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="59" />
            <source>&amp;Late after start +</source>
            <translation>&amp;Tarde tras el inicio +</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="61" />
            <source>Recognition profile:</source>
            <translation>Perfil de reconocimiento:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="65" />
            <source>Changes apply the next time the kiosk starts. The profile is changed with `kiosk models use`.</source>
            <translation>Los cambios se aplican en el próximo inicio del quiosco. El perfil se cambia con `kiosk models use`.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="74" />
            <source>Minutes after the start before a student counts as late</source>
            <translation>Minutos tras el inicio a partir de los cuales un alumno llega tarde</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="91" />
            <source>The settings could not be saved (%s).</source>
            <translation>No se pudieron guardar los ajustes (%s).</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="92" />
            <source>Check that %s is writable.</source>
            <translation>Compruebe que se puede escribir en %s.</translation>
        </message>
    </context>
    <context>
        <name>SetupWizard</name>
        <message>
            <location filename="../../kiosk/gui/wizard/wizard.py" line="54" />
            <source>Attendance kiosk setup</source>
            <translation>Configuración del quiosco de asistencia</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/wizard.py" line="98" />
            <source>Stop the setup?</source>
            <translation>¿Detener la configuración?</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/wizard.py" line="100" />
            <source>Work is still running. Stop it and close the wizard? Nothing is saved; a stopped migration can be continued later.</source>
            <translation>Todavía hay trabajo en curso. ¿Detenerlo y cerrar el asistente? No se guarda nada; una migración detenida puede continuarse más tarde.</translation>
        </message>
    </context>
    <context>
        <name>SignOffDialog</name>
        <message>
            <location filename="../../kiosk/gui/records_dialogs.py" line="117" />
            <source>Confirm the register</source>
            <translation>Confirmar la lista</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_dialogs.py" line="125" />
            <source>Tap a name, then the right status. Doubtful: the camera was not sure.</source>
            <translation>Toque un nombre y luego el estado correcto. Dudoso: la cámara no estaba segura.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_dialogs.py" line="131" />
            <source>Present</source>
            <translation>Presente</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_dialogs.py" line="132" />
            <source>Late</source>
            <translation>Tarde</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_dialogs.py" line="133" />
            <source>Absent / excused</source>
            <translation>Ausente / justificado</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_dialogs.py" line="134" />
            <source>Doubtful</source>
            <translation>Dudoso</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_dialogs.py" line="144" />
            <location filename="../../kiosk/gui/records_dialogs.py" line="197" />
            <source>No one chosen.</source>
            <translation>No se eligió a nadie.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_dialogs.py" line="156" />
            <source>Confirm register</source>
            <translation>Confirmar lista</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_dialogs.py" line="157" />
            <source>Later</source>
            <translation>Más tarde</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_dialogs.py" line="168" />
            <source>present %1, late %2, absent %3, excused %4</source>
            <translation>presentes %1, tarde %2, ausentes %3, justificados %4</translation>
        </message>
    </context>
    <context>
        <name>SomeoneElseDialog</name>
        <message>
            <location filename="../../kiosk/gui/doubt_prompts.py" line="196" />
            <source>Who is it?</source>
            <translation>¿Quién es?</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/doubt_prompts.py" line="200" />
            <source>The camera took this face for %1. Who is it?</source>
            <translation>La cámara tomó esta cara por %1. ¿Quién es?</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/doubt_prompts.py" line="203" />
            <source>Students not marked yet</source>
            <translation>Alumnos aún sin marcar</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/doubt_prompts.py" line="211" />
            <source>Mark this student</source>
            <translation>Marcar a este alumno</translation>
        </message>
    </context>
    <context>
        <name>StartView</name>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="57" />
            <source>Start attendance</source>
            <translation>Iniciar la asistencia</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="63" />
            <source>Class</source>
            <translation>Clase</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="67" />
            <source>&amp;Class:</source>
            <translation>&amp;Clase:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="69" />
            <source>Camera</source>
            <translation>Cámara</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="71" />
            <source>C&amp;amera:</source>
            <translation>C&amp;ámara:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="74" />
            <source>or a video file, web address or folder</source>
            <translation>o un archivo de vídeo, dirección web o carpeta</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="76" />
            <source>Video file, stream address or picture folder</source>
            <translation>Archivo de vídeo, dirección de stream o carpeta de imágenes</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="77" />
            <source>&amp;Browse…</source>
            <translation>&amp;Examinar…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="78" />
            <source>Browse for a video or picture</source>
            <translation>Buscar un vídeo o una imagen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="81" />
            <source>So&amp;urce:</source>
            <translation>&amp;Fuente:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="87" />
            <source>Connecting to the database…</source>
            <translation>Conectando con la base de datos…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="94" />
            <source>Loading face models…</source>
            <translation>Cargando los modelos faciales…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="100" />
            <source>Loading face models</source>
            <translation>Cargando los modelos faciales</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="103" />
            <source>Class readiness</source>
            <translation>Preparación de la clase</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="90" />
            <source>&amp;Retry</source>
            <translation>&amp;Reintentar</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="111" />
            <source>&amp;Enroll a student…</source>
            <translation>Re&amp;gistrar a un alumno…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="112" />
            <source>&amp;Start session</source>
            <translation>&amp;Iniciar sesión</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="123" />
            <location filename="../../kiosk/gui/start_view.py" line="128" />
            <source>Camera preview</source>
            <translation>Vista previa de la cámara</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="170" />
            <source>No camera found</source>
            <translation>No se encontró ninguna cámara</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="222" />
            <source>Nobody is in this class yet: ask the school's admin to add students, or mark by hand.</source>
            <translation>Esta clase aún no tiene alumnos: pida al administrador del centro que los añada, o marque a mano.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="228" />
            <source>Nobody in this class has enrolled photos yet: enroll students, or mark attendance by hand.</source>
            <translation>Nadie de esta clase tiene fotos registradas: registre a los alumnos, o marque la asistencia a mano.</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/gui/start_view.py" line="234" />
            <source>%n student(s) without enrolled photos (mark by hand):</source>
            <translation>
                <numerusform>%n alumno sin fotos registradas (marcar a mano):</numerusform>
                <numerusform>%n alumnos sin fotos registradas (marcar a mano):</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/gui/start_view.py" line="242" />
            <source>%n student(s) without consent to face recognition (mark by hand):</source>
            <translation>
                <numerusform>%n alumno sin consentimiento para el reconocimiento facial (marcar a mano):</numerusform>
                <numerusform>%n alumnos sin consentimiento para el reconocimiento facial (marcar a mano):</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/gui/start_view.py" line="251" />
            <source>All %n student(s) can be marked by the camera.</source>
            <translation>
                <numerusform>La cámara puede marcar a %n alumno.</numerusform>
                <numerusform>La cámara puede marcar a los %n alumnos.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/gui/start_view.py" line="259" />
            <source>and %n more</source>
            <translation>
                <numerusform>y %n más</numerusform>
                <numerusform>y %n más</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="300" />
            <source>Choose a video or picture</source>
            <translation>Elegir un vídeo o una imagen</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/start_view.py" line="302" />
            <source>Videos and pictures (*.mp4 *.avi *.mkv *.mov *.jpg *.jpeg *.png);;All files (*)</source>
            <translation>Vídeos e imágenes (*.mp4 *.avi *.mkv *.mov *.jpg *.jpeg *.png);;Todos los archivos (*)</translation>
        </message>
    </context>
    <context>
        <name>Status</name>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="70" />
            <source>Present</source>
            <translation>Presente</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="71" />
            <source>Late</source>
            <translation>Tarde</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="72" />
            <source>Absent</source>
            <translation>Ausente</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="73" />
            <source>Excused</source>
            <translation>Justificado</translation>
        </message>
    </context>
    <context>
        <name>StatusBarController</name>
        <message>
            <location filename="../../kiosk/gui/status_controller.py" line="49" />
            <source>Model: %s (loading…)</source>
            <translation>Modelo: %s (cargando…)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/status_controller.py" line="52" />
            <source>Model: %s</source>
            <translation>Modelo: %s</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/status_controller.py" line="55" />
            <source>Model: %s not installed</source>
            <translation>Modelo: %s no instalado</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/status_controller.py" line="62" />
            <source>Database: unavailable</source>
            <translation>Base de datos: no disponible</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/status_controller.py" line="72" />
            <source>Database: %s</source>
            <translation>Base de datos: %s</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/status_controller.py" line="81" />
            <source>Camera %.0f fps</source>
            <translation>Cámara %.0f fps</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/status_controller.py" line="83" />
            <source>recognition %.1f fps</source>
            <translation>reconocimiento %.1f fps</translation>
        </message>
    </context>
    <context>
        <name>StudentsTab</name>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="178" />
            <source>Part of a name, e.g. zoe</source>
            <translation>Parte de un nombre, p. ej., zoe</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="179" />
            <source>Search</source>
            <translation>Buscar</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="195" />
            <source>Started</source>
            <translation>Inicio</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="195" />
            <source>Class</source>
            <translation>Clase</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="195" />
            <source>Status</source>
            <translation>Estado</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="195" />
            <source>Method</source>
            <translation>Método</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="195" />
            <source>Corrected</source>
            <translation>Corregido</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="198" />
            <source>Export…</source>
            <translation>Exportar…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="221" />
            <source>%1 sessions, present %2, late %3, absent %4, excused %5; rate %6 %</source>
            <translation>%1 sesiones, presente %2, tarde %3, ausente %4, justificado %5; asistencia %6 %</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_tabs.py" line="235" />
            <source>corrected</source>
            <translation>corregido</translation>
        </message>
    </context>
    <context>
        <name>SummaryView</name>
        <message>
            <location filename="../../kiosk/gui/summary_view.py" line="32" />
            <source>Session ended</source>
            <translation>Sesión finalizada</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/summary_view.py" line="41" />
            <source>Present</source>
            <translation>Presente</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/summary_view.py" line="42" />
            <source>Late</source>
            <translation>Tarde</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/summary_view.py" line="43" />
            <source>Excused</source>
            <translation>Justificado</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/summary_view.py" line="44" />
            <source>Absent</source>
            <translation>Ausente</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/summary_view.py" line="63" />
            <source>E&amp;xport…</source>
            <translation>E&amp;xportar…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/summary_view.py" line="64" />
            <source>&amp;New session</source>
            <translation>&amp;Nueva sesión</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/summary_view.py" line="67" />
            <source>&amp;Confirm register…</source>
            <translation>&amp;Confirmar lista…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/summary_view.py" line="88" />
            <source>Session ended: %s</source>
            <translation>Sesión finalizada: %s</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/summary_view.py" line="104" />
            <source>(seen? see the sign-off)</source>
            <translation>(¿visto? revisar al confirmar la lista)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/records_screen.py" line="119" />
            <source>Register confirmed: the marks of this session are locked.</source>
            <translation>Lista confirmada: las marcas de esta sesión quedan bloqueadas.</translation>
        </message>
    </context>
    <context>
        <name>UsersDialog</name>
        <message>
            <location filename="../../kiosk/gui/users_dialog.py" line="46" />
            <location filename="../../kiosk/gui/users_dialog.py" line="50" />
            <source>Accounts</source>
            <translation>Cuentas</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/users_dialog.py" line="53" />
            <source>Disable</source>
            <translation>Desactivar</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/users_dialog.py" line="54" />
            <source>Enable</source>
            <translation>Activar</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/users_dialog.py" line="55" />
            <source>Unlock / new PIN</source>
            <translation>Desbloquear / nuevo PIN</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/users_dialog.py" line="62" />
            <source>&amp;Name:</source>
            <translation>&amp;Nombre:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/users_dialog.py" line="64" />
            <source>Teacher</source>
            <translation>Docente</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/users_dialog.py" line="65" />
            <source>Admin</source>
            <translation>Administrador</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/users_dialog.py" line="66" />
            <source>&amp;Role:</source>
            <translation>&amp;Rol:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/users_dialog.py" line="69" />
            <source>&amp;PIN or password:</source>
            <translation>&amp;PIN o contraseña:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/users_dialog.py" line="73" />
            <source>&amp;Classes (teachers):</source>
            <translation>&amp;Clases (docentes):</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/users_dialog.py" line="76" />
            <source>Add the account</source>
            <translation>Añadir la cuenta</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/users_dialog.py" line="77" />
            <source>Save the classes</source>
            <translation>Guardar las clases</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/users_dialog.py" line="110" />
            <source>The database is not open yet.</source>
            <translation>La base de datos aún no está abierta.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/users_dialog.py" line="110" />
            <source>Wait a moment and try again.</source>
            <translation>Espere un momento y vuelva a intentarlo.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/users_dialog.py" line="149" />
            <source>disabled</source>
            <translation>desactivada</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/users_dialog.py" line="151" />
            <source>locked</source>
            <translation>bloqueada</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/users_dialog.py" line="153" />
            <source>active</source>
            <translation>activa</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/users_dialog.py" line="197" />
            <source>Classes of %s saved.</source>
            <translation>Clases de %s guardadas.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/users_dialog.py" line="211" />
            <source>Account %s added.</source>
            <translation>Cuenta %s añadida.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/users_dialog.py" line="221" />
            <source>Account %s unlocked.</source>
            <translation>Cuenta %s desbloqueada.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/users_dialog.py" line="227" />
            <source>Account %s changed.</source>
            <translation>Cuenta %s modificada.</translation>
        </message>
    </context>
    <context>
        <name>VideoWidget</name>
        <message>
            <location filename="../../kiosk/gui/video_widget.py" line="140" />
            <source>Hold still</source>
            <translation>No se mueva</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/video_widget.py" line="141" />
            <source>Unknown</source>
            <translation>Desconocido</translation>
        </message>
    </context>
    <context>
        <name>WelcomePage</name>
        <message>
            <location filename="../../kiosk/gui/wizard/page_welcome.py" line="15" />
            <source>Set up the attendance kiosk</source>
            <translation>Configurar el quiosco de asistencia</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_welcome.py" line="16" />
            <source>A few steps, each of which you can go back to.</source>
            <translation>Unos pocos pasos; puede volver a cualquiera de ellos.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_welcome.py" line="19" />
            <source>This wizard will:&lt;ol&gt;&lt;li&gt;choose where attendance is stored: the local file on this computer, or a PostgreSQL server shared by several classrooms;&lt;/li&gt;&lt;li&gt;create or upgrade the database tables;&lt;/li&gt;&lt;li&gt;move the data of an older database (this kiosk's local file, or the previous attendance app's &lt;i&gt;attendance.db&lt;/i&gt;) into PostgreSQL, checking every row;&lt;/li&gt;&lt;li&gt;install the face recognition model;&lt;/li&gt;&lt;li&gt;choose the camera and show a short preview.&lt;/li&gt;&lt;/ol&gt;Nothing is saved until you press &lt;b&gt;Finish&lt;/b&gt; on the last page: closing the wizard before then leaves the current settings as they are. A database password goes to this computer's password store (keyring), never into the settings file.</source>
            <translation>Este asistente va a:&lt;ol&gt;&lt;li&gt;elegir dónde se guarda la asistencia: el archivo local de este ordenador o un servidor PostgreSQL compartido por varias aulas;&lt;/li&gt;&lt;li&gt;crear o actualizar las tablas de la base de datos;&lt;/li&gt;&lt;li&gt;mover los datos de una base de datos anterior (el archivo local de este quiosco o el &lt;i&gt;attendance.db&lt;/i&gt; de la aplicación de asistencia anterior) a PostgreSQL, comprobando cada fila;&lt;/li&gt;&lt;li&gt;instalar el modelo de reconocimiento facial;&lt;/li&gt;&lt;li&gt;elegir la cámara y mostrar una breve vista previa.&lt;/li&gt;&lt;/ol&gt;No se guarda nada hasta que pulse &lt;b&gt;Finalizar&lt;/b&gt; en la última página: si cierra el asistente antes, los ajustes actuales quedan como están. La contraseña de la base de datos va al almacén de contraseñas de este ordenador (llavero), nunca al archivo de ajustes.</translation>
        </message>
    </context>
    <context>
        <name>messages</name>
        <message>
            <location filename="../../kiosk/gui/messages.py" line="30" />
            <source>If it keeps happening, ask the school's admin.</source>
            <translation>Si vuelve a ocurrir, avise al administrador del centro.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/messages.py" line="44" />
            <source>Choose another camera, or ask the school's admin.</source>
            <translation>Elija otra cámara, o avise al administrador del centro.</translation>
        </message>
    </context>
    <context>
        <name>MigrationPage</name>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="67" />
            <source>Bring older data along</source>
            <translation>Traer datos anteriores</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="70" />
            <source>Optional: move students, encodings and attendance from SQLite files into PostgreSQL. The files themselves are never changed.</source>
            <translation>Opcional: mover alumnos, datos faciales y asistencias de archivos SQLite a PostgreSQL. Los archivos nunca se modifican.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="81" />
            <source>The previous app's attendance.db (optional)</source>
            <translation>attendance.db de la aplicación anterior (opcional)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="82" />
            <source>Choose…</source>
            <translation>Elegir…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="83" />
            <source>Preview (changes nothing)</source>
            <translation>Vista previa (no cambia nada)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="84" />
            <source>Migrate</source>
            <translation>Migrar</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="85" />
            <source>Cancel migration</source>
            <translation>Cancelar la migración</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="95" />
            <source>The preview and the verification report appear here.</source>
            <translation>Aquí aparecen la vista previa y el informe de verificación.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="98" />
            <source>Legacy file:</source>
            <translation>Archivo anterior:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="124" />
            <source>This kiosk's local database ({path}, {n} rows)</source>
            <translation>Base de datos local de este quiosco ({path}, {n} filas)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="126" />
            <source>This kiosk's local database ({path}) holds no data to move</source>
            <translation>La base de datos local de este quiosco ({path}) no tiene datos que mover</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="131" />
            <source>Target: {where}</source>
            <translation>Destino: {where}</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="133" />
            <source>Preview first to see the counts and any problem rows; this step can be skipped with Next.</source>
            <translation>Vea primero la vista previa: recuentos y filas con problemas. Este paso se puede omitir con Siguiente.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="141" />
            <source>Choose the old attendance database</source>
            <translation>Elegir la base de datos de asistencia anterior</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="143" />
            <source>SQLite databases (*.db *.sqlite *.sqlite3);;All files (*)</source>
            <translation>Bases de datos SQLite (*.db *.sqlite *.sqlite3);;Todos los archivos (*)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="175" />
            <source>Starting…</source>
            <translation>Iniciando…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="177" />
            <source>Previewing… nothing is written.</source>
            <translation>Vista previa en curso… no se escribe nada.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="179" />
            <source>Migrating… you can cancel at any time.</source>
            <translation>Migrando… puede cancelar en cualquier momento.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="217" />
            <source>{file}: {stage} ({current} of {total})</source>
            <translation>{file}: {stage} ({current} de {total})</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="229" />
            <source>The migration was stopped.</source>
            <translation>La migración se detuvo.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="231" />
            <source>What was moved is kept and consistent. Press Migrate again to continue where it stopped; nothing is moved twice.</source>
            <translation>Lo ya movido se conserva y es coherente. Pulse Migrar de nuevo para continuar donde se detuvo; nada se mueve dos veces.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="237" />
            <source>Preview ready: nothing was written.</source>
            <translation>Vista previa lista: no se escribió nada.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="238" />
            <source>Check the counts and the rows kept aside below, then press Migrate.</source>
            <translation>Revise abajo los recuentos y las filas apartadas y pulse Migrar.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="243" />
            <source>Migration finished and verified.</source>
            <translation>Migración terminada y verificada.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="244" />
            <source>Every row is accounted for; see the report below.</source>
            <translation>Todas las filas están contabilizadas; vea el informe abajo.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="249" />
            <source>The migration finished, but not every row could be moved.</source>
            <translation>La migración terminó, pero no se pudieron mover todas las filas.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="251" />
            <source>The report below lists each row kept aside and why; fix them and migrate again.</source>
            <translation>El informe de abajo indica cada fila apartada y el motivo; corríjalas y vuelva a migrar.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="266" />
            <source>Stopping after the current batch…</source>
            <translation>Se detendrá tras el lote actual…</translation>
        </message>
    </context>
</TS>