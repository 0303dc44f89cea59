package dev.taskmesh.server.config;

import dev.taskmesh.api.comment.CommentId;
import dev.taskmesh.api.project.ProjectId;
import dev.taskmesh.api.task.AttachmentId;
import dev.taskmesh.api.task.TaskId;
import dev.taskmesh.api.workspace.MembershipDirectory;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.server.auth.AccessTokens;
import dev.taskmesh.server.auth.BearerAuthenticationFilter;
import dev.taskmesh.server.auth.CurrentUserArgumentResolver;
import dev.taskmesh.server.web.Problems;
import dev.taskmesh.server.web.RequestBodyLimitFilter;
import dev.taskmesh.server.web.SecurityHeadersFilter;
import dev.taskmesh.server.web.StorableText;
import dev.taskmesh.server.web.WorkspaceAccessInterceptor;
import jakarta.servlet.MultipartConfigElement;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.format.FormatterRegistry;
import org.springframework.util.unit.DataSize;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The order of checks every request goes through: security headers and CORS (a cross-origin preflight is answered
 * here, without a token), bearer token (401), body size (413), the command rate limit (429, RateLimitConfig),
 * workspace membership (404) and role (403) in the interceptors, then the handler reads and validates its body (400)
 * and sends its command.
 */
@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

    private final MembershipDirectory memberships;

    WebConfig(MembershipDirectory memberships) {
        this.memberships = memberships;
    }

    /** Request bodies hold text only: no NUL, no half surrogate pair (StorableText). */
    @Bean
    JsonMapperBuilderCustomizer storableText() {
        return builder -> builder.addModule(StorableText.module());
    }

    @Bean
    FilterRegistrationBean<SecurityHeadersFilter> securityHeaders() {
        FilterRegistrationBean<SecurityHeadersFilter> registration =
                new FilterRegistrationBean<>(new SecurityHeadersFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /**
     * Browser pages of the allowed origins ({@code TASKMESH_ALLOWED_ORIGINS}, the WebSocket's list too) may call the
     * API with a bearer token; no credentials (cookies) are involved. With none allowed, only same-origin pages can.
     */
    @Bean
    FilterRegistrationBean<CorsFilter> cors(@Value("${taskmesh.http.allowed-origins:}") List<String> origins) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        List<String> allowed =
                origins.stream().filter(origin -> !origin.isBlank()).toList();
        if (!allowed.isEmpty()) {
            CorsConfiguration api = new CorsConfiguration();
            api.setAllowedOriginPatterns(allowed);
            api.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
            api.setAllowedHeaders(
                    List.of("Authorization", "Content-Type", "If-Match", "Idempotency-Key", "X-Request-Id"));
            api.setExposedHeaders(List.of("ETag", "Location", "Retry-After", "X-Request-Id", "WWW-Authenticate"));
            api.setAllowCredentials(false);
            api.setMaxAge(Duration.ofMinutes(10));
            source.registerCorsConfiguration("/api/**", api);
        }
        FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(new CorsFilter(source));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }

    @Bean
    FilterRegistrationBean<BearerAuthenticationFilter> bearerAuthentication(AccessTokens tokens, Problems problems) {
        FilterRegistrationBean<BearerAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new BearerAuthenticationFilter(tokens, problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimit(
            @Value("${taskmesh.http.max-json-body:256KB}") DataSize limit,
            MultipartConfigElement multipart,
            Problems problems) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestBodyLimitFilter(limit.toBytes(), multipart.getMaxRequestSize(), problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new WorkspaceAccessInterceptor(memberships)).addPathPatterns("/api/workspaces/{ws}/**");
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CurrentUserArgumentResolver());
    }

    /** Path ids bind to typed ids; one that does not parse answers 404, like any unknown id. */
    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverter(String.class, WorkspaceId.class, WorkspaceId::parse);
        registry.addConverter(String.class, ProjectId.class, ProjectId::parse);
        registry.addConverter(String.class, TaskId.class, TaskId::parse);
        registry.addConverter(String.class, CommentId.class, CommentId::parse);
        registry.addConverter(String.class, AttachmentId.class, AttachmentId::parse);
    }
}
