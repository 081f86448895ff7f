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
    <name>AddendumView</name>
    <message>
        <source>Addendum %1 — signed by %2 on %3</source>
        <translation>Adenda %1 — firmada por %2 el %3</translation>
    </message>
    <message>
        <source>Addendum %1 text</source>
        <translation>Texto de la adenda %1</translation>
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
    <message>
        <source>User a&amp;ccounts</source>
        <translation>Cuentas de usuari&amp;o</translation>
    </message>
    <message>
        <source>&amp;Transcription</source>
        <translation>&amp;Transcripción</translation>
    </message>
    <message>
        <source>Administrator sections</source>
        <translation>Secciones del administrador</translation>
    </message>
    <message>
        <source>Transcription settings</source>
        <translation>Ajustes de transcripción</translation>
    </message>
</context>
<context>
    <name>AuditEventTableModel</name>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Registro</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
</context>
<context>
    <name>AuditNoteDetail</name>
    <message>
        <source>suggested</source>
        <translation>sugerido</translation>
    </message>
    <message>
        <source>added by the coder</source>
        <translation>añadido por el codificador</translation>
    </message>
    <message>
        <source>The coding sign-off could not be loaded: %1</source>
        <translation>No se pudo cargar la firma de la codificación: %1</translation>
    </message>
    <message>
        <source>Loading the coding sign-off…</source>
        <translation>Cargando la firma de la codificación…</translation>
    </message>
    <message>
        <source>Coding finalised by %1 on %2. Final codes: %3.</source>
        <translation>Codificación finalizada por %1 el %2. Códigos finales: %3.</translation>
    </message>
    <message>
        <source>Coding in progress by %1, not finalised. Decisions so far: %2.</source>
        <translation>Codificación en curso por %1, sin finalizar. Decisiones hasta ahora: %2.</translation>
    </message>
    <message>
        <source>Not coded yet.</source>
        <translation>Aún sin codificar.</translation>
    </message>
    <message>
        <source>Select a signed note and press Enter to see its text, signatures and coding here.</source>
        <translation>Seleccione una nota firmada y pulse Intro para ver aquí su texto, sus firmas y su codificación.</translation>
    </message>
    <message>
        <source>Note %1</source>
        <translation>Nota %1</translation>
    </message>
    <message>
        <source>Note %1 by %2</source>
        <translation>Nota %1 de %2</translation>
    </message>
    <message>
        <source>&amp;Note text:</source>
        <translation>&amp;Texto de la nota:</translation>
    </message>
    <message>
        <source>Note text</source>
        <translation>Texto de la nota</translation>
    </message>
    <message>
        <source>The signed note, read-only</source>
        <translation>La nota firmada, de solo lectura</translation>
    </message>
    <message>
        <source>Coding sign-off</source>
        <translation>Firma de la codificación</translation>
    </message>
    <message>
        <source>Final co&amp;des:</source>
        <translation>Có&amp;digos finales:</translation>
    </message>
    <message>
        <source>Final codes</source>
        <translation>Códigos finales</translation>
    </message>
    <message>
        <source>%1 final codes</source>
        <translation>%1 códigos finales</translation>
    </message>
    <message>
        <source>Note details</source>
        <translation>Detalles de la nota</translation>
    </message>
</context>
<context>
    <name>AuditSampleView</name>
    <message>
        <source>Drawing the sample…</source>
        <translation>Extrayendo la muestra…</translation>
    </message>
    <message>
        <source>Sample drawn: %1 notes from %2 coders. Press Enter on one to review it.</source>
        <translation>Muestra extraída: %1 notas de %2 codificadores. Pulse Intro sobre una para revisarla.</translation>
    </message>
    <message>
        <source>The sample could not be drawn: %1</source>
        <translation>No se pudo extraer la muestra: %1</translation>
    </message>
    <message>
        <source>Draw a sample and select a note first.</source>
        <translation>Primero extraiga una muestra y seleccione una nota.</translation>
    </message>
    <message>
        <source>Notes per &amp;coder:</source>
        <translation>Notas por &amp;codificador:</translation>
    </message>
    <message>
        <source>Notes per coder</source>
        <translation>Notas por codificador</translation>
    </message>
    <message>
        <source>How many finalised notes to draw per coder</source>
        <translation>Cuántas notas finalizadas extraer por codificador</translation>
    </message>
    <message>
        <source>&amp;Draw sample</source>
        <translation>&amp;Extraer muestra</translation>
    </message>
    <message>
        <source>Draw sample</source>
        <translation>Extraer muestra</translation>
    </message>
    <message>
        <source>Draw a new random sample; the draw is audited</source>
        <translation>Extraer una nueva muestra aleatoria; la extracción queda auditada</translation>
    </message>
    <message>
        <source>Audit &amp;sample</source>
        <translation>&amp;Muestra de auditoría</translation>
    </message>
    <message>
        <source>Audit sample</source>
        <translation>Muestra de auditoría</translation>
    </message>
    <message>
        <source>No sample yet, or no finalised coding to sample. Choose a size and press Draw sample.</source>
        <translation>Aún no hay muestra, o no hay codificación finalizada que muestrear. Elija un tamaño y pulse Extraer muestra.</translation>
    </message>
    <message>
        <source>Sho&amp;w note</source>
        <translation>Mostrar &amp;nota</translation>
    </message>
    <message>
        <source>Show note</source>
        <translation>Mostrar nota</translation>
    </message>
    <message>
        <source>Show the selected note&apos;s details</source>
        <translation>Mostrar los detalles de la nota seleccionada</translation>
    </message>
    <message>
        <source>A random sample of finalised notes for each coder, to re-check.</source>
        <translation>Una muestra aleatoria de notas finalizadas de cada codificador, para revisarlas de nuevo.</translation>
    </message>
</context>
<context>
    <name>AuditStatsView</name>
    <message>
        <source>The first day comes after the last day; swap them.</source>
        <translation>El primer día es posterior al último; inviértalos.</translation>
    </message>
    <message>
        <source>Computing statistics…</source>
        <translation>Calculando las estadísticas…</translation>
    </message>
    <message>
        <source>Statistics could not be computed: %1</source>
        <translation>No se pudieron calcular las estadísticas: %1</translation>
    </message>
    <message>
        <source>Press Compute to see the statistics.</source>
        <translation>Pulse Calcular para ver las estadísticas.</translation>
    </message>
    <message>
        <source>encounters from %1 to %2</source>
        <translation>consultas del %1 al %2</translation>
    </message>
    <message>
        <source>all encounters</source>
        <translation>todas las consultas</translation>
    </message>
    <message>
        <source>%1 coded notes by %2 coders (%3).</source>
        <translation>%1 notas codificadas por %2 codificadores (%3).</translation>
    </message>
    <message>
        <source>Limit to encounter &amp;dates</source>
        <translation>Limitar a &amp;fechas de consulta</translation>
    </message>
    <message>
        <source>Limit to encounter dates</source>
        <translation>Limitar a fechas de consulta</translation>
    </message>
    <message>
        <source>Fr&amp;om:</source>
        <translation>&amp;Desde:</translation>
    </message>
    <message>
        <source>First encounter day</source>
        <translation>Primer día de consulta</translation>
    </message>
    <message>
        <source>&amp;Until:</source>
        <translation>&amp;Hasta:</translation>
    </message>
    <message>
        <source>Last encounter day</source>
        <translation>Último día de consulta</translation>
    </message>
    <message>
        <source>&amp;Compute</source>
        <translation>&amp;Calcular</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>Calcular</translation>
    </message>
    <message>
        <source>Compute the statistics for the chosen days</source>
        <translation>Calcular las estadísticas de los días elegidos</translation>
    </message>
    <message>
        <source>Coding &amp;statistics per coder and overall</source>
        <translation>E&amp;stadísticas de codificación por codificador y en total</translation>
    </message>
    <message>
        <source>Coding statistics</source>
        <translation>Estadísticas de codificación</translation>
    </message>
    <message>
        <source>No coded notes in this range. Coders&apos; decisions appear here once notes are coded.</source>
        <translation>No hay notas codificadas en este intervalo. Las decisiones de los codificadores aparecen aquí en cuanto se codifican notas.</translation>
    </message>
    <message>
        <source>Accepted: accepted suggestions of those decided. Precision: suggested codes that became final codes. Recall: final codes that were suggested. Time: the coder&apos;s time per note.</source>
        <translation>Aceptadas: sugerencias aceptadas de las decididas. Precisión: códigos sugeridos que pasaron a ser códigos finales. Exhaustividad: códigos finales que fueron sugeridos. Tiempo: el tiempo del codificador por nota.</translation>
    </message>
</context>
<context>
    <name>AuditTrailDialog</name>
    <message>
        <source>%1 events</source>
        <translation>%1 eventos</translation>
    </message>
    <message>
        <source>✗ The audit chain could not be checked: %1</source>
        <translation>✗ No se pudo comprobar la cadena de auditoría: %1</translation>
    </message>
    <message>
        <source>Checking the audit chain…</source>
        <translation>Comprobando la cadena de auditoría…</translation>
    </message>
    <message>
        <source>✓ Audit chain intact: %1 events verified.</source>
        <translation>✓ Cadena de auditoría intacta: %1 eventos verificados.</translation>
    </message>
    <message>
        <source>✗ Audit chain broken (%1 problems). First: event %2: %3</source>
        <translation>✗ Cadena de auditoría rota (%1 problemas). Primero: evento %2: %3</translation>
    </message>
    <message>
        <source>Audit trail — encounter %1</source>
        <translation>Registro de auditoría — consulta %1</translation>
    </message>
    <message>
        <source>&amp;Events, oldest first</source>
        <translation>&amp;Eventos, del más antiguo al más reciente</translation>
    </message>
    <message>
        <source>Audit events</source>
        <translation>Eventos de auditoría</translation>
    </message>
    <message>
        <source>Nothing has been recorded for this encounter.</source>
        <translation>No se ha registrado nada para esta consulta.</translation>
    </message>
</context>
<context>
    <name>AuditorWorkspace</name>
    <message>
        <source>Select a note first.</source>
        <translation>Seleccione primero una nota.</translation>
    </message>
    <message>
        <source>Auditor</source>
        <translation>Auditor</translation>
    </message>
    <message>
        <source>Audit &amp;trail…</source>
        <translation>&amp;Registro de auditoría…</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>Registro de auditoría</translation>
    </message>
    <message>
        <source>Everything recorded about the selected note&apos;s encounter</source>
        <translation>Todo lo registrado sobre la consulta de la nota seleccionada</translation>
    </message>
    <message>
        <source>Export codes as &amp;CSV…</source>
        <translation>Exportar códigos como &amp;CSV…</translation>
    </message>
    <message>
        <source>Export codes as CSV</source>
        <translation>Exportar códigos como CSV</translation>
    </message>
    <message>
        <source>Every finalised note&apos;s final codes</source>
        <translation>Los códigos finales de cada nota finalizada</translation>
    </message>
    <message>
        <source>Export FH&amp;IR bundle…</source>
        <translation>Exportar paquete FH&amp;IR…</translation>
    </message>
    <message>
        <source>Export FHIR bundle</source>
        <translation>Exportar paquete FHIR</translation>
    </message>
    <message>
        <source>The selected encounter as an HL7 FHIR R4 bundle (JSON)</source>
        <translation>La consulta seleccionada como paquete HL7 FHIR R4 (JSON)</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Estadísticas</translation>
    </message>
    <message>
        <source>Audit sample</source>
        <translation>Muestra de auditoría</translation>
    </message>
    <message>
        <source>%1 (Ctrl+%2)</source>
        <translation>%1 (Ctrl+%2)</translation>
    </message>
    <message>
        <source>Auditor views</source>
        <translation>Vistas del auditor</translation>
    </message>
    <message>
        <source>Ctrl+1, Ctrl+2 and Ctrl+3 switch views</source>
        <translation>Ctrl+1, Ctrl+2 y Ctrl+3 cambian de vista</translation>
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
    <message>
        <source>Press Enter to show the selected note&apos;s details</source>
        <translation>Pulse Intro para mostrar los detalles de la nota seleccionada</translation>
    </message>
</context>
<context>
    <name>CloudConsentDialog</name>
    <message>
        <source>Switch on cloud transcription</source>
        <translation>Activar la transcripción en la nube</translation>
    </message>
    <message>
        <source>Cloud transcription sends dictation audio — protected health information (PHI) — to the provider configured here, outside this machine and this clinic. Switch it on only if your organisation has an agreement with that provider that covers PHI (for example a business associate agreement). Physicians can then choose a cloud engine, and it is recorded in the audit trail that you acknowledged this.</source>
        <translation>La transcripción en la nube envía el audio del dictado —información de salud protegida (PHI)— al proveedor configurado aquí, fuera de este equipo y de esta clínica. Actívela solo si su organización tiene con ese proveedor un acuerdo que cubra la PHI (por ejemplo, un acuerdo de socio comercial, BAA). Los médicos podrán entonces elegir un motor en la nube, y en el registro de auditoría constará que usted lo ha reconocido.</translation>
    </message>
    <message>
        <source>I &amp;acknowledge that dictation audio (PHI) will leave this machine</source>
        <translation>&amp;Reconozco que el audio del dictado (PHI) saldrá de este equipo</translation>
    </message>
    <message>
        <source>Acknowledge that dictation audio (PHI) will leave this machine</source>
        <translation>Reconocer que el audio del dictado (PHI) saldrá de este equipo</translation>
    </message>
    <message>
        <source>Your &amp;password:</source>
        <translation>Su &amp;contraseña:</translation>
    </message>
    <message>
        <source>Your password</source>
        <translation>Su contraseña</translation>
    </message>
    <message>
        <source>Confirms that it is you</source>
        <translation>Confirma que es usted</translation>
    </message>
    <message>
        <source>&amp;Switch on</source>
        <translation>&amp;Activar</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>Ca&amp;ncelar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Cloud transcription stays off</source>
        <translation>La transcripción en la nube sigue desactivada</translation>
    </message>
    <message>
        <source>Problem switching on cloud transcription</source>
        <translation>Problema al activar la transcripción en la nube</translation>
    </message>
</context>
<context>
    <name>CodeSearchDialog</name>
    <message>
        <source>Searching…</source>
        <translation>Buscando…</translation>
    </message>
    <message>
        <source>%1 codes found; the first is %2.</source>
        <translation>%1 códigos encontrados; el primero es %2.</translation>
    </message>
    <message>
        <source>No code matches; try other words or a code such as E11.9.</source>
        <translation>Ningún código coincide; pruebe otras palabras o un código como E11.9.</translation>
    </message>
    <message>
        <source>The search failed: %1</source>
        <translation>La búsqueda falló: %1</translation>
    </message>
    <message>
        <source>Choose a code from the list first.</source>
        <translation>Elija primero un código de la lista.</translation>
    </message>
    <message>
        <source>Add a code</source>
        <translation>Añadir un código</translation>
    </message>
    <message>
        <source>&amp;Search ICD-10-CM (a code or words):</source>
        <translation>&amp;Buscar en CIE-10-MC (un código o palabras):</translation>
    </message>
    <message>
        <source>Code search</source>
        <translation>Búsqueda de códigos</translation>
    </message>
    <message>
        <source>Type a code such as E11.9 or words such as diab type 2 kidney; Down picks a result</source>
        <translation>Escriba un código como E11.9 o palabras como diab tipo 2 riñón; Abajo elige un resultado</translation>
    </message>
    <message>
        <source>Evidence: “%1”</source>
        <translation>Evidencia: «%1»</translation>
    </message>
    <message>
        <source>No text selected in the note: the code is added without evidence.</source>
        <translation>No hay texto seleccionado en la nota: el código se añade sin evidencia.</translation>
    </message>
    <message>
        <source>&amp;Matching codes:</source>
        <translation>Códigos &amp;coincidentes:</translation>
    </message>
    <message>
        <source>Matching codes</source>
        <translation>Códigos coincidentes</translation>
    </message>
    <message>
        <source>&amp;Add code</source>
        <translation>&amp;Añadir código</translation>
    </message>
</context>
<context>
    <name>CoderStatsTableModel</name>
    <message>
        <source>not documented</source>
        <translation>no documentado</translation>
    </message>
    <message>
        <source>negated / ruled out</source>
        <translation>negado / descartado</translation>
    </message>
    <message>
        <source>wrong specificity</source>
        <translation>especificidad incorrecta</translation>
    </message>
    <message>
        <source>duplicate</source>
        <translation>duplicado</translation>
    </message>
    <message>
        <source>other</source>
        <translation>otro</translation>
    </message>
    <message>
        <source>unspecified</source>
        <translation>sin especificar</translation>
    </message>
    <message>
        <source>All coders</source>
        <translation>Todos los codificadores</translation>
    </message>
    <message>
        <source>Coder</source>
        <translation>Codificador</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>Decididas</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Aceptadas</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Precisión</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>Exhaustividad</translation>
    </message>
    <message>
        <source>Mean time per note</source>
        <translation>Tiempo medio por nota</translation>
    </message>
    <message>
        <source>Median time per note</source>
        <translation>Mediana de tiempo por nota</translation>
    </message>
    <message>
        <source>Most rejected codes</source>
        <translation>Códigos más rechazados</translation>
    </message>
    <message>
        <source>Reject reasons</source>
        <translation>Motivos de rechazo</translation>
    </message>
</context>
<context>
    <name>CoderWorkspace</name>
    <message>
        <source>Coder</source>
        <translation>Codificador</translation>
    </message>
    <message>
        <source>All &amp;signed notes (read-only):</source>
        <translation>Todas las notas &amp;firmadas (solo lectura):</translation>
    </message>
    <message>
        <source>Signed notes</source>
        <translation>Notas firmadas</translation>
    </message>
    <message>
        <source>The worklist is empty: no signed notes are waiting. Notes appear here as soon as a physician signs them; press F5 to refresh.</source>
        <translation>La lista de trabajo está vacía: no hay notas firmadas pendientes. Las notas aparecen aquí en cuanto un médico las firma; pulse F5 para actualizar.</translation>
    </message>
</context>
<context>
    <name>CodingReviewScreen</name>
    <message>
        <source>Loading the note…</source>
        <translation>Cargando la nota…</translation>
    </message>
    <message>
        <source>Computing suggestions… The note can be read meanwhile.</source>
        <translation>Calculando sugerencias… Mientras tanto puede leer la nota.</translation>
    </message>
    <message>
        <source>%1 suggestions ready.</source>
        <translation>%1 sugerencias listas.</translation>
    </message>
    <message>
        <source>Nothing to suggest for this note; add codes with Insert.</source>
        <translation>No hay nada que sugerir para esta nota; añada códigos con Insert.</translation>
    </message>
    <message>
        <source>Suggestions could not be computed: %1. Codes can still be added with Insert.</source>
        <translation>No se pudieron calcular las sugerencias: %1. Puede añadir códigos con Insert.</translation>
    </message>
    <message>
        <source>The note could not be loaded: %1</source>
        <translation>No se pudo cargar la nota: %1</translation>
    </message>
    <message>
        <source>Evidence: %1</source>
        <translation>Evidencia: %1</translation>
    </message>
    <message>
        <source>No evidence</source>
        <translation>Sin evidencia</translation>
    </message>
    <message>
        <source>Last suggestion.</source>
        <translation>Última sugerencia.</translation>
    </message>
    <message>
        <source>First suggestion.</source>
        <translation>Primera sugerencia.</translation>
    </message>
    <message>
        <source>No suggestion selected.</source>
        <translation>Ninguna sugerencia seleccionada.</translation>
    </message>
    <message>
        <source>confidence %1%</source>
        <translation>confianza %1%</translation>
    </message>
    <message>
        <source>Current suggestion</source>
        <translation>Sugerencia actual</translation>
    </message>
    <message>
        <source>Not documented</source>
        <translation>No documentado</translation>
    </message>
    <message>
        <source>Negated / ruled out</source>
        <translation>Negado / descartado</translation>
    </message>
    <message>
        <source>Wrong specificity</source>
        <translation>Especificidad incorrecta</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplicado</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
    <message>
        <source>Select a suggestion first (J and K move through the list).</source>
        <translation>Seleccione primero una sugerencia (J y K recorren la lista).</translation>
    </message>
    <message>
        <source>The coding of this note is finalised and read-only.</source>
        <translation>La codificación de esta nota está finalizada y es de solo lectura.</translation>
    </message>
    <message>
        <source>Wait until the suggestions are computed.</source>
        <translation>Espere a que se calculen las sugerencias.</translation>
    </message>
    <message>
        <source>Only coders decide on codes; this view is read-only.</source>
        <translation>Solo los codificadores deciden sobre los códigos; esta vista es de solo lectura.</translation>
    </message>
    <message>
        <source>%1 %2. %3</source>
        <translation>%1 %2. %3</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>No guardado: %1</translation>
    </message>
    <message>
        <source>%1 added. %2</source>
        <translation>%1 añadido. %2</translation>
    </message>
    <message>
        <source>%1 removed.</source>
        <translation>%1 quitado.</translation>
    </message>
    <message>
        <source>Codes for the selected text: %1 found; Enter on one adds it.</source>
        <translation>Códigos para el texto seleccionado: %1 encontrados; Intro sobre uno lo añade.</translation>
    </message>
    <message>
        <source>No undecided suggestion is listed.</source>
        <translation>No hay ninguna sugerencia sin decidir en la lista.</translation>
    </message>
    <message>
        <source>%1 suggestions dismissed. %2</source>
        <translation>%1 sugerencias descartadas. %2</translation>
    </message>
    <message>
        <source>Decide every suggestion before finalising (%1).</source>
        <translation>Decida cada sugerencia antes de finalizar (%1).</translation>
    </message>
    <message>
        <source>Finalise coding</source>
        <translation>Finalizar codificación</translation>
    </message>
    <message>
        <source>Finalising signs these codes with your key; they cannot be changed afterwards. Re-enter your password.</source>
        <translation>Al finalizar, estos códigos se firman con su clave y ya no se pueden cambiar. Vuelva a escribir su contraseña.</translation>
    </message>
    <message>
        <source>Coding finalised and signed.</source>
        <translation>Codificación finalizada y firmada.</translation>
    </message>
    <message>
        <source>Coding finalised; read-only.</source>
        <translation>Codificación finalizada; solo lectura.</translation>
    </message>
    <message>
        <source>%1 of %2 suggestions decided</source>
        <translation>%1 de %2 sugerencias decididas</translation>
    </message>
    <message>
        <source>; ready to finalise.</source>
        <translation>; lista para finalizar.</translation>
    </message>
    <message>
        <source>Coding — %1 (MRN %2)</source>
        <translation>Codificación — %1 (HC %2)</translation>
    </message>
    <message>
        <source>%1, MRN %2 — %3 with %4 on %5</source>
        <translation>%1, HC %2 — %3 con %4 el %5</translation>
    </message>
    <message>
        <source>Coding</source>
        <translation>Codificación</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>&amp;Note (evidence highlighted):</source>
        <translation>&amp;Nota (evidencia resaltada):</translation>
    </message>
    <message>
        <source>Note text</source>
        <translation>Texto de la nota</translation>
    </message>
    <message>
        <source>Read-only. Evidence of each suggestion is highlighted: dotted underline not decided, solid accepted, wavy rejected, dashed dismissed. Select text to see codes for it.</source>
        <translation>Solo lectura. La evidencia de cada sugerencia está resaltada: subrayado punteado sin decidir, continuo aceptada, ondulado rechazada, discontinuo descartada. Seleccione texto para ver códigos para él.</translation>
    </message>
    <message>
        <source>&amp;Suggestions (J next, K previous, A accept, R reject):</source>
        <translation>&amp;Sugerencias (J siguiente, K anterior, A aceptar, R rechazar):</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>Sugerencias</translation>
    </message>
    <message>
        <source>J next, K previous, A accept, R reject</source>
        <translation>J siguiente, K anterior, A aceptar, R rechazar</translation>
    </message>
    <message>
        <source>F&amp;ilter:</source>
        <translation>F&amp;iltro:</translation>
    </message>
    <message>
        <source>Filter suggestions</source>
        <translation>Filtrar sugerencias</translation>
    </message>
    <message>
        <source>Shows the suggestions containing these words</source>
        <translation>Muestra las sugerencias que contienen estas palabras</translation>
    </message>
    <message>
        <source>Dismiss lis&amp;ted</source>
        <translation>Descartar lis&amp;tadas</translation>
    </message>
    <message>
        <source>Dismiss listed</source>
        <translation>Descartar listadas</translation>
    </message>
    <message>
        <source>Dismiss every undecided suggestion the filter lists</source>
        <translation>Descarta todas las sugerencias sin decidir que muestra el filtro</translation>
    </message>
    <message>
        <source>R&amp;uled out / negated (listed apart, not coded):</source>
        <translation>&amp;Excluidas / negadas (aparte, sin codificar):</translation>
    </message>
    <message>
        <source>Ruled out or negated mentions</source>
        <translation>Menciones excluidas o negadas</translation>
    </message>
    <message>
        <source>Added c&amp;odes (Delete removes one):</source>
        <translation>Códigos añadid&amp;os (Supr quita uno):</translation>
    </message>
    <message>
        <source>Added codes</source>
        <translation>Códigos añadidos</translation>
    </message>
    <message>
        <source>Delete removes the selected added code</source>
        <translation>Supr quita el código añadido seleccionado</translation>
    </message>
    <message>
        <source>Codes for the se&amp;lected text (Enter adds one):</source>
        <translation>Códigos para el texto se&amp;leccionado (Intro añade uno):</translation>
    </message>
    <message>
        <source>Codes for the selected text</source>
        <translation>Códigos para el texto seleccionado</translation>
    </message>
    <message>
        <source>&amp;Accept (A)</source>
        <translation>&amp;Aceptar (A)</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Aceptar</translation>
    </message>
    <message>
        <source>Accept the current suggestion</source>
        <translation>Acepta la sugerencia actual</translation>
    </message>
    <message>
        <source>&amp;Reject… (R)</source>
        <translation>&amp;Rechazar… (R)</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Rechazar</translation>
    </message>
    <message>
        <source>Reject the current suggestion, with a reason</source>
        <translation>Rechaza la sugerencia actual, con un motivo</translation>
    </message>
    <message>
        <source>Add &amp;code… (Insert)</source>
        <translation>Añadir &amp;código… (Insert)</translation>
    </message>
    <message>
        <source>Add code</source>
        <translation>Añadir código</translation>
    </message>
    <message>
        <source>Search ICD-10-CM and add a code; selected text is its evidence</source>
        <translation>Busca en CIE-10-MC y añade un código; el texto seleccionado es su evidencia</translation>
    </message>
    <message>
        <source>Dismiss &amp;below:</source>
        <translation>Descartar &amp;bajo:</translation>
    </message>
    <message>
        <source>Confidence threshold</source>
        <translation>Umbral de confianza</translation>
    </message>
    <message>
        <source>Undecided suggestions below it are dismissed</source>
        <translation>Se descartan las sugerencias sin decidir por debajo de él</translation>
    </message>
    <message>
        <source>Dis&amp;miss</source>
        <translation>&amp;Descartar</translation>
    </message>
    <message>
        <source>Dismiss below threshold</source>
        <translation>Descartar bajo el umbral</translation>
    </message>
    <message>
        <source>Dismiss every undecided suggestion below the confidence threshold</source>
        <translation>Descarta todas las sugerencias sin decidir por debajo del umbral de confianza</translation>
    </message>
    <message>
        <source>&amp;Finalise coding…</source>
        <translation>&amp;Finalizar codificación…</translation>
    </message>
    <message>
        <source>Sign the codes once every suggestion is decided</source>
        <translation>Firma los códigos cuando cada sugerencia está decidida</translation>
    </message>
</context>
<context>
    <name>CodingWorklist</name>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>The worklist could not be loaded: %1. Press F5 to try again.</source>
        <translation>No se pudo cargar la lista de trabajo: %1. Pulse F5 para reintentar.</translation>
    </message>
    <message>
        <source>%1 notes match; %2 waiting in all; %3 need review.</source>
        <translation>%1 notas coinciden; %2 en espera en total; %3 requieren revisión.</translation>
    </message>
    <message>
        <source>Select a note first.</source>
        <translation>Seleccione primero una nota.</translation>
    </message>
    <message>
        <source>Notes &amp;to code:</source>
        <translation>Notas por co&amp;dificar:</translation>
    </message>
    <message>
        <source>Notes to code</source>
        <translation>Notas por codificar</translation>
    </message>
    <message>
        <source>Enter opens the note&apos;s coding review</source>
        <translation>Intro abre la revisión de codificación de la nota</translation>
    </message>
    <message>
        <source>Notes to code columns</source>
        <translation>Columnas de notas por codificar</translation>
    </message>
    <message>
        <source>C&amp;linician:</source>
        <translation>&amp;Médico:</translation>
    </message>
    <message>
        <source>Clinician filter</source>
        <translation>Filtro de médico</translation>
    </message>
    <message>
        <source>All clinicians</source>
        <translation>Todos los médicos</translation>
    </message>
    <message>
        <source>&amp;Encounters:</source>
        <translation>&amp;Consultas:</translation>
    </message>
    <message>
        <source>Encounter date filter</source>
        <translation>Filtro de fecha de consulta</translation>
    </message>
    <message>
        <source>Any date</source>
        <translation>Cualquier fecha</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Últimos 7 días</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Últimos 30 días</translation>
    </message>
    <message>
        <source>Last 365 days</source>
        <translation>Últimos 365 días</translation>
    </message>
    <message>
        <source>Needs review onl&amp;y</source>
        <translation>Solo las que requieren &amp;revisión</translation>
    </message>
    <message>
        <source>Only notes that need review</source>
        <translation>Solo las notas que requieren revisión</translation>
    </message>
    <message>
        <source>Start &amp;coding</source>
        <translation>&amp;Empezar a codificar</translation>
    </message>
    <message>
        <source>Start coding</source>
        <translation>Empezar a codificar</translation>
    </message>
    <message>
        <source>Open the selected note&apos;s coding review</source>
        <translation>Abre la revisión de codificación de la nota seleccionada</translation>
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
    <name>ExportActions</name>
    <message>
        <source>Export final codes as CSV</source>
        <translation>Exportar los códigos finales como CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exporting final codes to %1…</source>
        <translation>Exportando los códigos finales a %1…</translation>
    </message>
    <message>
        <source>Exported %1 final codes to %2.</source>
        <translation>Se exportaron %1 códigos finales a %2.</translation>
    </message>
    <message>
        <source>Select a note first.</source>
        <translation>Seleccione primero una nota.</translation>
    </message>
    <message>
        <source>Export encounter as FHIR R4 bundle</source>
        <translation>Exportar la consulta como paquete FHIR R4</translation>
    </message>
    <message>
        <source>FHIR JSON files (*.json)</source>
        <translation>Archivos JSON de FHIR (*.json)</translation>
    </message>
    <message>
        <source>Exporting encounter %1…</source>
        <translation>Exportando la consulta %1…</translation>
    </message>
    <message>
        <source>Exported encounter %1 as a FHIR bundle of %2 resources to %3.</source>
        <translation>Se exportó la consulta %1 como paquete FHIR de %2 recursos a %3.</translation>
    </message>
    <message>
        <source>Could not write %1: %2. Nothing was written; choose another folder.</source>
        <translation>No se pudo escribir %1: %2. No se escribió nada; elija otra carpeta.</translation>
    </message>
    <message>
        <source>The export to %1 failed: %2. Nothing was written.</source>
        <translation>La exportación a %1 falló: %2. No se escribió nada.</translation>
    </message>
</context>
<context>
    <name>LiveTranscript</name>
    <message>
        <source>Loading the speech engine…</source>
        <translation>Cargando el motor de voz…</translation>
    </message>
    <message>
        <source>Speech engine ready. Dictated text appears in the note, marked until you edit it.</source>
        <translation>Motor de voz listo. El texto dictado aparece en la nota, marcado hasta que lo edite.</translation>
    </message>
    <message>
        <source>Transcription is not available: %1</source>
        <translation>La transcripción no está disponible: %1</translation>
    </message>
    <message>
        <source>The recording keeps all the audio; nothing was lost.</source>
        <translation>La grabación conserva todo el audio; no se ha perdido nada.</translation>
    </message>
    <message>
        <source>The tiny.en model understands English only; choose base or a cloud engine for Spanish.</source>
        <translation>El modelo tiny.en solo entiende inglés; elija base o un motor en la nube para el español.</translation>
    </message>
    <message>
        <source>Local translation quality is poor: the base model transcribes and translates Spanish badly. Check the English against the Spanish original, and ask for a cloud engine or a larger model for Spanish dictation.</source>
        <translation>La calidad de la traducción local es baja: el modelo base transcribe y traduce mal el español. Compare el inglés con el original en español y solicite un motor en la nube o un modelo más grande para dictar en español.</translation>
    </message>
    <message>
        <source>Cloud transcription was switched off for this installation; this passage was not sent. Its audio is kept in the recording. Choose the local engine in Settings.</source>
        <translation>La transcripción en la nube se desactivó en esta instalación; este fragmento no se envió. Su audio se conserva en la grabación. Elija el motor local en Configuración.</translation>
    </message>
    <message>
        <source>A dictated passage was not transcribed: %1 Its audio is kept in the recording.</source>
        <translation>Un fragmento dictado no se ha transcrito: %1 Su audio se conserva en la grabación.</translation>
    </message>
    <message>
        <source>The note can no longer be changed; the dictated text was not added.</source>
        <translation>La nota ya no se puede modificar; el texto dictado no se ha añadido.</translation>
    </message>
    <message>
        <source>Sentences added from dictation: %1.</source>
        <translation>Frases añadidas desde el dictado: %1.</translation>
    </message>
    <message>
        <source>Machine-transcribed sentences not yet reviewed: %1.</source>
        <translation>Frases transcritas automáticamente aún sin revisar: %1.</translation>
    </message>
    <message>
        <source>Playing %1 s of dictation.</source>
        <translation>Reproduciendo %1 s del dictado.</translation>
    </message>
    <message>
        <source>Transcribe audio file</source>
        <translation>Transcribir archivo de audio</translation>
    </message>
    <message>
        <source>Audio (%1)</source>
        <translation>Audio (%1)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Transcribing</source>
        <translation>Transcribiendo</translation>
    </message>
    <message>
        <source>Transcribing %1…</source>
        <translation>Transcribiendo %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Transcription progress</source>
        <translation>Progreso de la transcripción</translation>
    </message>
    <message>
        <source>Cancel transcription</source>
        <translation>Cancelar la transcripción</translation>
    </message>
    <message>
        <source>Transcribing %1: %2 of %3</source>
        <translation>Transcribiendo %1: %2 de %3</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message>
        <source>No speech was found in %1; nothing was added to the note.</source>
        <translation>No se encontró voz en %1; no se ha añadido nada a la nota.</translation>
    </message>
    <message>
        <source>The note can no longer be changed; the transcript was not added.</source>
        <translation>La nota ya no se puede modificar; la transcripción no se ha añadido.</translation>
    </message>
    <message>
        <source>%1 transcribed: %2 sentences added, marked until you review them.</source>
        <translation>%1 transcrito: %2 frases añadidas, marcadas hasta que las revise.</translation>
    </message>
    <message>
        <source>%1 is not an audio file that can be transcribed: %2</source>
        <translation>%1 no es un archivo de audio que se pueda transcribir: %2</translation>
    </message>
    <message>
        <source>The file was not transcribed: %1 The note is unchanged.</source>
        <translation>El archivo no se ha transcrito: %1 La nota no ha cambiado.</translation>
    </message>
    <message>
        <source>Transcription cancelled; the note is unchanged.</source>
        <translation>Transcripción cancelada; la nota no ha cambiado.</translation>
    </message>
    <message>
        <source>Dictated speech is transcribed into the note as you speak.</source>
        <translation>Lo que dicta se transcribe en la nota mientras habla.</translation>
    </message>
    <message>
        <source>Transcription status</source>
        <translation>Estado de la transcripción</translation>
    </message>
    <message>
        <source>Spanish original</source>
        <translation>Original en español</translation>
    </message>
    <message>
        <source>Show or hide the Spanish transcript beside the English text</source>
        <translation>Mostrar u ocultar la transcripción en español junto al texto en inglés</translation>
    </message>
    <message>
        <source>What was said, before translation</source>
        <translation>Lo que se dijo, antes de traducir</translation>
    </message>
    <message>
        <source>Transcribe audio &amp;file…</source>
        <translation>Transcribir &amp;archivo de audio…</translation>
    </message>
    <message>
        <source>Choose an audio file to transcribe into the note (Ctrl+Shift+O); you can also drop one</source>
        <translation>Elija un archivo de audio para transcribirlo en la nota (Ctrl+Mayús+O); también puede soltarlo sobre ella</translation>
    </message>
    <message>
        <source>%1 dictated passage(s) are still being transcribed into this note. Closing now leaves them out of the note (their audio stays in the recording).</source>
        <translation>Todavía se están transcribiendo %1 fragmento(s) dictado(s) en esta nota. Si la cierra ahora, quedarán fuera de la nota (su audio se conserva en la grabación).</translation>
    </message>
</context>
<context>
    <name>LocalModelChooser</name>
    <message>
        <source>C&amp;hoose model folder…</source>
        <translation>&amp;Elegir carpeta del modelo…</translation>
    </message>
    <message>
        <source>Choose model folder</source>
        <translation>Elegir carpeta del modelo</translation>
    </message>
    <message>
        <source>A folder holding a CTranslate2 Whisper model (model.bin, config.json)</source>
        <translation>Una carpeta con un modelo Whisper de CTranslate2 (model.bin, config.json)</translation>
    </message>
    <message>
        <source>base (multilingual)</source>
        <translation>base (multilingüe)</translation>
    </message>
    <message>
        <source>tiny.en (English only, fastest)</source>
        <translation>tiny.en (solo inglés, el más rápido)</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <source>Coder Workbench is locked</source>
        <translation>Coder Workbench está bloqueado</translation>
    </message>
    <message>
        <source>The workbench locked itself after being idle. %1, enter your password to continue.</source>
        <translation>El programa se bloqueó tras un tiempo de inactividad. %1, introduzca su contraseña para continuar.</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Contraseña:</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Desbloquear</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Desbloquear</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Cerrar &amp;sesión</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Cerrar sesión</translation>
    </message>
    <message>
        <source>Close the notes (they are saved) and return to the sign-in window</source>
        <translation>Cerrar las notas (se guardan) y volver a la ventana de inicio de sesión</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Introduzca su contraseña.</translation>
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
    <name>MachineText</name>
    <message>
        <source>&amp;Play the audio of this sentence</source>
        <translation>&amp;Escuchar el audio de esta frase</translation>
    </message>
    <message>
        <source>Play the dictated audio this sentence was transcribed from</source>
        <translation>Reproducir el audio dictado del que se transcribió esta frase</translation>
    </message>
    <message>
        <source>Machine transcribed, not yet reviewed.</source>
        <translation>Transcrito automáticamente, aún sin revisar.</translation>
    </message>
    <message>
        <source>The engine was unsure of this sentence.</source>
        <translation>El motor no estaba seguro de esta frase.</translation>
    </message>
    <message>
        <source>Click or press Ctrl+Enter to hear the audio.</source>
        <translation>Haga clic o pulse Ctrl+Intro para escuchar el audio.</translation>
    </message>
    <message>
        <source>Spanish original: %1</source>
        <translation>Original en español: %1</translation>
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
        <source>&amp;Lock</source>
        <translation>&amp;Bloquear</translation>
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
        <source>Search &amp;patients</source>
        <translation>Buscar &amp;pacientes</translation>
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
    <name>NoteDictation</name>
    <message>
        <source>A dictation of %1 for this encounter was cut off. Continue it?</source>
        <translation>Un dictado de %1 de esta consulta se interrumpió. ¿Continuarlo?</translation>
    </message>
    <message>
        <source>A paused dictation of %1 for this encounter is waiting. Continue it?</source>
        <translation>Un dictado en pausa de %1 de esta consulta está pendiente. ¿Continuarlo?</translation>
    </message>
    <message>
        <source>Unfinished dictations could not be checked: %1</source>
        <translation>No se pudieron comprobar los dictados sin terminar: %1</translation>
    </message>
    <message>
        <source>&amp;Continue dictation</source>
        <translation>&amp;Continuar dictado</translation>
    </message>
    <message>
        <source>Continue dictation</source>
        <translation>Continuar dictado</translation>
    </message>
    <message>
        <source>Take up the unfinished recording; Resume then continues it</source>
        <translation>Retoma la grabación sin terminar; Reanudar la continúa</translation>
    </message>
    <message>
        <source>Not no&amp;w</source>
        <translation>A&amp;hora no</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Ahora no</translation>
    </message>
    <message>
        <source>Leave the unfinished recording paused</source>
        <translation>Deja la grabación sin terminar en pausa</translation>
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
        <source>Si&amp;gn note…</source>
        <translation>&amp;Firmar nota…</translation>
    </message>
    <message>
        <source>Add &amp;addendum…</source>
        <translation>Añadir a&amp;denda…</translation>
    </message>
    <message>
        <source>Audit &amp;trail…</source>
        <translation>&amp;Registro de auditoría…</translation>
    </message>
    <message>
        <source>Sign note</source>
        <translation>Firmar nota</translation>
    </message>
    <message>
        <source>Sign and lock this note with your password (Ctrl+Shift+S)</source>
        <translation>Firmar y bloquear esta nota con su contraseña (Ctrl+Mayús+S)</translation>
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
        <source>Read-only: only the note&apos;s author can change a draft.</source>
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
        <source>The note could not be saved: the database did not answer ({0}). Your text is kept; try again.</source>
        <translation>No se pudo guardar la nota: la base de datos no respondió ({0}). Su texto se conserva; inténtelo de nuevo.</translation>
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
        <source>Signed at %1. The note is now read-only.</source>
        <translation>Firmada a las %1. La nota ahora es de solo lectura.</translation>
    </message>
    <message>
        <source>Addendum signed at %1.</source>
        <translation>Adenda firmada a las %1.</translation>
    </message>
    <message>
        <source>Unsaved note</source>
        <translation>Nota sin guardar</translation>
    </message>
    <message>
        <source>The note could not be saved. Close anyway and lose the unsaved text?</source>
        <translation>No se pudo guardar la nota. ¿Cerrar de todos modos y perder el texto sin guardar?</translation>
    </message>
    <message>
        <source>Still working on this note</source>
        <translation>Aún se está trabajando en esta nota</translation>
    </message>
    <message>
        <source>Wait for it, or close now?</source>
        <translation>¿Esperar o cerrar ahora?</translation>
    </message>
    <message>
        <source>&amp;Wait</source>
        <translation>&amp;Esperar</translation>
    </message>
    <message>
        <source>&amp;Close now</source>
        <translation>&amp;Cerrar ahora</translation>
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
    <name>PatientSearchBox</name>
    <message>
        <source>The search index could not be built: %1</source>
        <translation>No se pudo crear el índice de búsqueda: %1</translation>
    </message>
    <message>
        <source>%1 or more patients; keep typing to narrow</source>
        <translation>%1 o más pacientes; siga escribiendo para acotar</translation>
    </message>
    <message>
        <source>%1 patients found</source>
        <translation>%1 pacientes encontrados</translation>
    </message>
    <message>
        <source>No patient matches. Check the spelling, or try initials or part of the MRN.</source>
        <translation>Ningún paciente coincide. Revise la ortografía o pruebe con iniciales o parte del número de historia.</translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation>La búsqueda falló: %1</translation>
    </message>
    <message>
        <source>Not understood at character %1: %2; expected %3.</source>
        <translation>No se entiende en el carácter %1: %2; se esperaba %3.</translation>
    </message>
    <message>
        <source>MRN %1</source>
        <translation>N.º de historia %1</translation>
    </message>
    <message>
        <source>Search patients (Ctrl+K)</source>
        <translation>Buscar pacientes (Ctrl+K)</translation>
    </message>
    <message>
        <source>Search patients</source>
        <translation>Buscar pacientes</translation>
    </message>
    <message>
        <source>Name, initials, MRN or date of birth; or fields like family:smith dob:1950..1960. Down and Up move through the results, Enter opens one.</source>
        <translation>Nombre, iniciales, número de historia o fecha de nacimiento; o campos como family:smith dob:1950..1960. Abajo y Arriba recorren los resultados, Intro abre uno.</translation>
    </message>
    <message>
        <source>Clear search</source>
        <translation>Borrar la búsqueda</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Resultados de la búsqueda</translation>
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
        <source>&amp;Today&apos;s encounters</source>
        <translation>&amp;Consultas de hoy</translation>
    </message>
    <message>
        <source>Today&apos;s encounters</source>
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
        <source>Open the selected encounter&apos;s note</source>
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
        <source>%1 selected. Press Enter to start an encounter.</source>
        <translation>%1 seleccionado. Pulse Intro para iniciar una consulta.</translation>
    </message>
    <message>
        <source>Select an encounter first.</source>
        <translation>Seleccione primero una consulta.</translation>
    </message>
    <message>
        <source>Dictation saved (%1 s).</source>
        <translation>Dictado guardado (%1 s).</translation>
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
    <name>RejectDialog</name>
    <message>
        <source>For “Other”, write the reason in a few words.</source>
        <translation>Para «Otro», escriba el motivo en pocas palabras.</translation>
    </message>
    <message>
        <source>Reject %1</source>
        <translation>Rechazar %1</translation>
    </message>
    <message>
        <source>Why is %1 rejected?</source>
        <translation>¿Por qué se rechaza %1?</translation>
    </message>
    <message>
        <source>&amp;Not documented</source>
        <translation>&amp;No documentado</translation>
    </message>
    <message>
        <source>Negated / r&amp;uled out</source>
        <translation>Negado / &amp;descartado</translation>
    </message>
    <message>
        <source>&amp;Wrong specificity</source>
        <translation>E&amp;specificidad incorrecta</translation>
    </message>
    <message>
        <source>&amp;Duplicate</source>
        <translation>D&amp;uplicado</translation>
    </message>
    <message>
        <source>O&amp;ther</source>
        <translation>&amp;Otro</translation>
    </message>
    <message>
        <source>&amp;Comment (needed for “Other”):</source>
        <translation>&amp;Comentario (necesario para «Otro»):</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comentario</translation>
    </message>
    <message>
        <source>Free text about the rejection</source>
        <translation>Texto libre sobre el rechazo</translation>
    </message>
    <message>
        <source>&amp;Reject</source>
        <translation>&amp;Rechazar</translation>
    </message>
    <message>
        <source>Rejection problem</source>
        <translation>Problema con el rechazo</translation>
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
    <name>SampleTableModel</name>
    <message>
        <source>Coder</source>
        <translation>Codificador</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Encounter</source>
        <translation>Consulta</translation>
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
        <source>Loc&amp;k after idle (minutes):</source>
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
    <name>SignaturePanel</name>
    <message>
        <source>Signed</source>
        <translation>Firmada</translation>
    </message>
    <message>
        <source>Signed by %1 on %2</source>
        <translation>Firmada por %1 el %2</translation>
    </message>
    <message>
        <source>Add a&amp;ddendum…</source>
        <translation>Añadir a&amp;denda…</translation>
    </message>
    <message>
        <source>Add addendum</source>
        <translation>Añadir adenda</translation>
    </message>
    <message>
        <source>Write a signed correction beneath this note</source>
        <translation>Escribir una corrección firmada debajo de esta nota</translation>
    </message>
    <message>
        <source>Addenda (%1), oldest first:</source>
        <translation>Adendas (%1), de la más antigua a la más reciente:</translation>
    </message>
    <message>
        <source>Addenda</source>
        <translation>Adendas</translation>
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
        <source>Signatures could not be checked: %1</source>
        <translation>No se pudieron comprobar las firmas: %1</translation>
    </message>
    <message>
        <source>Showing the notes of %1.</source>
        <translation>Se muestran las notas de %1.</translation>
    </message>
    <message>
        <source>%1 has no signed notes.</source>
        <translation>%1 no tiene notas firmadas.</translation>
    </message>
    <message>
        <source>Select a note first.</source>
        <translation>Seleccione primero una nota.</translation>
    </message>
</context>
<context>
    <name>SigningDialog</name>
    <message>
        <source>Add addendum</source>
        <translation>Añadir adenda</translation>
    </message>
    <message>
        <source>The signed note stays as it is. Write the correction; it is signed with your key.</source>
        <translation>La nota firmada no cambia. Escriba la corrección; se firma con su clave.</translation>
    </message>
    <message>
        <source>Sign note</source>
        <translation>Firmar nota</translation>
    </message>
    <message>
        <source>Signing locks the note: later corrections are signed addenda. Re-enter your password.</source>
        <translation>Firmar bloquea la nota: las correcciones posteriores son adendas firmadas. Vuelva a escribir su contraseña.</translation>
    </message>
    <message>
        <source>&amp;Addendum:</source>
        <translation>&amp;Adenda:</translation>
    </message>
    <message>
        <source>Addendum text</source>
        <translation>Texto de la adenda</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>Con&amp;traseña:</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Your sign-in password</source>
        <translation>Su contraseña de inicio de sesión</translation>
    </message>
    <message>
        <source>&amp;Sign</source>
        <translation>&amp;Firmar</translation>
    </message>
    <message>
        <source>Signing problem</source>
        <translation>Problema al firmar</translation>
    </message>
    <message>
        <source>Write the addendum before signing it.</source>
        <translation>Escriba la adenda antes de firmarla.</translation>
    </message>
    <message>
        <source>Enter your password to sign.</source>
        <translation>Escriba su contraseña para firmar.</translation>
    </message>
    <message>
        <source>Signing…</source>
        <translation>Firmando…</translation>
    </message>
</context>
<context>
    <name>SiteTranscriptionPanel</name>
    <message>
        <source>Cloud transcription</source>
        <translation>Transcripción en la nube</translation>
    </message>
    <message>
        <source>S&amp;witch on…</source>
        <translation>Act&amp;ivar…</translation>
    </message>
    <message>
        <source>Switch on cloud transcription</source>
        <translation>Activar la transcripción en la nube</translation>
    </message>
    <message>
        <source>Asks you to acknowledge that dictation audio leaves this machine</source>
        <translation>Le pide que reconozca que el audio del dictado sale de este equipo</translation>
    </message>
    <message>
        <source>Sw&amp;itch off</source>
        <translation>&amp;Desactivar</translation>
    </message>
    <message>
        <source>Switch off cloud transcription</source>
        <translation>Desactivar la transcripción en la nube</translation>
    </message>
    <message>
        <source>All dictation audio stays on this machine again</source>
        <translation>Todo el audio del dictado vuelve a quedarse en este equipo</translation>
    </message>
    <message>
        <source>Engine for this installation</source>
        <translation>Motor de esta instalación</translation>
    </message>
    <message>
        <source>Site &amp;engine:</source>
        <translation>&amp;Motor de la instalación:</translation>
    </message>
    <message>
        <source>Local m&amp;odel:</source>
        <translation>Modelo &amp;local:</translation>
    </message>
    <message>
        <source>Choose fol&amp;der…</source>
        <translation>Elegir &amp;carpeta…</translation>
    </message>
    <message>
        <source>Site local speech model</source>
        <translation>Modelo de voz local de la instalación</translation>
    </message>
    <message>
        <source>base understands Spanish; tiny.en is English only and faster</source>
        <translation>base entiende español; tiny.en solo inglés y es más rápido</translation>
    </message>
    <message>
        <source>OpenAI-compatible service</source>
        <translation>Servicio compatible con OpenAI</translation>
    </message>
    <message>
        <source>&amp;Base URL:</source>
        <translation>URL &amp;base:</translation>
    </message>
    <message>
        <source>OpenAI-compatible base URL</source>
        <translation>URL base del servicio compatible con OpenAI</translation>
    </message>
    <message>
        <source>https is required except for a server on this machine</source>
        <translation>Se exige https salvo para un servidor en este equipo</translation>
    </message>
    <message>
        <source>&amp;Model name:</source>
        <translation>&amp;Nombre del modelo:</translation>
    </message>
    <message>
        <source>OpenAI-compatible model name</source>
        <translation>Nombre del modelo compatible con OpenAI</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>Clave de API:</translation>
    </message>
    <message>
        <source>OpenAI API key</source>
        <translation>Clave de API de OpenAI</translation>
    </message>
    <message>
        <source>Stored in the system keyring only</source>
        <translation>Se guarda solo en el llavero del sistema</translation>
    </message>
    <message>
        <source>Sto&amp;re OpenAI key</source>
        <translation>&amp;Guardar clave de OpenAI</translation>
    </message>
    <message>
        <source>Store the OpenAI API key in the system keyring</source>
        <translation>Guardar la clave de API de OpenAI en el llavero del sistema</translation>
    </message>
    <message>
        <source>Amazon Transcribe Medical</source>
        <translation>Amazon Transcribe Medical</translation>
    </message>
    <message>
        <source>Re&amp;gion:</source>
        <translation>&amp;Región:</translation>
    </message>
    <message>
        <source>AWS region</source>
        <translation>Región de AWS</translation>
    </message>
    <message>
        <source>S3 buc&amp;ket:</source>
        <translation>Buc&amp;ket S3:</translation>
    </message>
    <message>
        <source>S3 bucket</source>
        <translation>Bucket S3</translation>
    </message>
    <message>
        <source>Where audio is uploaded for transcription</source>
        <translation>Dónde se sube el audio para transcribirlo</translation>
    </message>
    <message>
        <source>Medical s&amp;pecialty:</source>
        <translation>&amp;Especialidad médica:</translation>
    </message>
    <message>
        <source>Medical specialty</source>
        <translation>Especialidad médica</translation>
    </message>
    <message>
        <source>Access key ID:</source>
        <translation>ID de clave de acceso:</translation>
    </message>
    <message>
        <source>AWS access key ID</source>
        <translation>ID de clave de acceso de AWS</translation>
    </message>
    <message>
        <source>Secret access key:</source>
        <translation>Clave de acceso secreta:</translation>
    </message>
    <message>
        <source>AWS secret access key</source>
        <translation>Clave de acceso secreta de AWS</translation>
    </message>
    <message>
        <source>Store AWS ke&amp;ys</source>
        <translation>Guardar claves de A&amp;WS</translation>
    </message>
    <message>
        <source>Store the AWS keys in the system keyring</source>
        <translation>Guardar las claves de AWS en el llavero del sistema</translation>
    </message>
    <message>
        <source>Stores the fields you filled in; empty ones keep what is stored</source>
        <translation>Guarda los campos que ha rellenado; los vacíos conservan lo guardado</translation>
    </message>
    <message>
        <source>Medical vocabulary</source>
        <translation>Vocabulario médico</translation>
    </message>
    <message>
        <source>Site voc&amp;abulary (one term per line):</source>
        <translation>Vocabulario de la in&amp;stalación (un término por línea):</translation>
    </message>
    <message>
        <source>Site vocabulary</source>
        <translation>Vocabulario de la instalación</translation>
    </message>
    <message>
        <source>Drug names, conditions and colleagues&apos; names every engine here should expect</source>
        <translation>Nombres de fármacos, enfermedades y colegas que todo motor de esta instalación debe esperar</translation>
    </message>
    <message>
        <source>Correct &amp;near-misses against the medical lexicon</source>
        <translation>Corregir errores cercanos con el lé&amp;xico médico</translation>
    </message>
    <message>
        <source>Correct near-misses against the medical lexicon</source>
        <translation>Corregir errores cercanos con el léxico médico</translation>
    </message>
    <message>
        <source>Only words the engine was unsure of, and only strong matches</source>
        <translation>Solo palabras de las que el motor no estaba seguro, y solo coincidencias claras</translation>
    </message>
    <message>
        <source>&amp;Save transcription settings</source>
        <translation>Guardar a&amp;justes de transcripción</translation>
    </message>
    <message>
        <source>Save transcription settings</source>
        <translation>Guardar ajustes de transcripción</translation>
    </message>
    <message>
        <source>Transcription settings message</source>
        <translation>Mensaje de los ajustes de transcripción</translation>
    </message>
    <message>
        <source>Local (this computer, no network)</source>
        <translation>Local (este equipo, sin red)</translation>
    </message>
    <message>
        <source>Switch on cloud transcription first</source>
        <translation>Active primero la transcripción en la nube</translation>
    </message>
    <message>
        <source>Cloud engines cannot be chosen while cloud transcription is off: dictation audio stays on this machine. Switch it on above to choose one.</source>
        <translation>No se pueden elegir motores en la nube mientras la transcripción en la nube esté desactivada: el audio del dictado se queda en este equipo. Actívela arriba para elegir uno.</translation>
    </message>
    <message>
        <source>Cloud engines send dictation audio to the provider configured below.</source>
        <translation>Los motores en la nube envían el audio del dictado al proveedor configurado abajo.</translation>
    </message>
    <message>
        <source>Site transcription engine</source>
        <translation>Motor de transcripción de la instalación</translation>
    </message>
    <message>
        <source>On: acknowledged by %1 on %2. Dictation audio may leave this machine.</source>
        <translation>Activada: reconocido por %1 el %2. El audio del dictado puede salir de este equipo.</translation>
    </message>
    <message>
        <source>Off: dictation audio stays on this machine.</source>
        <translation>Desactivada: el audio del dictado se queda en este equipo.</translation>
    </message>
    <message>
        <source>Transcription settings saved.</source>
        <translation>Ajustes de transcripción guardados.</translation>
    </message>
    <message>
        <source>Cloud transcription is on. Physicians can now choose a cloud engine.</source>
        <translation>La transcripción en la nube está activada. Los médicos ya pueden elegir un motor en la nube.</translation>
    </message>
    <message>
        <source>Cloud transcription is off: dictation audio stays on this machine.</source>
        <translation>La transcripción en la nube está desactivada: el audio del dictado se queda en este equipo.</translation>
    </message>
    <message>
        <source>Type the key into the field first, then store it.</source>
        <translation>Escriba primero la clave en el campo y luego guárdela.</translation>
    </message>
    <message>
        <source>Stored in the system keyring.</source>
        <translation>Guardado en el llavero del sistema.</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>clave de API</translation>
    </message>
    <message>
        <source>access key ID</source>
        <translation>ID de clave de acceso</translation>
    </message>
    <message>
        <source>secret access key</source>
        <translation>clave de acceso secreta</translation>
    </message>
    <message>
        <source>%1: keyring unavailable</source>
        <translation>%1: llavero no disponible</translation>
    </message>
    <message>
        <source>%1: checking…</source>
        <translation>%1: comprobando…</translation>
    </message>
    <message>
        <source>%1: stored</source>
        <translation>%1: guardada</translation>
    </message>
    <message>
        <source>%1: not stored</source>
        <translation>%1: no guardada</translation>
    </message>
    <message>
        <source>Unexpected problem: %1</source>
        <translation>Problema inesperado: %1</translation>
    </message>
</context>
<context>
    <name>SuggestionListModel</name>
    <message>
        <source>Not decided</source>
        <translation>Sin decidir</translation>
    </message>
    <message>
        <source>✓ Accepted</source>
        <translation>✓ Aceptada</translation>
    </message>
    <message>
        <source>✗ Rejected</source>
        <translation>✗ Rechazada</translation>
    </message>
    <message>
        <source>– Dismissed</source>
        <translation>– Descartada</translation>
    </message>
    <message>
        <source>+ Added</source>
        <translation>+ Añadida</translation>
    </message>
    <message>
        <source>needs review</source>
        <translation>requiere revisión</translation>
    </message>
    <message>
        <source>Excludes1 conflict</source>
        <translation>conflicto Excludes1</translation>
    </message>
    <message>
        <source>documentation: a more specific code needs more detail</source>
        <translation>documentación: un código más específico requiere más detalle</translation>
    </message>
    <message>
        <source>documentation: 7th character defaulted</source>
        <translation>documentación: 7.º carácter por defecto</translation>
    </message>
    <message>
        <source>negated</source>
        <translation>negado</translation>
    </message>
    <message>
        <source>family history</source>
        <translation>antecedente familiar</translation>
    </message>
    <message>
        <source>history of</source>
        <translation>antecedente personal</translation>
    </message>
    <message>
        <source>hypothetical</source>
        <translation>hipotético</translation>
    </message>
    <message>
        <source>uncertain</source>
        <translation>incierto</translation>
    </message>
    <message>
        <source>Evidence: %1</source>
        <translation>Evidencia: %1</translation>
    </message>
    <message>
        <source>No evidence in the text</source>
        <translation>Sin evidencia en el texto</translation>
    </message>
</context>
<context>
    <name>TranscriptionSettingsBox</name>
    <message>
        <source>Transcription</source>
        <translation>Transcripción</translation>
    </message>
    <message>
        <source>Local (this computer, no network)</source>
        <translation>Local (este equipo, sin red)</translation>
    </message>
    <message>
        <source>OpenAI-compatible service</source>
        <translation>Servicio compatible con OpenAI</translation>
    </message>
    <message>
        <source>Amazon Transcribe Medical</source>
        <translation>Amazon Transcribe Medical</translation>
    </message>
    <message>
        <source>Installation default (%1)</source>
        <translation>Predeterminado de la instalación (%1)</translation>
    </message>
    <message>
        <source>Cloud transcription is off for this installation</source>
        <translation>La transcripción en la nube está desactivada en esta instalación</translation>
    </message>
    <message>
        <source>Cloud engines are off for this installation: dictation audio stays on this computer. An administrator can switch them on after acknowledging that audio leaves the machine.</source>
        <translation>Los motores en la nube están desactivados en esta instalación: el audio del dictado no sale de este equipo. Un administrador puede activarlos tras reconocer que el audio sale del equipo.</translation>
    </message>
    <message>
        <source>Cloud engines send dictation audio to the provider your organisation has chosen.</source>
        <translation>Los motores en la nube envían el audio del dictado al proveedor que su organización ha elegido.</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Inglés</translation>
    </message>
    <message>
        <source>Spanish (translated into English for the note)</source>
        <translation>Español (traducido al inglés para la nota)</translation>
    </message>
    <message>
        <source>Detect (Spanish is translated into English)</source>
        <translation>Detectar (el español se traduce al inglés)</translation>
    </message>
    <message>
        <source>Transcription &amp;engine:</source>
        <translation>Mot&amp;or de transcripción:</translation>
    </message>
    <message>
        <source>Transcription engine</source>
        <translation>Motor de transcripción</translation>
    </message>
    <message>
        <source>Local m&amp;odel:</source>
        <translation>Mo&amp;delo local:</translation>
    </message>
    <message>
        <source>Local speech model</source>
        <translation>Modelo de voz local</translation>
    </message>
    <message>
        <source>Dictation lan&amp;guage:</source>
        <translation>Idioma del di&amp;ctado:</translation>
    </message>
    <message>
        <source>Dictation language</source>
        <translation>Idioma del dictado</translation>
    </message>
    <message>
        <source>Personal &amp;vocabulary (one term per line):</source>
        <translation>Vocabulario perso&amp;nal (un término por línea):</translation>
    </message>
    <message>
        <source>Personal vocabulary</source>
        <translation>Vocabulario personal</translation>
    </message>
    <message>
        <source>base understands Spanish; tiny.en is English only and faster</source>
        <translation>base entiende español; tiny.en solo inglés y es más rápido</translation>
    </message>
    <message>
        <source>Spanish dictation is translated into English</source>
        <translation>El dictado en español se traduce al inglés</translation>
    </message>
    <message>
        <source>Drug names, conditions and colleagues&apos; names the engine should expect</source>
        <translation>Nombres de fármacos, enfermedades y colegas que el motor debe esperar</translation>
    </message>
    <message>
        <source>Transcription settings problem</source>
        <translation>Problema en los ajustes de transcripción</translation>
    </message>
    <message>
        <source>Local translation quality is poor: the base model transcribes and translates Spanish badly. A cloud engine or a larger model folder is advised for Spanish dictation.</source>
        <translation>La calidad de la traducción local es baja: el modelo base transcribe y traduce mal el español. Para dictar en español se recomienda un motor en la nube o una carpeta con un modelo más grande.</translation>
    </message>
    <message>
        <source>The tiny.en model understands English only; choose base or a cloud engine for Spanish.</source>
        <translation>El modelo tiny.en solo entiende inglés; elija base o un motor en la nube para el español.</translation>
    </message>
    <message>
        <source>Transcription quality notice</source>
        <translation>Aviso sobre la calidad de la transcripción</translation>
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
    <name>VadSettingsBox</name>
    <message>
        <source>Dictation (voice activity detection)</source>
        <translation>Dictado (detección de actividad de voz)</translation>
    </message>
    <message>
        <source>&amp;Aggressiveness (0–3):</source>
        <translation>&amp;Agresividad (0–3):</translation>
    </message>
    <message>
        <source>Aggressiveness</source>
        <translation>Agresividad</translation>
    </message>
    <message>
        <source>0 keeps most audio, 3 drops most non-speech</source>
        <translation>0 conserva casi todo el audio, 3 descarta casi todo lo que no es voz</translation>
    </message>
    <message>
        <source>&amp;Frame length:</source>
        <translation>&amp;Longitud de trama:</translation>
    </message>
    <message>
        <source>Frame length</source>
        <translation>Longitud de trama</translation>
    </message>
    <message>
        <source>Milliseconds of audio judged at a time</source>
        <translation>Milisegundos de audio evaluados cada vez</translation>
    </message>
    <message>
        <source>Speech &amp;start (ms):</source>
        <translation>Inicio de &amp;voz (ms):</translation>
    </message>
    <message>
        <source>Speech start, in milliseconds</source>
        <translation>Inicio de voz, en milisegundos</translation>
    </message>
    <message>
        <source>Voiced audio needed to start a segment</source>
        <translation>Audio con voz necesario para iniciar un segmento</translation>
    </message>
    <message>
        <source>Speech e&amp;nd (ms):</source>
        <translation>&amp;Fin de voz (ms):</translation>
    </message>
    <message>
        <source>Speech end, in milliseconds</source>
        <translation>Fin de voz, en milisegundos</translation>
    </message>
    <message>
        <source>Silence needed to end a segment</source>
        <translation>Silencio necesario para terminar un segmento</translation>
    </message>
    <message>
        <source>Pa&amp;dding (ms):</source>
        <translation>&amp;Relleno (ms):</translation>
    </message>
    <message>
        <source>Padding, in milliseconds</source>
        <translation>Relleno, en milisegundos</translation>
    </message>
    <message>
        <source>Audio kept before and after speech</source>
        <translation>Audio conservado antes y después de la voz</translation>
    </message>
    <message>
        <source>&amp;Minimum segment (ms):</source>
        <translation>Segmento &amp;mínimo (ms):</translation>
    </message>
    <message>
        <source>Minimum segment, in milliseconds</source>
        <translation>Segmento mínimo, en milisegundos</translation>
    </message>
    <message>
        <source>Shorter sounds are dropped</source>
        <translation>Los sonidos más cortos se descartan</translation>
    </message>
    <message>
        <source>Auto-sto&amp;p after silence (s):</source>
        <translation>Parada a&amp;utomática tras silencio (s):</translation>
    </message>
    <message>
        <source>Auto-stop after silence, in seconds</source>
        <translation>Parada automática tras silencio, en segundos</translation>
    </message>
    <message>
        <source>0 never stops by itself</source>
        <translation>0 nunca se detiene sola</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Desactivada</translation>
    </message>
    <message>
        <source>&amp;Restore dictation defaults</source>
        <translation>Restaurar &amp;predeterminados del dictado</translation>
    </message>
    <message>
        <source>Restore dictation defaults</source>
        <translation>Restaurar predeterminados del dictado</translation>
    </message>
    <message>
        <source>Dictation settings problem</source>
        <translation>Problema en los ajustes de dictado</translation>
    </message>
    <message>
        <source>Speech start and end must be at least one frame (%1 ms).</source>
        <translation>El inicio y el fin de voz deben durar al menos una trama (%1 ms).</translation>
    </message>
    <message>
        <source>Padding cannot be longer than the speech end; lower the padding.</source>
        <translation>El relleno no puede ser mayor que el fin de voz; reduzca el relleno.</translation>
    </message>
    <message>
        <source>Auto-stop must wait longer than the speech end, or be 0 (off).</source>
        <translation>La parada automática debe esperar más que el fin de voz, o ser 0 (desactivada).</translation>
    </message>
</context>
<context>
    <name>VerificationBadge</name>
    <message>
        <source>Checking signature…</source>
        <translation>Comprobando la firma…</translation>
    </message>
    <message>
        <source>no signature found</source>
        <translation>no se encontró ninguna firma</translation>
    </message>
    <message>
        <source>✗ Not verified: %1</source>
        <translation>✗ No verificada: %1</translation>
    </message>
    <message>
        <source>✓ Verified</source>
        <translation>✓ Verificada</translation>
    </message>
    <message>
        <source>✗ Could not verify: %1</source>
        <translation>✗ No se pudo verificar: %1</translation>
    </message>
</context>
<context>
    <name>VerifiedNoteTableModel</name>
    <message>
        <source>Checking…</source>
        <translation>Comprobando…</translation>
    </message>
    <message>
        <source>✓ Verified</source>
        <translation>✓ Verificada</translation>
    </message>
    <message>
        <source>✗ Not verified</source>
        <translation>✗ No verificada</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Firma</translation>
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

Check WORKBENCH_DATABASE_URL, or run &apos;workbench init&apos; to create a database (&apos;workbench db upgrade&apos; to update an old one).</source>
        <translation>No se puede abrir la base de datos en %1: %2

Revise WORKBENCH_DATABASE_URL o ejecute «workbench init» para crear una base de datos («workbench db upgrade» para actualizar una antigua).</translation>
    </message>
    <message>
        <source>Encrypted database</source>
        <translation>Base de datos cifrada</translation>
    </message>
    <message>
        <source>The database is encrypted under the administrator passphrase. Enter it to open the workbench.</source>
        <translation>La base de datos está cifrada con la frase de contraseña del administrador. Introdúzcala para abrir el programa.</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>Coder Workbench cannot start</source>
        <translation>Coder Workbench no puede iniciarse</translation>
    </message>
    <message>
        <source>A note window could not close (its text could not be saved, or dictation is still being transcribed), so you were not signed out. Unlock to deal with it.</source>
        <translation>Una ventana de nota no pudo cerrarse (no se pudo guardar su texto o aún se está transcribiendo un dictado), así que no se cerró la sesión. Desbloquee para resolverlo.</translation>
    </message>
</context>
<context>
    <name>WorklistModel</name>
    <message>
        <source>Signed</source>
        <translation>Firmada</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Paciente</translation>
    </message>
    <message>
        <source>MRN</source>
        <translation>HC</translation>
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
        <source>Suggestions</source>
        <translation>Sugerencias</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Revisión</translation>
    </message>
    <message>
        <source>not computed yet</source>
        <translation>aún sin calcular</translation>
    </message>
    <message>
        <source>%1 of %2 decided</source>
        <translation>%1 de %2 decididas</translation>
    </message>
    <message>
        <source>⚑ Needs review</source>
        <translation>⚑ Requiere revisión</translation>
    </message>
    <message>
        <source>No flag</source>
        <translation>Sin aviso</translation>
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
    <message>
        <source>%1 (MRN %2)</source>
        <translation>%1 (N.º de historia %2)</translation>
    </message>
</context>
</TS>
