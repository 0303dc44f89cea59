/**
 * Task attachments (docs/security.md#attachments): the upload, list and removal routes ({@link AttachmentController}),
 * the checks a file passes before anyone may download it ({@link AttachmentScanning}: its type as sniffed from its
 * bytes, {@link ContentPolicy}, then a malware scan, {@link AttachmentScanner}: ClamAV's clamd when configured, a
 * built-in EICAR check otherwise), where files live ({@link AttachmentStorage}: a shared directory or an
 * S3-compatible bucket), and the expiring signed download links ({@link DownloadLinks}, {@link DownloadController}).
 */
package dev.taskmesh.server.attachment;
