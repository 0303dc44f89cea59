package dev.taskmesh.realtime.push;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.notification.InboxPush;
import dev.taskmesh.api.notification.NotificationView;
import dev.taskmesh.realtime.bus.FrameBus;
import dev.taskmesh.realtime.stream.NewFrame;
import dev.taskmesh.realtime.stream.StoredFrame;
import dev.taskmesh.realtime.stream.StreamLog;
import dev.taskmesh.realtime.stream.StreamName;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pushes inbox changes on the owner's {@code user:<id>} stream, through the same replay log and bus as event frames,
 * so a client that reconnects with its last position gets the notifications it missed. The frames of a transaction
 * are stored just before it commits (holding the log's head lock as briefly as the relay does) and published after:
 * a rolled-back batch pushes nothing.
 */
public class UserStreamPush implements InboxPush {

    private final StreamLog log;
    private final FrameBus bus;
    private final JsonMapper json;
    private final Clock clock;

    public UserStreamPush(StreamLog log, FrameBus bus, JsonMapper json, Clock clock) {
        this.log = log;
        this.bus = bus;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void created(UserId owner, NotificationView notification, long unreadCount) {
        ObjectNode body = json.createObjectNode();
        body.put("unreadCount", unreadCount);
        body.set("data", json.valueToTree(notification));
        add(owner, "notification", notification.id().toString(), body);
    }

    @Override
    public void unreadCount(UserId owner, long unreadCount) {
        ObjectNode body = json.createObjectNode();
        body.put("unreadCount", unreadCount);
        add(owner, "unread-count", UUID.randomUUID().toString(), body);
    }

    @Override
    public void erased(UserId person, String name) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            pending().erased().add(new Erased(person.value(), name));
        } else {
            log.renameActor(person.value(), name);
        }
    }

    private void add(UserId owner, String type, String id, ObjectNode body) {
        StreamName stream = StreamName.user(owner.value());
        NewFrame frame = new NewFrame(stream, null, id, position -> {
            ObjectNode rendered = json.createObjectNode();
            rendered.put("type", type);
            rendered.put("stream", stream.toString());
            rendered.put("position", position);
            rendered.setAll(body);
            return json.writeValueAsString(rendered);
        });
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            pending().frames().add(frame);
        } else {
            bus.publish(log.append(List.of(frame), clock.instant()));
        }
    }

    private record Erased(UUID person, String name) {}

    /** What this transaction pushes: its frames, and the erased people to rename in the log after them. */
    private record Pending(List<NewFrame> frames, List<Erased> erased) {}

    /** This transaction's frames, stored before it commits and published after. */
    private Pending pending() {
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending != null) {
            return pending;
        }
        Pending created = new Pending(new ArrayList<>(), new ArrayList<>());
        TransactionSynchronizationManager.bindResource(this, created);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            private List<StoredFrame> stored = List.of();

            @Override
            public void beforeCommit(boolean readOnly) {
                stored = log.append(created.frames(), clock.instant());
                // after the append: a notification of this batch may name someone erased later in it
                created.erased().forEach(erased -> log.renameActor(erased.person(), erased.name()));
            }

            @Override
            public void afterCommit() {
                bus.publish(stored);
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(UserStreamPush.this);
            }
        });
        return created;
    }
}
