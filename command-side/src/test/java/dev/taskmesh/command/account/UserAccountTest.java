package dev.taskmesh.command.account;

import static dev.taskmesh.command.Rejections.rejected;

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
import dev.taskmesh.api.wire.CommandRejectedException.Reason;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserAccountTest {

    private static final UserId USER = UserId.random();
    private static final UserRegisteredEvent REGISTERED = new UserRegisteredEvent(USER, "ada", "Ada Lovelace");

    private AggregateTestFixture<UserAccount> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(UserAccount.class);
    }

    @Test
    void registrationPublishesOnlyWhatOthersSee() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand(USER, "ada", "Ada Lovelace"))
                .expectEvents(REGISTERED)
                .expectResultMessagePayload(0L);
    }

    @Test
    void eachChangedProfileFieldIsItsOwnEvent() {
        fixture.given(REGISTERED)
                .when(new ChangeProfileCommand(USER, "countess", "Augusta Ada King", "Europe/London"))
                .expectEvents(
                        new UserHandleChangedEvent(USER, "countess"),
                        new UserDisplayNameChangedEvent(USER, "Augusta Ada King"),
                        new UserTimeZoneChangedEvent(USER, "Europe/London"))
                .expectResultMessagePayload(3L);
    }

    @Test
    void fieldsLeftOutOrUnchangedChangeNothing() {
        fixture.given(REGISTERED)
                .when(new ChangeProfileCommand(USER, "ada", null, "UTC"))
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    @Test
    void aProfileChangedBackIsAChangeAgain() {
        fixture.given(REGISTERED, new UserDisplayNameChangedEvent(USER, "Ada King"))
                .when(new ChangeProfileCommand(USER, null, "Ada Lovelace", null))
                .expectEvents(new UserDisplayNameChangedEvent(USER, "Ada Lovelace"));
    }

    @Test
    void aPasswordChangeIsRecordedWithoutTheSecret() {
        fixture.given(REGISTERED)
                .when(new RecordPasswordChangeCommand(USER, true))
                .expectEvents(new UserPasswordChangedEvent(USER, true));
    }

    @Test
    void anAddressIsVerifiedOnce() {
        fixture.given(REGISTERED).when(new VerifyEmailCommand(USER)).expectEvents(new UserEmailVerifiedEvent(USER));
        fixture.given(REGISTERED, new UserEmailVerifiedEvent(USER))
                .when(new VerifyEmailCommand(USER))
                .expectNoEvents();
    }

    @Test
    void anErasedAccountIsErasedOnceAndChangesNoMore() {
        fixture.given(REGISTERED).when(new EraseAccountCommand(USER)).expectEvents(new UserErasedEvent(USER));
        fixture.given(REGISTERED, new UserErasedEvent(USER))
                .when(new EraseAccountCommand(USER))
                .expectNoEvents();
        fixture.given(REGISTERED, new UserErasedEvent(USER))
                .when(new ChangeProfileCommand(USER, null, "Back again", null))
                .expectException(rejected(Reason.NOT_FOUND));
    }
}
