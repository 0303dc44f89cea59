package dev.taskmesh.server.ratelimit;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The HTTP rate limits: the shared buckets, and the command limit on every write under /api. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitConfig implements WebMvcConfigurer {

    private final RateLimiter limiter;

    RateLimitConfig(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Bean
    static RateLimiter rateLimiter(
            RateLimitProperties properties,
            @Value("${spring.data.redis.url:redis://127.0.0.1:6379}") String defaultRedisUrl,
            JdbcClient jdbc,
            MeterRegistry meters) {
        String redisUrl = properties.redisUrl() == null ? defaultRedisUrl : properties.redisUrl();
        String database =
                jdbc.sql("SELECT current_database()").query(String.class).single();
        return new RateLimiter(properties, redisUrl, database, meters);
    }

    @Bean
    @ConfigurationPropertiesBinding
    static LimitConverter limitConverter() {
        return new LimitConverter();
    }

    /** Limits are written {@code 30/1m} in configuration (a class, not a lambda: binding reads its type arguments). */
    static final class LimitConverter implements Converter<String, RateLimitProperties.Limit> {
        @Override
        public RateLimitProperties.Limit convert(String text) {
            return RateLimitProperties.Limit.parse(text);
        }
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // before the workspace's membership and role checks (order 0)
        registry.addInterceptor(new CommandRateLimitInterceptor(limiter))
                .addPathPatterns("/api/**")
                .excludePathPatterns("/api/auth/**")
                .order(-10);
    }
}
