/**
 * Task attachments (docs/security.md#attachments). So far the parts: the checks a file passes before anyone may
 * download it (its type as sniffed from its bytes against the type declared and the types refused,
 * {@link ContentPolicy}; a malware scan, {@link AttachmentScanner}: a built-in EICAR check, or ClamAV's clamd when
 * configured), where files live ({@link AttachmentStorage}, on the local file system by default), and expiring
 * download links ({@link DownloadLinks}). The upload, the events and the download routes compose them.
 */
package dev.taskmesh.server.attachment;
