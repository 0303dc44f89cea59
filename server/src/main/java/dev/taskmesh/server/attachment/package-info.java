/**
 * Task attachments (docs/security.md#attachments). So far the checks a file passes before anyone may download it: its
 * type as sniffed from its bytes against the type declared and the types refused ({@link ContentPolicy}), and a
 * malware scan ({@link AttachmentScanner}: a built-in EICAR check, or ClamAV's clamd when configured). Upload,
 * storage and signed downloads build on these.
 */
package dev.taskmesh.server.attachment;
