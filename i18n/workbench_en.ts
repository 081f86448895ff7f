<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Accessibility</name>
    <message>
        <source>%1, vertical scroll bar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, horizontal scroll bar</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AddendumView</name>
    <message>
        <source>Addendum %1 — signed by %2 on %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Addendum %1 text</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AdminWorkspace</name>
    <message>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No users yet. Add one with “workbench users add NAME --role ROLE”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User a&amp;ccounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Transcription</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator sections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcription settings</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditEventTableModel</name>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditNoteDetail</name>
    <message>
        <source>suggested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>added by the coder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The coding sign-off could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the coding sign-off…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coding finalised by %1 on %2. Final codes: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coding in progress by %1, not finalised. Decisions so far: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not coded yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a signed note and press Enter to see its text, signatures and coding here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note %1 by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Note text:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signed note, read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coding sign-off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Final co&amp;des:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Final codes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 final codes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note details</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditSampleView</name>
    <message>
        <source>Drawing the sample…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample drawn: %1 notes from %2 coders. Press Enter on one to review it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sample could not be drawn: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw a sample and select a note first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes per &amp;coder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes per coder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many finalised notes to draw per coder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Draw sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw a new random sample; the draw is audited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit &amp;sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sample yet, or no finalised coding to sample. Choose a size and press Draw sample.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sho&amp;w note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the selected note&apos;s details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A random sample of finalised notes for each coder, to re-check.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditStatsView</name>
    <message>
        <source>The first day comes after the last day; swap them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing statistics…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Statistics could not be computed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press Compute to see the statistics.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>encounters from %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all encounters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 coded notes by %2 coders (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limit to encounter &amp;dates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limit to encounter dates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fr&amp;om:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First encounter day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Until:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last encounter day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Compute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compute the statistics for the chosen days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coding &amp;statistics per coder and overall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coding statistics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No coded notes in this range. Coders&apos; decisions appear here once notes are coded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted: accepted suggestions of those decided. Precision: suggested codes that became final codes. Recall: final codes that were suggested. Time: the coder&apos;s time per note.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditTrailDialog</name>
    <message>
        <source>%1 events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ The audit chain could not be checked: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the audit chain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ Audit chain intact: %1 events verified.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ Audit chain broken (%1 problems). First: event %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit trail — encounter %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Events, oldest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing has been recorded for this encounter.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditorWorkspace</name>
    <message>
        <source>Select a note first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auditor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit &amp;trail…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything recorded about the selected note&apos;s encounter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export codes as &amp;CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export codes as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every finalised note&apos;s final codes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export FH&amp;IR bundle…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export FHIR bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The selected encounter as an HL7 FHIR R4 bundle (JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (Ctrl+%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auditor views</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+1, Ctrl+2 and Ctrl+3 switch views</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Signed notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No signed notes yet. Signed and amended notes appear here for review once physicians sign them; press F5 to refresh.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press Enter to show the selected note&apos;s details</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CloudConsentDialog</name>
    <message>
        <source>Switch on cloud transcription</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cloud transcription sends dictation audio — protected health information (PHI) — to the provider configured here, outside this machine and this clinic. Switch it on only if your organisation has an agreement with that provider that covers PHI (for example a business associate agreement). Physicians can then choose a cloud engine, and it is recorded in the audit trail that you acknowledged this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I &amp;acknowledge that dictation audio (PHI) will leave this machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge that dictation audio (PHI) will leave this machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your &amp;password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirms that it is you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Switch on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cloud transcription stays off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem switching on cloud transcription</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CodeSearchDialog</name>
    <message>
        <source>Searching…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 codes found; the first is %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No code matches; try other words or a code such as E11.9.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The search failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a code from the list first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search ICD-10-CM (a code or words):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a code such as E11.9 or words such as diab type 2 kidney; Down picks a result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence: “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No text selected in the note: the code is added without evidence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Matching codes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matching codes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add code</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CoderStatsTableModel</name>
    <message>
        <source>not documented</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>negated / ruled out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wrong specificity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unspecified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All coders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Precision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean time per note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Median time per note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most rejected codes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject reasons</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CoderWorkspace</name>
    <message>
        <source>Coder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All &amp;signed notes (read-only):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The worklist is empty: no signed notes are waiting. Notes appear here as soon as a physician signs them; press F5 to refresh.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CodingReviewScreen</name>
    <message>
        <source>Loading the note…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing suggestions… The note can be read meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 suggestions ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to suggest for this note; add codes with Insert.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suggestions could not be computed: %1. Codes can still be added with Insert.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The note could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No evidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last suggestion.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First suggestion.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No suggestion selected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>confidence %1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current suggestion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not documented</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Negated / ruled out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong specificity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a suggestion first (J and K move through the list).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The coding of this note is finalised and read-only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait until the suggestions are computed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only coders decide on codes; this view is read-only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2. %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 added. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Codes for the selected text: %1 found; Enter on one adds it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No undecided suggestion is listed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 suggestions dismissed. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decide every suggestion before finalising (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finalise coding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finalising signs these codes with your key; they cannot be changed afterwards. Re-enter your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coding finalised and signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coding finalised; read-only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 suggestions decided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; ready to finalise.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coding — %1 (MRN %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, MRN %2 — %3 with %4 on %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Note (evidence highlighted):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only. Evidence of each suggestion is highlighted: dotted underline not decided, solid accepted, wavy rejected, dashed dismissed. Select text to see codes for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Suggestions (J next, K previous, A accept, R reject):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>J next, K previous, A accept, R reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F&amp;ilter:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter suggestions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows the suggestions containing these words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss lis&amp;ted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss every undecided suggestion the filter lists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;uled out / negated (listed apart, not coded):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ruled out or negated mentions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added c&amp;odes (Delete removes one):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added codes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete removes the selected added code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Codes for the se&amp;lected text (Enter adds one):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Codes for the selected text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Accept (A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept the current suggestion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reject… (R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject the current suggestion, with a reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;code… (Insert)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search ICD-10-CM and add a code; selected text is its evidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss &amp;below:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confidence threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undecided suggestions below it are dismissed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dis&amp;miss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss below threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss every undecided suggestion below the confidence threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Finalise coding…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign the codes once every suggestion is decided</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CodingWorklist</name>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The worklist could not be loaded: %1. Press F5 to try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 notes match; %2 waiting in all; %3 need review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a note first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes &amp;to code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes to code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter opens the note&apos;s coding review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes to code columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;linician:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clinician filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All clinicians</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Encounters:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encounter date filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 365 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs review onl&amp;y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only notes that need review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start &amp;coding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start coding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the selected note&apos;s coding review</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DictationPanel</name>
    <message>
        <source>%1 dB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quiet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>○ Not recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Speech</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◌ Silence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto-stop in %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped (%1). Saved %2 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dictation paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dictation stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording. Speak when ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused. Resume continues the same recording.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause dictation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume dictation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop dictation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortcut: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loudness of the microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speech or silence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto-stop countdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dictation status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EncounterTableModel</name>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MRN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportActions</name>
    <message>
        <source>Export final codes as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting final codes to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1 final codes to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a note first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export encounter as FHIR R4 bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FHIR JSON files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting encounter %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported encounter %1 as a FHIR bundle of %2 resources to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2. Nothing was written; choose another folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export to %1 failed: %2. Nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LiveTranscript</name>
    <message>
        <source>Loading the speech engine…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speech engine ready. Dictated text appears in the note, marked until you edit it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcription is not available: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recording keeps all the audio; nothing was lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tiny.en model understands English only; choose base or a cloud engine for Spanish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local translation quality is poor: the base model transcribes and translates Spanish badly. Check the English against the Spanish original, and ask for a cloud engine or a larger model for Spanish dictation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cloud transcription was switched off for this installation; this passage was not sent. Its audio is kept in the recording. Choose the local engine in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A dictated passage was not transcribed: %1 Its audio is kept in the recording.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The note can no longer be changed; the dictated text was not added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sentences added from dictation: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Machine-transcribed sentences not yet reviewed: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Playing %1 s of dictation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcribe audio file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audio (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcribing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcribing %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcription progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel transcription</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcribing %1: %2 of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No speech was found in %1; nothing was added to the note.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The note can no longer be changed; the transcript was not added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 transcribed: %2 sentences added, marked until you review them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not an audio file that can be transcribed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file was not transcribed: %1 The note is unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcription cancelled; the note is unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dictated speech is transcribed into the note as you speak.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcription status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spanish original</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the Spanish transcript beside the English text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was said, before translation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcribe audio &amp;file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an audio file to transcribe into the note (Ctrl+Shift+O); you can also drop one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 dictated passage(s) are still being transcribed into this note. Closing now leaves them out of the note (their audio stays in the recording).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LocalModelChooser</name>
    <message>
        <source>C&amp;hoose model folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose model folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A folder holding a CTranslate2 Whisper model (model.bin, config.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>base (multilingual)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tiny.en (English only, fastest)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <source>Coder Workbench is locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The workbench locked itself after being idle. %1, enter your password to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the notes (they are saved) and return to the sign-in window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Opening the database…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coder Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo installation — synthetic data only. Demo accounts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your username and password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MachineText</name>
    <message>
        <source>&amp;Play the audio of this sentence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play the dictated audio this sentence was transcribed from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Machine transcribed, not yet reviewed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The engine was unsure of this sentence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click or press Ctrl+Enter to hear the audio.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spanish original: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Coder Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search &amp;patients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refreshed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Coder Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coder Workbench %1
Clinical documentation and ICD-10-CM coding.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NoteDictation</name>
    <message>
        <source>A dictation of %1 for this encounter was cut off. Continue it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A paused dictation of %1 for this encounter is waiting. Continue it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unfinished dictations could not be checked: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Continue dictation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue dictation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take up the unfinished recording; Resume then continues it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not no&amp;w</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave the unfinished recording paused</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NoteEditor</name>
    <message>
        <source>Note — %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (MRN %2) · %3 · %4 · %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved automatically a few seconds after typing stops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version &amp;history…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;load from database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Si&amp;gn note…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;addendum…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit &amp;trail…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign and lock this note with your password (Ctrl+Shift+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This note is signed and read-only. Corrections are made as addenda.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only: only the note&apos;s author can change a draft.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Words: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The note could not be saved: the database did not answer ({0}). Your text is kept; try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved at %1 (version %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: %1 Your text is still here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed at %1. The note is now read-only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Addendum signed at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The note could not be saved. Close anyway and lose the unsaved text?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still working on this note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait for it, or close now?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Wait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close now</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NoteStatus</name>
    <message>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No note</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PatientSearchBox</name>
    <message>
        <source>The search index could not be built: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 or more patients; keep typing to narrow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 patients found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No patient matches. Check the spelling, or try initials or part of the MRN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not understood at character %1: %2; expected %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MRN %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search patients (Ctrl+K)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search patients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name, initials, MRN or date of birth; or fields like family:smith dob:1950..1960. Down and Up move through the results, Enter opens one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search results</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PatientTableModel</name>
    <message>
        <source>MRN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sex</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PhysicianWorkspace</name>
    <message>
        <source>Physician</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Today&apos;s encounters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today&apos;s encounters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No encounters today. Select a patient on the right and press “Start encounter” (or Enter) to begin one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patient &amp;list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No patients match. Check the spelling or the MRN, or import patients with “workbench patients import FILE.csv”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the selected encounter&apos;s note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find &amp;patient:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MRN or name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type an MRN or the start of a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encounter type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start &amp;encounter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start encounter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start an encounter for the selected patient and open its note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 selected. Press Enter to start an encounter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an encounter first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dictation saved (%1 s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a patient first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encounter started for %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coder Workbench</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordList</name>
    <message>
        <source>%1 columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RejectDialog</name>
    <message>
        <source>For “Other”, write the reason in a few words.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why is %1 rejected?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Not documented</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Negated / r&amp;uled out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Wrong specificity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O&amp;ther</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Comment (needed for “Other”):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free text about the rejection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejection problem</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <source>Physician</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auditor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SampleTableModel</name>
    <message>
        <source>Coder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encounter</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loc&amp;k after idle (minutes):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applies immediately</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock after idle, in minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0 never locks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignaturePanel</name>
    <message>
        <source>Signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed by %1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a&amp;ddendum…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add addendum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a signed correction beneath this note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Addenda (%1), oldest first:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Addenda</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignedNoteTableModel</name>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MRN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clinician</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignedNotesWorkspace</name>
    <message>
        <source>&amp;Open note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the selected note, read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signatures could not be checked: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing the notes of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no signed notes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a note first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SigningDialog</name>
    <message>
        <source>Add addendum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signed note stays as it is. Write the correction; it is signed with your key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing locks the note: later corrections are signed addenda. Re-enter your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Addendum:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Addendum text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your sign-in password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the addendum before signing it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your password to sign.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SiteTranscriptionPanel</name>
    <message>
        <source>Cloud transcription</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;witch on…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch on cloud transcription</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asks you to acknowledge that dictation audio leaves this machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sw&amp;itch off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch off cloud transcription</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All dictation audio stays on this machine again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine for this installation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site &amp;engine:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local m&amp;odel:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose fol&amp;der…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site local speech model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>base understands Spanish; tiny.en is English only and faster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenAI-compatible service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Base URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenAI-compatible base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https is required except for a server on this machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Model name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenAI-compatible model name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenAI API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored in the system keyring only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sto&amp;re OpenAI key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store the OpenAI API key in the system keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amazon Transcribe Medical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;gion:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AWS region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S3 buc&amp;ket:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S3 bucket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where audio is uploaded for transcription</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medical s&amp;pecialty:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medical specialty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access key ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AWS access key ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret access key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AWS secret access key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store AWS ke&amp;ys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store the AWS keys in the system keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stores the fields you filled in; empty ones keep what is stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medical vocabulary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site voc&amp;abulary (one term per line):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site vocabulary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drug names, conditions and colleagues&apos; names every engine here should expect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct &amp;near-misses against the medical lexicon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct near-misses against the medical lexicon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only words the engine was unsure of, and only strong matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save transcription settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save transcription settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcription settings message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local (this computer, no network)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch on cloud transcription first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cloud engines cannot be chosen while cloud transcription is off: dictation audio stays on this machine. Switch it on above to choose one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cloud engines send dictation audio to the provider configured below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site transcription engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On: acknowledged by %1 on %2. Dictation audio may leave this machine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off: dictation audio stays on this machine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcription settings saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cloud transcription is on. Physicians can now choose a cloud engine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cloud transcription is off: dictation audio stays on this machine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the key into the field first, then store it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored in the system keyring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>access key ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>secret access key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: keyring unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: not stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected problem: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SuggestionListModel</name>
    <message>
        <source>Not decided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ Accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>– Dismissed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+ Added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>needs review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excludes1 conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>documentation: a more specific code needs more detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>documentation: 7th character defaulted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>negated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>family history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>history of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hypothetical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>uncertain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No evidence in the text</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TranscriptionSettingsBox</name>
    <message>
        <source>Transcription</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local (this computer, no network)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenAI-compatible service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amazon Transcribe Medical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Installation default (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cloud transcription is off for this installation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cloud engines are off for this installation: dictation audio stays on this computer. An administrator can switch them on after acknowledging that audio leaves the machine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cloud engines send dictation audio to the provider your organisation has chosen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spanish (translated into English for the note)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detect (Spanish is translated into English)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcription &amp;engine:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcription engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local m&amp;odel:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local speech model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dictation lan&amp;guage:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dictation language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personal &amp;vocabulary (one term per line):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personal vocabulary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>base understands Spanish; tiny.en is English only and faster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spanish dictation is translated into English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drug names, conditions and colleagues&apos; names the engine should expect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcription settings problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local translation quality is poor: the base model transcribes and translates Spanish badly. A cloud engine or a larger model folder is advised for Spanish dictation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tiny.en model understands English only; choose base or a cloud engine for Spanish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcription quality notice</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UserTableModel</name>
    <message>
        <source>Username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VadSettingsBox</name>
    <message>
        <source>Dictation (voice activity detection)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Aggressiveness (0–3):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aggressiveness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0 keeps most audio, 3 drops most non-speech</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Frame length:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frame length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Milliseconds of audio judged at a time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speech &amp;start (ms):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speech start, in milliseconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voiced audio needed to start a segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speech e&amp;nd (ms):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speech end, in milliseconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Silence needed to end a segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pa&amp;dding (ms):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Padding, in milliseconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audio kept before and after speech</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Minimum segment (ms):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum segment, in milliseconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shorter sounds are dropped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto-sto&amp;p after silence (s):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto-stop after silence, in seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0 never stops by itself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore dictation defaults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore dictation defaults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dictation settings problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speech start and end must be at least one frame (%1 ms).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Padding cannot be longer than the speech end; lower the padding.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto-stop must wait longer than the speech end, or be 0 (off).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VerificationBadge</name>
    <message>
        <source>Checking signature…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no signature found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ Not verified: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ Verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ Could not verify: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VerifiedNoteTableModel</name>
    <message>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ Verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ Not verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VersionHistoryDialog</name>
    <message>
        <source>saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>autosaved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>saved on close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dictation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Versions:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Changes from the previous version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved versions of the note, oldest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lines starting with - were removed, + were added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1 — %2 — %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No changes.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Workbench</name>
    <message>
        <source>Cannot open the database at %1: %2

Check WORKBENCH_DATABASE_URL, or run &apos;workbench init&apos; to create a database (&apos;workbench db upgrade&apos; to update an old one).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypted database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database is encrypted under the administrator passphrase. Enter it to open the workbench.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coder Workbench cannot start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A note window could not close (its text could not be saved, or dictation is still being transcribed), so you were not signed out. Unlock to deal with it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WorklistModel</name>
    <message>
        <source>Signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MRN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clinician</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not computed yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 decided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚑ Needs review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No flag</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <source>Could not load this list: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load this list because of a database problem (%1). Press F5 to try again; if it persists, ask your administrator to run “workbench db current”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (MRN %2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
