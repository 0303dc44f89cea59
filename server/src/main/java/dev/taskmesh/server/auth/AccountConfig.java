package dev.taskmesh.server.auth;

import com.github.kagkarlsson.scheduler.task.Task;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.util.StringUtils;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The emails to people (account links; invitations use the same sender) and the account emails' queue task, which
 * the node's one scheduler runs beside the notification deliveries.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AccountProperties.class)
class AccountConfig {

    @Bean
    OutgoingMail outgoingMail(
            AccountProperties properties,
            ObjectProvider<JavaMailSender> mail,
            // Boot makes a sender even for an empty host; only a named host means there is an SMTP server
            @Value("${spring.mail.host:}") String smtpHost) {
        return new OutgoingMail(StringUtils.hasText(smtpHost) ? mail.getIfAvailable() : null, properties.emailFrom());
    }

    @Bean
    Task<Void> accountEmailTask(AccountEmails emails) {
        return emails.task();
    }

    /**
     * With {@code require-verified-email}, changes under a workspace need a verified address. Ordered after the
     * membership and role checks, so a stranger still hears 404 and a viewer 403 forbidden first.
     */
    @Bean
    WebMvcConfigurer verifiedEmailRequirement(AccountProperties properties, Credentials credentials) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                if (properties.requireVerifiedEmail()) {
                    registry.addInterceptor(new VerifiedEmailInterceptor(credentials::emailVerified))
                            .addPathPatterns("/api/workspaces", "/api/workspaces/**")
                            .order(1);
                }
            }
        };
    }
}
