package dev.taskmesh.server.notification.delivery;

import dev.taskmesh.api.notification.NotificationView;

/** What an email says about a notification: one line as subject, a few as body. */
final class NotificationText {

    private NotificationText() {}

    static String subject(NotificationView n) {
        String actor = n.actor() == null ? "Someone" : n.actor().name();
        String task = n.task() == null ? "" : "“" + n.task().name() + "”";
        return "[TaskMesh] "
                + switch (n.kind()) {
                    case ASSIGNED -> actor + " assigned you " + task;
                    case MENTIONED -> actor + " mentioned you on " + task;
                    case COMMENTED -> actor + " commented on " + task;
                    case STATUS_CHANGED -> actor + " moved " + task + " (" + n.excerpt() + ")";
                    case DUE_DATE_CHANGED -> actor + " changed the due date of " + task;
                    case DUE_SOON -> task + " is due soon";
                    case MEMBER_ADDED -> actor + " added you to " + n.workspaceName();
                    case MEMBER_REMOVED -> "You were removed from " + n.workspaceName();
                    case ATTACHMENT_REJECTED -> "A file you attached to " + task + " was rejected";
                };
    }

    static String body(NotificationView n) {
        StringBuilder body = new StringBuilder(subject(n).substring("[TaskMesh] ".length())).append("\n\n");
        if (n.excerpt() != null) {
            body.append(n.excerpt()).append("\n\n");
        }
        if (n.project() != null) {
            body.append("Project: ").append(n.project().name()).append('\n');
        }
        body.append("Workspace: ").append(n.workspaceName()).append('\n');
        body.append("\nYou get this email because of your notification preferences in TaskMesh.\n");
        return body.toString();
    }
}
