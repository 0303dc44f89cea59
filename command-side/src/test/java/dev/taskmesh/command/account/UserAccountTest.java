package dev.taskmesh.command.account;

import dev.taskmesh.api.account.RegisterUserCommand;
import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.account.UserRegisteredEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

class UserAccountTest {

    @Test
    void registrationPublishesOnlyWhatOthersSee() {
        UserId user = UserId.random();

        new AggregateTestFixture<>(UserAccount.class)
                .givenNoPriorActivity()
                .when(new RegisterUserCommand(user, "ada", "Ada Lovelace"))
                .expectEvents(new UserRegisteredEvent(user, "ada", "Ada Lovelace"))
                .expectResultMessagePayload(0L);
    }
}
