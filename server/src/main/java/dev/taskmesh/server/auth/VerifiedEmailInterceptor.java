package dev.taskmesh.server.auth;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.server.web.ProblemException;
import dev.taskmesh.server.web.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.function.Predicate;
import org.springframework.web.servlet.HandlerInterceptor;

/** Refuses every change by a user whose address is not verified (403 email-unverified); reading stays open. */
class VerifiedEmailInterceptor implements HandlerInterceptor {

    private final Predicate<UserId> verified;

    VerifiedEmailInterceptor(Predicate<UserId> verified) {
        this.verified = verified;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
            return true;
        }
        // without a caller, the handler answers 401 itself
        CurrentUser.of(request).ifPresent(user -> {
            if (!verified.test(user.id())) {
                throw new ProblemException(
                        ProblemType.EMAIL_UNVERIFIED,
                        "Confirm your email address first: follow the link we sent, or ask for a new one with"
                                + " POST /api/users/me/verification-email.");
            }
        });
        return true;
    }
}
