package dev.taskmesh.command;

import dev.taskmesh.api.wire.CommandRejectedException;
import dev.taskmesh.api.wire.CommandRejectedException.Reason;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matches a command refused for a given reason, the part of a rejection clients depend on. */
public final class Rejections {

    private Rejections() {}

    public static Matcher<CommandRejectedException> rejected(Reason reason) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(CommandRejectedException e) {
                return e.reason() == reason;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a command rejected as " + reason);
            }
        };
    }
}
