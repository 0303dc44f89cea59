package dev.taskmesh.server.ratelimit;

import dev.taskmesh.server.auth.CurrentUser;
import dev.taskmesh.server.web.RateLimitedException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Every write under /api counts against its user's command limit. Checked right after authentication, before the
 * workspace and the body are looked at: a refusal says nothing about either, and costs the server the least.
 */
final class CommandRateLimitInterceptor implements HandlerInterceptor {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final RateLimiter limiter;

    CommandRateLimitInterceptor(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (READS.contains(request.getMethod())) {
            return true;
        }
        // without a caller, the handler answers 401 itself
        CurrentUser.of(request)
                .flatMap(user -> limiter.tryAcquire(
                        RateLimiter.Kind.COMMANDS_PER_USER, user.id().toString()))
                .ifPresent(wait -> {
                    throw new RateLimitedException("Too many changes in a short time; try again later.", wait);
                });
        return true;
    }
}
