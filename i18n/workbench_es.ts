<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
    <context>
        <name>Accessibility</name>
        <message>
            <source>%1, vertical scroll bar</source>
            <translation>%1, barra de desplazamiento vertical</translation>
        </message>
        <message>
            <source>%1, horizontal scroll bar</source>
            <translation>%1, barra de desplazamiento horizontal</translation>
        </message>
    </context>
    <context>
        <name>AdminWorkspace</name>
        <message>
            <source>Administrator</source>
            <translation>Administrador</translation>
        </message>
        <message>
            <source>&amp;Users</source>
            <translation>&amp;Usuarios</translation>
        </message>
        <message>
            <source>Users</source>
            <translation>Usuarios</translation>
        </message>
        <message>
            <source>No users yet. Add one with “workbench users add NAME --role ROLE”.</source>
            <translation>Todavía no hay usuarios. Añada uno con «workbench users add NOMBRE --role ROL».</translation>
        </message>
    </context>
    <context>
        <name>AuditorWorkspace</name>
        <message>
            <source>Auditor</source>
            <translation>Auditor</translation>
        </message>
        <message>
            <source>&amp;Signed notes</source>
            <translation>Notas &amp;firmadas</translation>
        </message>
        <message>
            <source>Signed notes</source>
            <translation>Notas firmadas</translation>
        </message>
        <message>
            <source>No signed notes yet. Signed and amended notes appear here for review once physicians sign them; press F5 to refresh.</source>
            <translation>Todavía no hay notas firmadas. Las notas firmadas y enmendadas aparecen aquí para su revisión cuando los médicos las firman; pulse F5 para actualizar.</translation>
        </message>
    </context>
    <context>
        <name>CoderWorkspace</name>
        <message>
            <source>Coder</source>
            <translation>Codificador</translation>
        </message>
        <message>
            <source>&amp;Worklist: signed notes to code</source>
            <translation>&amp;Lista de trabajo: notas firmadas por codificar</translation>
        </message>
        <message>
            <source>Worklist</source>
            <translation>Lista de trabajo</translation>
        </message>
        <message>
            <source>The worklist is empty: no signed notes are waiting. Notes appear here as soon as a physician signs them; press F5 to refresh.</source>
            <translation>La lista de trabajo está vacía: no hay notas firmadas pendientes. Las notas aparecen aquí en cuanto un médico las firma; pulse F5 para actualizar.</translation>
        </message>
    </context>
    <context>
        <name>DictationPanel</name>
        <message>
            <source>%1 dB</source>
            <translation>%1 dB</translation>
        </message>
        <message>
            <source>Quiet</source>
            <translation>Silencio</translation>
        </message>
        <message>
            <source>Time %1</source>
            <translation>Tiempo %1</translation>
        </message>
        <message>
            <source>○ Not recording</source>
            <translation>○ Sin grabar</translation>
        </message>
        <message>
            <source>● Speech</source>
            <translation>● Voz</translation>
        </message>
        <message>
            <source>◌ Silence</source>
            <translation>◌ Silencio</translation>
        </message>
        <message>
            <source>Auto-stop in %1 s</source>
            <translation>Parada automática en %1 s</translation>
        </message>
        <message>
            <source>Stopped (%1). Saved %2 s.</source>
            <translation>Detenido (%1). Guardados %2 s.</translation>
        </message>
        <message>
            <source>Recording</source>
            <translation>Grabando</translation>
        </message>
        <message>
            <source>Dictation paused</source>
            <translation>Dictado en pausa</translation>
        </message>
        <message>
            <source>Dictation stopped</source>
            <translation>Dictado detenido</translation>
        </message>
        <message>
            <source>Recording. Speak when ready.</source>
            <translation>Grabando. Hable cuando esté listo.</translation>
        </message>
        <message>
            <source>Paused. Resume continues the same recording.</source>
            <translation>En pausa. Reanudar continúa la misma grabación.</translation>
        </message>
        <message>
            <source>&amp;Record</source>
            <translation>&amp;Grabar</translation>
        </message>
        <message>
            <source>Record</source>
            <translation>Grabar</translation>
        </message>
        <message>
            <source>&amp;Pause</source>
            <translation>&amp;Pausa</translation>
        </message>
        <message>
            <source>Pause dictation</source>
            <translation>Pausar el dictado</translation>
        </message>
        <message>
            <source>Res&amp;ume</source>
            <translation>&amp;Reanudar</translation>
        </message>
        <message>
            <source>Resume dictation</source>
            <translation>Reanudar el dictado</translation>
        </message>
        <message>
            <source>&amp;Stop</source>
            <translation>&amp;Detener</translation>
        </message>
        <message>
            <source>Stop dictation</source>
            <translation>Detener el dictado</translation>
        </message>
        <message>
            <source>Shortcut: %1</source>
            <translation>Atajo: %1</translation>
        </message>
        <message>
            <source>Input level</source>
            <translation>Nivel de entrada</translation>
        </message>
        <message>
            <source>Loudness of the microphone</source>
            <translation>Volumen del micrófono</translation>
        </message>
        <message>
            <source>Speech or silence</source>
            <translation>Voz o silencio</translation>
        </message>
        <message>
            <source>Recording time</source>
            <translation>Tiempo de grabación</translation>
        </message>
        <message>
            <source>Auto-stop countdown</source>
            <translation>Cuenta atrás de la parada automática</translation>
        </message>
        <message>
            <source>Dictation status</source>
            <translation>Estado del dictado</translation>
        </message>
    </context>
    <context>
        <name>EncounterTableModel</name>
        <message>
            <source>Time</source>
            <translation>Hora</translation>
        </message>
        <message>
            <source>Patient</source>
            <translation>Paciente</translation>
        </message>
        <message>
            <source>MRN</source>
            <translation>N.º de historia</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Tipo</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Motivo</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>Nota</translation>
        </message>
    </context>
    <context>
        <name>LoginDialog</name>
        <message>
            <source>Opening the database…</source>
            <translation>Abriendo la base de datos…</translation>
        </message>
        <message>
            <source>Coder Workbench</source>
            <translation>Coder Workbench</translation>
        </message>
        <message>
            <source>&amp;Username:</source>
            <translation>&amp;Usuario:</translation>
        </message>
        <message>
            <source>&amp;Password:</source>
            <translation>&amp;Contraseña:</translation>
        </message>
        <message>
            <source>Username</source>
            <translation>Usuario</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>Contraseña</translation>
        </message>
        <message>
            <source>&amp;Sign in</source>
            <translation>&amp;Iniciar sesión</translation>
        </message>
        <message>
            <source>Sign in</source>
            <translation>Iniciar sesión</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Salir</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>Salir</translation>
        </message>
        <message>
            <source>Demo installation — synthetic data only. Demo accounts:</source>
            <translation>Instalación de demostración — solo datos sintéticos. Cuentas de demostración:</translation>
        </message>
        <message>
            <source>Enter your username and password.</source>
            <translation>Escriba su usuario y su contraseña.</translation>
        </message>
        <message>
            <source>Checking…</source>
            <translation>Comprobando…</translation>
        </message>
        <message>
            <source>Sign-in failed: %1</source>
            <translation>No se pudo iniciar sesión: %1</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Archivo</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;Ver</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>A&amp;yuda</translation>
        </message>
        <message>
            <source>&amp;Settings…</source>
            <translation>&amp;Preferencias…</translation>
        </message>
        <message>
            <source>Sign &amp;out</source>
            <translation>&amp;Cerrar sesión</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Salir</translation>
        </message>
        <message>
            <source>&amp;Refresh</source>
            <translation>&amp;Actualizar</translation>
        </message>
        <message>
            <source>&amp;About Coder Workbench</source>
            <translation>&amp;Acerca de Coder Workbench</translation>
        </message>
        <message>
            <source>Signed in as %1 (%2)</source>
            <translation>Sesión iniciada como %1 (%2)</translation>
        </message>
        <message>
            <source>Tools</source>
            <translation>Herramientas</translation>
        </message>
        <message>
            <source>Refreshed.</source>
            <translation>Actualizado.</translation>
        </message>
        <message>
            <source>About Coder Workbench</source>
            <translation>Acerca de Coder Workbench</translation>
        </message>
        <message>
            <source>Coder Workbench %1
Clinical documentation and ICD-10-CM coding.</source>
            <translation>Coder Workbench %1
Documentación clínica y codificación CIE-10-MC.</translation>
        </message>
    </context>
    <context>
        <name>NoteEditor</name>
        <message>
            <source>Note — %1 — %2</source>
            <translation>Nota — %1 — %2</translation>
        </message>
        <message>
            <source>%1 (MRN %2) · %3 · %4 · %5</source>
            <translation>%1 (N.º de historia %2) · %3 · %4 · %5</translation>
        </message>
        <message>
            <source>Note text</source>
            <translation>Texto de la nota</translation>
        </message>
        <message>
            <source>Read-only</source>
            <translation>Solo lectura</translation>
        </message>
        <message>
            <source>Saved automatically a few seconds after typing stops</source>
            <translation>Se guarda automáticamente unos segundos después de dejar de escribir</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Guardar</translation>
        </message>
        <message>
            <source>&amp;Undo</source>
            <translation>&amp;Deshacer</translation>
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation>&amp;Rehacer</translation>
        </message>
        <message>
            <source>Version &amp;history…</source>
            <translation>&amp;Historial de versiones…</translation>
        </message>
        <message>
            <source>Re&amp;load from database</source>
            <translation>Re&amp;cargar desde la base de datos</translation>
        </message>
        <message>
            <source>&amp;Close</source>
            <translation>C&amp;errar</translation>
        </message>
        <message>
            <source>&amp;Note</source>
            <translation>&amp;Nota</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>&amp;Editar</translation>
        </message>
        <message>
            <source>This note is signed and read-only. Corrections are made as addenda.</source>
            <translation>Esta nota está firmada y es de solo lectura. Las correcciones se hacen como adendas.</translation>
        </message>
        <message>
            <source>Read-only: only the note's author can change a draft.</source>
            <translation>Solo lectura: solo el autor de la nota puede cambiar un borrador.</translation>
        </message>
        <message>
            <source>Version %1</source>
            <translation>Versión %1</translation>
        </message>
        <message>
            <source>Words: %1</source>
            <translation>Palabras: %1</translation>
        </message>
        <message>
            <source>Unsaved changes</source>
            <translation>Cambios sin guardar</translation>
        </message>
        <message>
            <source>Saved at %1 (version %2)</source>
            <translation>Guardado a las %1 (versión %2)</translation>
        </message>
        <message>
            <source>Not saved: %1 Your text is still here.</source>
            <translation>No se guardó: %1 Su texto sigue aquí.</translation>
        </message>
        <message>
            <source>Not saved</source>
            <translation>Sin guardar</translation>
        </message>
        <message>
            <source>Unsaved note</source>
            <translation>Nota sin guardar</translation>
        </message>
        <message>
            <source>The note could not be saved. Close anyway and lose the unsaved text?</source>
            <translation>No se pudo guardar la nota. ¿Cerrar de todos modos y perder el texto sin guardar?</translation>
        </message>
    </context>
    <context>
        <name>NoteStatus</name>
        <message>
            <source>Draft</source>
            <translation>Borrador</translation>
        </message>
        <message>
            <source>Signed</source>
            <translation>Firmada</translation>
        </message>
        <message>
            <source>Amended</source>
            <translation>Enmendada</translation>
        </message>
        <message>
            <source>No note</source>
            <translation>Sin nota</translation>
        </message>
    </context>
    <context>
        <name>PatientTableModel</name>
        <message>
            <source>MRN</source>
            <translation>N.º de historia</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nombre</translation>
        </message>
        <message>
            <source>Date of birth</source>
            <translation>Fecha de nacimiento</translation>
        </message>
        <message>
            <source>Age</source>
            <translation>Edad</translation>
        </message>
        <message>
            <source>Sex</source>
            <translation>Sexo</translation>
        </message>
    </context>
    <context>
        <name>PhysicianWorkspace</name>
        <message>
            <source>Physician</source>
            <translation>Médico</translation>
        </message>
        <message>
            <source>&amp;Today's encounters</source>
            <translation>&amp;Consultas de hoy</translation>
        </message>
        <message>
            <source>Today's encounters</source>
            <translation>Consultas de hoy</translation>
        </message>
        <message>
            <source>No encounters today. Select a patient on the right and press “Start encounter” (or Enter) to begin one.</source>
            <translation>Hoy no hay consultas. Seleccione un paciente a la derecha y pulse «Iniciar consulta» (o Intro) para empezar una.</translation>
        </message>
        <message>
            <source>Patient &amp;list</source>
            <translation>&amp;Lista de pacientes</translation>
        </message>
        <message>
            <source>Patients</source>
            <translation>Pacientes</translation>
        </message>
        <message>
            <source>No patients match. Check the spelling or the MRN, or import patients with “workbench patients import FILE.csv”.</source>
            <translation>Ningún paciente coincide. Revise la ortografía o el número de historia, o importe pacientes con «workbench patients import ARCHIVO.csv».</translation>
        </message>
        <message>
            <source>&amp;Open note</source>
            <translation>Abrir &amp;nota</translation>
        </message>
        <message>
            <source>Open note</source>
            <translation>Abrir nota</translation>
        </message>
        <message>
            <source>Open the selected encounter's note</source>
            <translation>Abrir la nota de la consulta seleccionada</translation>
        </message>
        <message>
            <source>Find &amp;patient:</source>
            <translation>&amp;Buscar paciente:</translation>
        </message>
        <message>
            <source>MRN or name</source>
            <translation>N.º de historia o nombre</translation>
        </message>
        <message>
            <source>Find patient</source>
            <translation>Buscar paciente</translation>
        </message>
        <message>
            <source>Type an MRN or the start of a name</source>
            <translation>Escriba un número de historia o el comienzo de un nombre</translation>
        </message>
        <message>
            <source>T&amp;ype:</source>
            <translation>&amp;Tipo:</translation>
        </message>
        <message>
            <source>Encounter type</source>
            <translation>Tipo de consulta</translation>
        </message>
        <message>
            <source>Start &amp;encounter</source>
            <translation>&amp;Iniciar consulta</translation>
        </message>
        <message>
            <source>Start encounter</source>
            <translation>Iniciar consulta</translation>
        </message>
        <message>
            <source>Start an encounter for the selected patient and open its note</source>
            <translation>Iniciar una consulta para el paciente seleccionado y abrir su nota</translation>
        </message>
        <message>
            <source>Select an encounter first.</source>
            <translation>Seleccione primero una consulta.</translation>
        </message>
        <message>
            <source>Select a patient first.</source>
            <translation>Seleccione primero un paciente.</translation>
        </message>
        <message>
            <source>Encounter started for %1.</source>
            <translation>Consulta iniciada para %1.</translation>
        </message>
        <message>
            <source>Coder Workbench</source>
            <translation>Coder Workbench</translation>
        </message>
    </context>
    <context>
        <name>RecordList</name>
        <message>
            <source>%1 columns</source>
            <translation>Columnas de %1</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>Cargando…</translation>
        </message>
    </context>
    <context>
        <name>Role</name>
        <message>
            <source>Physician</source>
            <translation>Médico</translation>
        </message>
        <message>
            <source>Coder</source>
            <translation>Codificador</translation>
        </message>
        <message>
            <source>Auditor</source>
            <translation>Auditor</translation>
        </message>
        <message>
            <source>Administrator</source>
            <translation>Administrador</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <source>Settings</source>
            <translation>Preferencias</translation>
        </message>
        <message>
            <source>Follow the system</source>
            <translation>Seguir al sistema</translation>
        </message>
        <message>
            <source>Light</source>
            <translation>Claro</translation>
        </message>
        <message>
            <source>Dark</source>
            <translation>Oscuro</translation>
        </message>
        <message>
            <source>&amp;Theme:</source>
            <translation>&amp;Tema:</translation>
        </message>
        <message>
            <source>&amp;Language:</source>
            <translation>&amp;Idioma:</translation>
        </message>
        <message>
            <source>&amp;Lock after idle (minutes):</source>
            <translation>&amp;Bloquear tras inactividad (minutos):</translation>
        </message>
        <message>
            <source>Theme</source>
            <translation>Tema</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Idioma</translation>
        </message>
        <message>
            <source>Applies immediately</source>
            <translation>Se aplica de inmediato</translation>
        </message>
        <message>
            <source>Lock after idle, in minutes</source>
            <translation>Bloquear tras inactividad, en minutos</translation>
        </message>
        <message>
            <source>0 never locks</source>
            <translation>0 no bloquea nunca</translation>
        </message>
        <message>
            <source>Never</source>
            <translation>Nunca</translation>
        </message>
    </context>
    <context>
        <name>SignedNoteTableModel</name>
        <message>
            <source>Date</source>
            <translation>Fecha</translation>
        </message>
        <message>
            <source>Patient</source>
            <translation>Paciente</translation>
        </message>
        <message>
            <source>MRN</source>
            <translation>N.º de historia</translation>
        </message>
        <message>
            <source>Clinician</source>
            <translation>Médico</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Tipo</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Estado</translation>
        </message>
    </context>
    <context>
        <name>SignedNotesWorkspace</name>
        <message>
            <source>&amp;Open note</source>
            <translation>Abrir &amp;nota</translation>
        </message>
        <message>
            <source>Open note</source>
            <translation>Abrir nota</translation>
        </message>
        <message>
            <source>Open the selected note, read-only</source>
            <translation>Abrir la nota seleccionada en solo lectura</translation>
        </message>
        <message>
            <source>Select a note first.</source>
            <translation>Seleccione primero una nota.</translation>
        </message>
    </context>
    <context>
        <name>UserTableModel</name>
        <message>
            <source>Username</source>
            <translation>Usuario</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nombre</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>Rol</translation>
        </message>
        <message>
            <source>Active</source>
            <translation>Activo</translation>
        </message>
        <message>
            <source>Yes</source>
            <translation>Sí</translation>
        </message>
        <message>
            <source>No</source>
            <translation>No</translation>
        </message>
    </context>
    <context>
        <name>VersionHistoryDialog</name>
        <message>
            <source>saved</source>
            <translation>guardada</translation>
        </message>
        <message>
            <source>autosaved</source>
            <translation>guardada automáticamente</translation>
        </message>
        <message>
            <source>saved on close</source>
            <translation>guardada al cerrar</translation>
        </message>
        <message>
            <source>dictation</source>
            <translation>dictado</translation>
        </message>
        <message>
            <source>template</source>
            <translation>plantilla</translation>
        </message>
        <message>
            <source>Version history</source>
            <translation>Historial de versiones</translation>
        </message>
        <message>
            <source>&amp;Versions:</source>
            <translation>&amp;Versiones:</translation>
        </message>
        <message>
            <source>&amp;Changes from the previous version:</source>
            <translation>&amp;Cambios respecto a la versión anterior:</translation>
        </message>
        <message>
            <source>Versions</source>
            <translation>Versiones</translation>
        </message>
        <message>
            <source>Saved versions of the note, oldest first</source>
            <translation>Versiones guardadas de la nota, de la más antigua a la más reciente</translation>
        </message>
        <message>
            <source>Changes</source>
            <translation>Cambios</translation>
        </message>
        <message>
            <source>Lines starting with - were removed, + were added</source>
            <translation>Las líneas que empiezan por - se quitaron; las que empiezan por + se añadieron</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Cerrar</translation>
        </message>
        <message>
            <source>Version %1 — %2 — %3</source>
            <translation>Versión %1 — %2 — %3</translation>
        </message>
        <message>
            <source>version %1</source>
            <translation>versión %1</translation>
        </message>
        <message>
            <source>No changes.</source>
            <translation>Sin cambios.</translation>
        </message>
    </context>
    <context>
        <name>Workbench</name>
        <message>
            <source>Cannot open the database at %1: %2

Check WORKBENCH_DATABASE_URL, or run 'workbench init' to create a database ('workbench db upgrade' to update an old one).</source>
            <translation>No se puede abrir la base de datos en %1: %2

Revise WORKBENCH_DATABASE_URL o ejecute «workbench init» para crear una base de datos («workbench db upgrade» para actualizar una antigua).</translation>
        </message>
        <message>
            <source>Coder Workbench cannot start</source>
            <translation>Coder Workbench no puede iniciarse</translation>
        </message>
    </context>
    <context>
        <name>Workspace</name>
        <message>
            <source>Could not load this list: %1</source>
            <translation>No se pudo cargar esta lista: %1</translation>
        </message>
        <message>
            <source>Could not load this list because of a database problem (%1). Press F5 to try again; if it persists, ask your administrator to run “workbench db current”.</source>
            <translation>No se pudo cargar esta lista por un problema de la base de datos (%1). Pulse F5 para reintentar; si persiste, pida a su administrador que ejecute «workbench db current».</translation>
        </message>
    </context>
</TS>
