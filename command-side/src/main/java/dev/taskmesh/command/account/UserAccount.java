package dev.taskmesh.command.account;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import dev.taskmesh.api.account.ChangeProfileCommand;
import dev.taskmesh.api.account.EraseAccountCommand;
import dev.taskmesh.api.account.RecordPasswordChangeCommand;
import dev.taskmesh.api.account.RegisterUserCommand;
import dev.taskmesh.api.account.UserDisplayNameChangedEvent;
import dev.taskmesh.api.account.UserEmailVerifiedEvent;
import dev.taskmesh.api.account.UserErasedEvent;
import dev.taskmesh.api.account.UserHandleChangedEvent;
import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.account.UserPasswordChangedEvent;
import dev.taskmesh.api.account.UserRegisteredEvent;
import dev.taskmesh.api.account.UserTimeZoneChangedEvent;
import dev.taskmesh.api.account.VerifyEmailCommand;
import dev.taskmesh.api.wire.CommandRejectedException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A person's account. Email and password hash live in the account table, never in its events; the events say what
 * other people see of the person and keep the account's audit trail (password changes, a verified address).
 */
@Aggregate
class UserAccount {

    /** Every account starts in this zone until its owner picks one. */
    static final String DEFAULT_TIME_ZONE = "UTC";

    @AggregateIdentifier
    private UserId userId;

    private String handle;
    private String displayName;
    private String timeZone;
    private boolean emailVerified;
    private boolean erased;

    UserAccount() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    long handle(RegisterUserCommand command) {
        apply(new UserRegisteredEvent(command.userId(), command.handle(), command.displayName()));
        return getVersion();
    }

    /** Each field that really changes is its own event; the same value again changes nothing. */
    @CommandHandler
    long handle(ChangeProfileCommand command) {
        requireAccount();
        if (command.handle() != null && !command.handle().equals(handle)) {
            apply(new UserHandleChangedEvent(userId, command.handle()));
        }
        if (command.displayName() != null && !command.displayName().equals(displayName)) {
            apply(new UserDisplayNameChangedEvent(userId, command.displayName()));
        }
        if (command.timeZone() != null && !command.timeZone().equals(timeZone)) {
            apply(new UserTimeZoneChangedEvent(userId, command.timeZone()));
        }
        return getVersion();
    }

    @CommandHandler
    long handle(RecordPasswordChangeCommand command) {
        requireAccount();
        apply(new UserPasswordChangedEvent(userId, command.byReset()));
        return getVersion();
    }

    /** A second link followed, or a reset after verification, proves nothing new. */
    @CommandHandler
    long handle(VerifyEmailCommand command) {
        requireAccount();
        if (!emailVerified) {
            apply(new UserEmailVerifiedEvent(userId));
        }
        return getVersion();
    }

    /** Erasing twice is erasing once. */
    @CommandHandler
    long handle(EraseAccountCommand command) {
        if (!erased) {
            apply(new UserErasedEvent(userId));
        }
        return getVersion();
    }

    /** An erased account is no account: nothing more happens to it. */
    private void requireAccount() {
        if (erased) {
            throw CommandRejectedException.notFound("No such user.");
        }
    }

    @EventSourcingHandler
    void on(UserRegisteredEvent event) {
        userId = event.userId();
        handle = event.handle();
        displayName = event.displayName();
        timeZone = DEFAULT_TIME_ZONE;
    }

    @EventSourcingHandler
    void on(UserHandleChangedEvent event) {
        handle = event.handle();
    }

    @EventSourcingHandler
    void on(UserDisplayNameChangedEvent event) {
        displayName = event.displayName();
    }

    @EventSourcingHandler
    void on(UserTimeZoneChangedEvent event) {
        timeZone = event.timeZone();
    }

    @EventSourcingHandler
    void on(UserEmailVerifiedEvent event) {
        emailVerified = true;
    }

    @EventSourcingHandler
    void on(UserErasedEvent event) {
        erased = true;
    }
}
