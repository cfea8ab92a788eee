<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="es_ES">
    <context>
        <name>AdminController</name>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="107" />
            <source>Enter the admin PIN to change kiosk settings.</source>
            <translation>Introduzca el PIN de administración para cambiar los ajustes del quiosco.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="117" />
            <source>Admin</source>
            <translation>Administración</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="121" />
            <source>No admin PIN is set: anyone can leave kiosk mode. Set one with `kiosk admin-pin`.</source>
            <translation>No hay PIN de administración: cualquiera puede salir del modo quiosco. Defina uno con `kiosk admin-pin`.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="127" />
            <source>Leave kiosk mode</source>
            <translation>Salir del modo quiosco</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="127" />
            <source>Enter kiosk mode</source>
            <translation>Entrar en modo quiosco</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="129" />
            <source>Settings…</source>
            <translation>Ajustes…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="130" />
            <source>Close the kiosk</source>
            <translation>Cerrar el quiosco</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="131" />
            <source>Cancel</source>
            <translation>Cancelar</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="151" />
            <source>Settings saved</source>
            <translation>Ajustes guardados</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="151" />
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
        <name>DatabasePage</name>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="43" />
            <source>Where attendance is stored</source>
            <translation>Dónde se guarda la asistencia</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="45" />
            <source>One kiosk can keep a local file; several classrooms share a PostgreSQL server.</source>
            <translation>Un quiosco puede usar un archivo local; varias aulas comparten un servidor PostgreSQL.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="51" />
            <source>Keep the local database file on this computer ({path})</source>
            <translation>Mantener el archivo de base de datos local en este ordenador ({path})</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="55" />
            <source>Use a PostgreSQL server</source>
            <translation>Usar un servidor PostgreSQL</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="60" />
            <source>Enter the server details</source>
            <translation>Introducir los datos del servidor</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="61" />
            <source>Paste a connection URL</source>
            <translation>Pegar una URL de conexión</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="68" />
            <source>db.school.local</source>
            <translation>db.escuela.local</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="80" />
            <source>Default: encrypted when the server offers it</source>
            <translation>Predeterminado: cifrado si el servidor lo ofrece</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="81" />
            <source>disable: never encrypted</source>
            <translation>disable: nunca cifrado</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="82" />
            <source>require: always encrypted</source>
            <translation>require: siempre cifrado</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="83" />
            <source>verify-ca: encrypted, certificate checked</source>
            <translation>verify-ca: cifrado, certificado comprobado</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="84" />
            <source>verify-full: encrypted, certificate and host name checked</source>
            <translation>verify-full: cifrado, certificado y nombre de host comprobados</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="89" />
            <source>the school's CA certificate, e.g. school-ca.crt</source>
            <translation>el certificado de la CA del centro, p. ej. centro-ca.crt</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="90" />
            <source>Choose…</source>
            <translation>Elegir…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="95" />
            <source>Test the connection</source>
            <translation>Probar la conexión</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="99" />
            <source>I will set {var} for the kiosk (the password is not saved anywhere)</source>
            <translation>Definiré {var} para el quiosco (la contraseña no se guarda en ningún sitio)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="107" />
            <source>Host:</source>
            <translation>Host:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="108" />
            <source>Port:</source>
            <translation>Puerto:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="109" />
            <source>Database:</source>
            <translation>Base de datos:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="110" />
            <source>User:</source>
            <translation>Usuario:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="111" />
            <source>URL:</source>
            <translation>URL:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="112" />
            <source>Password:</source>
            <translation>Contraseña:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="113" />
            <source>Encryption (SSL):</source>
            <translation>Cifrado (SSL):</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="114" />
            <source>CA certificate:</source>
            <translation>Certificado de la CA:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="116" />
            <source>PostgreSQL server</source>
            <translation>Servidor PostgreSQL</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="208" />
            <source>The school's CA certificate</source>
            <translation>El certificado de la CA del centro</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="210" />
            <source>Certificates (*.crt *.pem *.cer);;All files (*)</source>
            <translation>Certificados (*.crt *.pem *.cer);;Todos los archivos (*)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="219" />
            <source>Press “Test the connection” to check these details before going on.</source>
            <translation>Pulse «Probar la conexión» para comprobar estos datos antes de seguir.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="256" />
            <source>Connecting to {where}…</source>
            <translation>Conectando con {where}…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="274" />
            <source>Connected to {where}.</source>
            <translation>Conectado a {where}.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="275" />
            <source>The user may create tables there, so the kiosk can set up its database.</source>
            <translation>El usuario puede crear tablas allí, así que el quiosco puede preparar su base de datos.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="280" />
            <source>This computer has no password store (keyring), so the kiosk cannot keep the password.</source>
            <translation>Este ordenador no tiene almacén de contraseñas (llavero), así que el quiosco no puede guardar la contraseña.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_database.py" line="283" />
            <source>Set the environment variable {var} to the password where the kiosk starts (its service or start script). It is never written to the settings file.</source>
            <translation>Defina la variable de entorno {var} con la contraseña donde se inicia el quiosco (su servicio o script de inicio). Nunca se escribe en el archivo de ajustes.</translation>
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
            <location filename="../../kiosk/gui/wizard/page_done.py" line="22" />
            <source>Ready</source>
            <translation>Listo</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="23" />
            <source>Press Finish to save these settings and start the kiosk.</source>
            <translation>Pulse Finalizar para guardar estos ajustes e iniciar el quiosco.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="37" />
            <source>the local file {path}</source>
            <translation>el archivo local {path}</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="41" />
            <source>Database</source>
            <translation>Base de datos</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="42" />
            <source>Recognition model</source>
            <translation>Modelo de reconocimiento</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="43" />
            <source>Camera</source>
            <translation>Cámara</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="44" />
            <source>Settings file</source>
            <translation>Archivo de ajustes</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="52" />
            <source>The database password goes to this computer's password store (keyring).</source>
            <translation>La contraseña de la base de datos va al almacén de contraseñas de este ordenador (llavero).</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_done.py" line="55" />
            <source>This computer has no password store: remember to set {var} for the kiosk. The password is not written anywhere.</source>
            <translation>Este ordenador no tiene almacén de contraseñas: recuerde definir {var} para el quiosco. La contraseña no se escribe en ningún sitio.</translation>
        </message>
    </context>
    <context>
        <name>EnrollmentController</name>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="86" />
            <source>No camera: import photos instead.</source>
            <translation>No hay cámara: importe fotos en su lugar.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="137" />
            <source>Nothing to change.</source>
            <translation>Nada que cambiar.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="164" />
            <source>consent recorded</source>
            <translation>consentimiento registrado</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="166" />
            <source>no consent: cannot be enrolled</source>
            <translation>sin consentimiento: no se puede registrar</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="168" />
            <source>Saved %s (%s).</source>
            <translation>%s guardado (%s).</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="225" />
            <source>Good: press Take photo.</source>
            <translation>Bien: pulse Tomar foto.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="243" />
            <source>That is enough photos: press Enroll.</source>
            <translation>Ya hay suficientes fotos: pulse Registrar.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="262" />
            <source>Choose photos of the student</source>
            <translation>Elegir fotos del alumno</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="264" />
            <source>Pictures (*.jpg *.jpeg *.png *.bmp *.webp)</source>
            <translation>Imágenes (*.jpg *.jpeg *.png *.bmp *.webp)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="288" />
            <source>(3 or more recognise better)</source>
            <translation>(3 o más reconocen mejor)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="299" />
            <source>Enrolling…</source>
            <translation>Registrando…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="305" />
            <source>%d photo(s) enrolled for %s.</source>
            <translation>%d foto(s) registrada(s) para %s.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="306" />
            <source>Not used: %s — %s</source>
            <translation>No usada: %s — %s</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="309" />
            <source>⚠ Possible duplicate: %s looks like %s (%s), similarity %.2f. Check it is the right student.</source>
            <translation>⚠ Posible duplicado: %s se parece a %s (%s), similitud %.2f. Compruebe que es el alumno correcto.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_controller.py" line="323" />
            <source>Not enrolled: </source>
            <translation>No registrado: </translation>
        </message>
    </context>
    <context>
        <name>EnrollmentDialog</name>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="41" />
            <source>Enroll a student</source>
            <translation>Registrar a un alumno</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="46" />
            <location filename="../../kiosk/gui/enrollment_view.py" line="49" />
            <source>Student</source>
            <translation>Alumno</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="55" />
            <source>&amp;Student:</source>
            <translation>&amp;Alumno:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="57" />
            <source>School i&amp;d:</source>
            <translation>ID e&amp;scolar:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="59" />
            <source>&amp;Name:</source>
            <translation>&amp;Nombre:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="61" />
            <source>&amp;Class:</source>
            <translation>&amp;Clase:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="63" />
            <source>E&amp;mail:</source>
            <translation>Correo &amp;electrónico:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="64" />
            <source>Consent to face recognition is recorded</source>
            <translation>El consentimiento para el reconocimiento facial está registrado</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="67" />
            <source>who gave it, e.g. a parent's name</source>
            <translation>quién lo dio, p. ej. el nombre de un padre o madre</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="68" />
            <source>Consent &amp;by:</source>
            <translation>Consentimiento &amp;de:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="69" />
            <source>Sa&amp;ve student</source>
            <translation>&amp;Guardar alumno</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="77" />
            <source>Photos</source>
            <translation>Fotos</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="80" />
            <source>Take %1 to %2 photos: look at the camera, then turn your head a little left and right.</source>
            <translation>Tome de %1 a %2 fotos: mire a la cámara y luego gire un poco la cabeza a izquierda y derecha.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="89" />
            <source>Waiting for the camera…</source>
            <translation>Esperando a la cámara…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="94" />
            <source>&amp;Take photo</source>
            <translation>&amp;Tomar foto</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="97" />
            <source>&amp;Import photos…</source>
            <translation>&amp;Importar fotos…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="114" />
            <source>&amp;Enroll</source>
            <translation>&amp;Registrar</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="117" />
            <source>Close</source>
            <translation>Cerrar</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="131" />
            <source>Photos taken</source>
            <translation>Fotos tomadas</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="132" />
            <source>Camera picture</source>
            <translation>Imagen de la cámara</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="137" />
            <source>New student…</source>
            <translation>Alumno nuevo…</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/gui/enrollment_view.py" line="139" />
            <source>%n photo(s) enrolled</source>
            <translation>
                <numerusform>%n foto registrada</numerusform>
                <numerusform>%n fotos registradas</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="140" />
            <source>no consent</source>
            <translation>sin consentimiento</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="143" />
            <source>(no class)</source>
            <translation>(sin clase)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/enrollment_view.py" line="190" />
            <source>%1 of %2–%3 photos</source>
            <translation>%1 de %2–%3 fotos</translation>
        </message>
    </context>
    <context>
        <name>LiveView</name>
        <message>
            <location filename="../../kiosk/gui/live_view.py" line="27" />
            <source>&amp;Mark by hand…</source>
            <translation>&amp;Marcar a mano…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/live_view.py" line="28" />
            <source>&amp;End session</source>
            <translation>&amp;Finalizar sesión</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/live_view.py" line="41" />
            <source>Camera picture with the faces recognised</source>
            <translation>Imagen de la cámara con las caras reconocidas</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="40" />
            <location filename="../../kiosk/gui/main_window.py" line="72" />
            <source>Attendance kiosk</source>
            <translation>Quiosco de asistencia</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/main_window.py" line="85" />
            <source>Database: connecting…</source>
            <translation>Base de datos: conectando…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/main_window.py" line="86" />
            <source>Model: loading…</source>
            <translation>Modelo: cargando…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/main_window.py" line="87" />
            <source>Camera: off</source>
            <translation>Cámara: apagada</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/main_window.py" line="98" />
            <source>A&amp;dmin…</source>
            <translation>A&amp;dministración…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/main_window.py" line="100" />
            <source>Admin settings</source>
            <translation>Ajustes de administración</translation>
        </message>
    </context>
    <context>
        <name>ManualMarkController</name>
        <message>
            <location filename="../../kiosk/gui/manual_marks.py" line="50" />
            <source>Choose a student in the list first.</source>
            <translation>Elija primero un alumno de la lista.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/manual_marks.py" line="50" />
            <source>Then press Mark by hand again.</source>
            <translation>Después pulse de nuevo Marcar a mano.</translation>
        </message>
    </context>
    <context>
        <name>ManualMarkDialog</name>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="91" />
            <source>Mark by hand</source>
            <translation>Marcar a mano</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="107" />
            <source>Now: %s</source>
            <translation>Ahora: %s</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="110" />
            <source>No consent for face recognition: this student is always marked by hand.</source>
            <translation>Sin consentimiento para el reconocimiento facial: este alumno siempre se marca a mano.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="127" />
            <location filename="../../kiosk/gui/dialogs.py" line="138" />
            <source>Note (optional):</source>
            <translation>Nota (opcional):</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="129" />
            <source>e.g. doctor's appointment</source>
            <translation>p. ej. cita médica</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="134" />
            <source>Save</source>
            <translation>Guardar</translation>
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
            <location filename="../../kiosk/gui/wizard/page_model.py" line="132" />
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
            <location filename="../../kiosk/gui/wizard/page_model.py" line="117" />
            <source>Ready: its weight files are installed.</source>
            <translation>Listo: sus archivos de modelo están instalados.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="120" />
            <source>Damaged: {files}. Download or import them again.</source>
            <translation>Dañados: {files}. Descárguelos o impórtelos de nuevo.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="125" />
            <source>Not installed (missing {files}).</source>
            <translation>No instalado (faltan {files}).</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="132" />
            <source>Install the offline files</source>
            <translation>Instalar los archivos sin conexión</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="142" />
            <source>Installing the {name} weight files…</source>
            <translation>Instalando los archivos del modelo {name}…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="148" />
            <source>Folder with the weight files</source>
            <translation>Carpeta con los archivos del modelo</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="157" />
            <source>Checking and copying the weight files…</source>
            <translation>Comprobando y copiando los archivos del modelo…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="182" />
            <source>Downloading {file} ({i} of {n})…</source>
            <translation>Descargando {file} ({i} de {n})…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="190" />
            <source>Installed: {files}.</source>
            <translation>Instalados: {files}.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="190" />
            <source>nothing new</source>
            <translation>nada nuevo</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="213" />
            <source>The {name} model's weight files are not installed.</source>
            <translation>Los archivos del modelo {name} no están instalados.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_model.py" line="216" />
            <source>Download or import them, or choose the offline model.</source>
            <translation>Descárguelos o impórtelos, o elija el modelo sin conexión.</translation>
        </message>
    </context>
    <context>
        <name>PinDialog</name>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="161" />
            <location filename="../../kiosk/gui/dialogs.py" line="178" />
            <source>Admin PIN</source>
            <translation>PIN de administración</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="167" />
            <source>PIN</source>
            <translation>PIN</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="188" />
            <source>That PIN is not right. Try again.</source>
            <translation>Ese PIN no es correcto. Inténtelo de nuevo.</translation>
        </message>
    </context>
    <context>
        <name>RosterPanel</name>
        <message>
            <location filename="../../kiosk/gui/roster_view.py" line="71" />
            <source>Roster: press Enter on a student to mark by hand</source>
            <translation>Lista de clase: pulse Intro sobre un alumno para marcarlo a mano</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/roster_view.py" line="98" />
            <source>Press Enter or double-click to mark by hand</source>
            <translation>Pulse Intro o haga doble clic para marcar a mano</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/roster_view.py" line="113" />
            <source>(by hand)</source>
            <translation>(a mano)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/roster_view.py" line="117" />
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
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="111" />
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="116" />
            <source>Create the tables</source>
            <translation>Crear las tablas</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="43" />
            <source>Looking at {where}…</source>
            <translation>Revisando {where}…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="70" />
            <source>Working… this takes a few seconds.</source>
            <translation>Trabajando… tarda unos segundos.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="82" />
            <source>{where} was set up by a newer version of the kiosk (schema {rev}).</source>
            <translation>{where} fue preparada por una versión más reciente del quiosco (esquema {rev}).</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="88" />
            <source>This kiosk is too old for that database; nothing was changed.</source>
            <translation>Este quiosco es demasiado antiguo para esa base de datos; no se cambió nada.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="90" />
            <source>Update the kiosk software on this computer, or go back and choose another database.</source>
            <translation>Actualice el software del quiosco en este ordenador, o vuelva atrás y elija otra base de datos.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="98" />
            <source>The tables in {where} are up to date (schema {rev}).</source>
            <translation>Las tablas de {where} están al día (esquema {rev}).</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="104" />
            <source>Done: the database is ready.</source>
            <translation>Hecho: la base de datos está lista.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="106" />
            <source>Nothing to do here.</source>
            <translation>Aquí no hay nada que hacer.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="110" />
            <source>{where} is empty. The kiosk will create its tables in {n} step(s):</source>
            <translation>{where} está vacía. El quiosco creará sus tablas en {n} paso(s):</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="114" />
            <source>{where} already holds other tables; the kiosk will add its own beside them in {n} step(s):</source>
            <translation>{where} ya contiene otras tablas; el quiosco añadirá las suyas junto a ellas en {n} paso(s):</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="119" />
            <source>{where} has an older version of the tables ({rev}). The upgrade runs {n} step(s):</source>
            <translation>{where} tiene una versión anterior de las tablas ({rev}). La actualización tiene {n} paso(s):</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="121" />
            <source>Upgrade the tables</source>
            <translation>Actualizar las tablas</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="124" />
            <source>Existing data is kept. Running it twice is harmless.</source>
            <translation>Los datos existentes se conservan. Ejecutarlo dos veces no hace daño.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_schema.py" line="127" />
            <source>Press the button to do it now.</source>
            <translation>Pulse el botón para hacerlo ahora.</translation>
        </message>
    </context>
    <context>
        <name>SessionController</name>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="105" />
            <source>Loading face models…</source>
            <translation>Cargando los modelos faciales…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="117" />
            <source>Connecting to the database…</source>
            <translation>Conectando con la base de datos…</translation>
        </message>
        <message numerus="yes">
            <location filename="../../kiosk/gui/session_controller.py" line="128" />
            <source>Database ready: %n class(es).</source>
            <translation>
                <numerusform>Base de datos lista: %n clase.</numerusform>
                <numerusform>Base de datos lista: %n clases.</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="130" />
            <source>No classes yet: ask the school's admin to add your class.</source>
            <translation>Aún no hay clases: pida al administrador del centro que añada su clase.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="143" />
            <source>The database cannot be used.</source>
            <translation>No se puede usar la base de datos.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="150" />
            <source>Face recognition ready (%s).</source>
            <translation>Reconocimiento facial listo (%s).</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="159" />
            <source>Face recognition is off: %s
Sessions can still be run, marking attendance by hand.</source>
            <translation>El reconocimiento facial está desactivado: %s
Se pueden hacer sesiones igualmente, marcando la asistencia a mano.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="162" />
            <source>For the school's admin: %s</source>
            <translation>Para el administrador del centro: %s</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="263" />
            <source>No camera: mark attendance by hand.</source>
            <translation>No hay cámara: marque la asistencia a mano.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="310" />
            <source>End session</source>
            <translation>Finalizar sesión</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="311" />
            <source>End this session? Students not marked yet will be recorded as absent.</source>
            <translation>¿Finalizar esta sesión? Los alumnos aún no marcados quedarán como ausentes.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="360" />
            <source>Export attendance</source>
            <translation>Exportar la asistencia</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="360" />
            <source>CSV files (*.csv)</source>
            <translation>Archivos CSV (*.csv)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="371" />
            <source>Saved to %s</source>
            <translation>Guardado en %s</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="381" />
            <source>Close the kiosk</source>
            <translation>Cerrar el quiosco</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/session_controller.py" line="382" />
            <source>A session is running. End it and close? Everyone marked so far is kept.</source>
            <translation>Hay una sesión en curso. ¿Finalizarla y cerrar? Se conservan todos los marcados hasta ahora.</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="38" />
            <source>Kiosk settings</source>
            <translation>Ajustes del quiosco</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="41" />
            <source>Start in kiosk mode (full screen, admin PIN to leave)</source>
            <translation>Iniciar en modo quiosco (pantalla completa, PIN de administración para salir)</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="45" />
            <source>Default &amp;camera:</source>
            <translation>&amp;Cámara predeterminada:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="49" />
            <source> min</source>
            <translation> min</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="50" />
            <source>&amp;Late after start +</source>
            <translation>&amp;Tarde tras el inicio +</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="52" />
            <source>Recognition profile:</source>
            <translation>Perfil de reconocimiento:</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="56" />
            <source>Changes apply the next time the kiosk starts. The profile is changed with `kiosk models use`.</source>
            <translation>Los cambios se aplican en el próximo inicio del quiosco. El perfil se cambia con `kiosk models use`.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="65" />
            <source>Minutes after the start before a student counts as late</source>
            <translation>Minutos tras el inicio a partir de los cuales un alumno llega tarde</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="82" />
            <source>The settings could not be saved (%s).</source>
            <translation>No se pudieron guardar los ajustes (%s).</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/admin_controller.py" line="83" />
            <source>Check that %s is writable.</source>
            <translation>Compruebe que se puede escribir en %s.</translation>
        </message>
    </context>
    <context>
        <name>SetupWizard</name>
        <message>
            <location filename="../../kiosk/gui/wizard/wizard.py" line="39" />
            <source>Attendance kiosk setup</source>
            <translation>Configuración del quiosco de asistencia</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/wizard.py" line="81" />
            <source>Stop the setup?</source>
            <translation>¿Detener la configuración?</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/wizard.py" line="83" />
            <source>Work is still running. Stop it and close the wizard? Nothing is saved; a stopped migration can be continued later.</source>
            <translation>Todavía hay trabajo en curso. ¿Detenerlo y cerrar el asistente? No se guarda nada; una migración detenida puede continuarse más tarde.</translation>
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
            <location filename="../../kiosk/gui/dialogs.py" line="69" />
            <source>Present</source>
            <translation>Presente</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="70" />
            <source>Late</source>
            <translation>Tarde</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="71" />
            <source>Absent</source>
            <translation>Ausente</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/dialogs.py" line="72" />
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
        <name>SummaryView</name>
        <message>
            <location filename="../../kiosk/gui/summary_view.py" line="30" />
            <source>Session ended</source>
            <translation>Sesión finalizada</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/summary_view.py" line="39" />
            <source>Present</source>
            <translation>Presente</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/summary_view.py" line="40" />
            <source>Late</source>
            <translation>Tarde</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/summary_view.py" line="41" />
            <source>Excused</source>
            <translation>Justificado</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/summary_view.py" line="42" />
            <source>Absent</source>
            <translation>Ausente</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/summary_view.py" line="61" />
            <source>E&amp;xport to CSV…</source>
            <translation>E&amp;xportar a CSV…</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/summary_view.py" line="62" />
            <source>&amp;New session</source>
            <translation>&amp;Nueva sesión</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/summary_view.py" line="78" />
            <source>Session ended: %s</source>
            <translation>Sesión finalizada: %s</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/summary_view.py" line="104" />
            <source>(seen? see the sign-off)</source>
            <translation>(¿visto? revisar al confirmar la lista)</translation>
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
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="228" />
            <source>The migration was stopped.</source>
            <translation>La migración se detuvo.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="230" />
            <source>What was moved is kept and consistent. Press Migrate again to continue where it stopped; nothing is moved twice.</source>
            <translation>Lo ya movido se conserva y es coherente. Pulse Migrar de nuevo para continuar donde se detuvo; nada se mueve dos veces.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="236" />
            <source>Preview ready: nothing was written.</source>
            <translation>Vista previa lista: no se escribió nada.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="237" />
            <source>Check the counts and the rows kept aside below, then press Migrate.</source>
            <translation>Revise abajo los recuentos y las filas apartadas y pulse Migrar.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="242" />
            <source>Migration finished and verified.</source>
            <translation>Migración terminada y verificada.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="243" />
            <source>Every row is accounted for; see the report below.</source>
            <translation>Todas las filas están contabilizadas; vea el informe abajo.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="248" />
            <source>The migration finished, but not every row could be moved.</source>
            <translation>La migración terminó, pero no se pudieron mover todas las filas.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="250" />
            <source>The report below lists each row kept aside and why; fix them and migrate again.</source>
            <translation>El informe de abajo indica cada fila apartada y el motivo; corríjalas y vuelva a migrar.</translation>
        </message>
        <message>
            <location filename="../../kiosk/gui/wizard/page_migration.py" line="265" />
            <source>Stopping after the current batch…</source>
            <translation>Se detendrá tras el lote actual…</translation>
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
            <location filename="../../kiosk/gui/doubt_prompts.py" line="85" />
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
        <name>DoubtPanel</name>
        <message>
            <location filename="../../kiosk/gui/doubt_prompts.py" line="104" />
            <source>Faces the kiosk is not sure of</source>
            <translation>Caras de las que el quiosco no está seguro</translation>
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
        <name>SignOffDialog</name>
        <message>
            <location filename="../../kiosk/gui/records_dialogs.py" line="192" />
            <source>asked: %1</source>
            <translation>consultado: %1</translation>
        </message>
    </context>
</TS>