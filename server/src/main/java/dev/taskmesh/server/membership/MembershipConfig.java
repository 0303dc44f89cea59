package dev.taskmesh.server.membership;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;
import dev.taskmesh.server.auth.AccountProperties;
import dev.taskmesh.server.auth.OutgoingMail;
import java.time.Clock;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class MembershipConfig {

    @Bean
    InvitationEmails invitationEmails(
            JdbcClient jdbc,
            OutgoingMail mail,
            AccountProperties properties,
            ObjectProvider<Scheduler> scheduler,
            Clock clock) {
        return new InvitationEmails(jdbc, mail, properties, scheduler, clock);
    }

    /** Run by the node's one scheduler, beside the notification deliveries. */
    @Bean
    Task<Void> invitationEmailTask(InvitationEmails emails) {
        return emails.task();
    }

    /** Membership is authoritative, not eventually consistent: its table is written inside the command's transaction. */
    @Bean
    ConfigurerModule subscribingMembership() {
        return configurer ->
                configurer.eventProcessing().registerSubscribingEventProcessor(MembershipProjection.PROCESSING_GROUP);
    }
}
