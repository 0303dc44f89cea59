package dev.taskmesh.command.account;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import dev.taskmesh.api.account.RegisterUserCommand;
import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.account.UserRegisteredEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/** A person's account. Email and password hash live in the account table, never in its events. */
@Aggregate
class UserAccount {

    @AggregateIdentifier
    private UserId userId;

    UserAccount() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    long handle(RegisterUserCommand command) {
        apply(new UserRegisteredEvent(command.userId(), command.handle(), command.displayName()));
        return getVersion();
    }

    @EventSourcingHandler
    void on(UserRegisteredEvent event) {
        userId = event.userId();
    }
}
