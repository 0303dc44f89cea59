package dev.taskmesh.server.notification;

import dev.taskmesh.api.notification.ChangeNotificationPreferencesCommand;
import dev.taskmesh.api.notification.ChannelChoice;
import dev.taskmesh.api.notification.CountUnreadQuery;
import dev.taskmesh.api.notification.FindNotificationQuery;
import dev.taskmesh.api.notification.FindNotificationsQuery;
import dev.taskmesh.api.notification.FindPreferencesQuery;
import dev.taskmesh.api.notification.InboxId;
import dev.taskmesh.api.notification.MarkAllNotificationsReadCommand;
import dev.taskmesh.api.notification.MarkNotificationReadCommand;
import dev.taskmesh.api.notification.NotificationKind;
import dev.taskmesh.api.notification.NotificationPage;
import dev.taskmesh.api.notification.NotificationPreferences;
import dev.taskmesh.api.notification.NotificationView;
import dev.taskmesh.api.notification.PreferencesBody;
import dev.taskmesh.api.notification.UnreadCount;
import dev.taskmesh.api.wire.CommandAccepted;
import dev.taskmesh.api.wire.Page;
import dev.taskmesh.api.workspace.MembershipDirectory;
import dev.taskmesh.command.config.CommandSender;
import dev.taskmesh.server.auth.CurrentUser;
import dev.taskmesh.server.replica.ReplicaReads;
import dev.taskmesh.server.web.PageRequest;
import dev.taskmesh.server.web.ProblemException;
import dev.taskmesh.server.web.ReadConsistency;
import dev.taskmesh.server.web.Validation;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's inbox. Reads wait for the {@code notifications} processor with {@code ?minPosition=}; read marks and
 * preferences are commands on the caller's Inbox aggregate.
 */
@RestController
class NotificationController {

    private static final String READ_MODEL = "notifications";

    private final QueryGateway queries;
    private final CommandSender commands;
    private final MembershipDirectory memberships;
    private final ReadConsistency consistency;
    private final ReplicaReads reads;

    NotificationController(
            QueryGateway queries,
            CommandSender commands,
            MembershipDirectory memberships,
            ReadConsistency consistency,
            ReplicaReads reads) {
        this.queries = queries;
        this.commands = commands;
        this.memberships = memberships;
        this.consistency = consistency;
        this.reads = reads;
    }

    @GetMapping("/api/me/notifications")
    Page<NotificationView> list(
            CurrentUser user,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Boolean unread,
            @RequestParam(required = false) Long minPosition) {
        PageRequest page = PageRequest.of(cursor, limit);
        FindNotificationsQuery query = new FindNotificationsQuery(
                user.id(),
                memberships.workspacesOf(user.id()),
                Boolean.TRUE.equals(unread),
                page.after(),
                page.limit());
        NotificationPage found = reads.read(
                minPosition, () -> queries.query(query, NotificationPage.class).join(), READ_MODEL);
        return new Page<>(found.items(), PageRequest.cursor(found.nextBefore()));
    }

    @GetMapping("/api/me/notifications/unread-count")
    UnreadCount unreadCount(CurrentUser user, @RequestParam(required = false) Long minPosition) {
        consistency.await(READ_MODEL, minPosition);
        return new UnreadCount(
                queries.query(new CountUnreadQuery(user.id(), memberships.workspacesOf(user.id())), Long.class)
                        .join());
    }

    @PostMapping("/api/me/notifications/{id}/read")
    CommandAccepted markRead(CurrentUser user, @PathVariable String id) {
        UUID notificationId = parse(id);
        boolean inView = queries.query(
                        new FindNotificationQuery(user.id(), memberships.workspacesOf(user.id()), notificationId),
                        Boolean.class)
                .join();
        if (!inView) {
            throw ProblemException.notFound("No such notification.");
        }
        InboxId inbox = InboxId.of(user.id());
        return commands.send(new MarkNotificationReadCommand(inbox, notificationId), inbox);
    }

    @PostMapping("/api/me/notifications/read-all")
    CommandAccepted markAllRead(CurrentUser user) {
        InboxId inbox = InboxId.of(user.id());
        return commands.send(new MarkAllNotificationsReadCommand(inbox), inbox);
    }

    @GetMapping("/api/me/notification-preferences")
    PreferencesBody preferences(CurrentUser user, @RequestParam(required = false) Long minPosition) {
        consistency.await(READ_MODEL, minPosition);
        return PreferencesBody.of(queries.query(new FindPreferencesQuery(user.id()), NotificationPreferences.class)
                .join());
    }

    @PutMapping("/api/me/notification-preferences")
    CommandAccepted changePreferences(CurrentUser user, @RequestBody PreferencesBody body) {
        InboxId inbox = InboxId.of(user.id());
        return commands.send(new ChangeNotificationPreferencesCommand(inbox, preferences(body)), inbox);
    }

    private static NotificationPreferences preferences(PreferencesBody body) {
        Validation validation = Validation.of()
                .check(body.timeZone() != null, "/timeZone", "is required")
                .parsesIfPresent(
                        "/timeZone",
                        body.timeZone(),
                        NotificationController::zone,
                        "must be an IANA time zone such as Europe/Paris");
        Map<String, PreferencesBody.Channels> kinds = body.kinds() == null ? Map.of() : body.kinds();
        List<ChannelChoice> choices = new ArrayList<>();
        kinds.forEach((name, channels) -> {
            String pointer = "/kinds/" + name;
            validation.parses(pointer, name, NotificationKind::fromWireName, "is not a notification kind");
            validation.check(
                    channels != null && channels.email() != null && channels.webhook() != null,
                    pointer,
                    "must give email and webhook as true or false");
        });
        validation.orThrow();
        kinds.forEach((name, channels) -> choices.add(
                new ChannelChoice(NotificationKind.fromWireName(name), channels.email(), channels.webhook())));
        return new NotificationPreferences(body.timeZone(), choices);
    }

    private static ZoneId zone(String name) {
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No such notification.");
        }
    }
}
