package dev.taskmesh.server.membership;

import com.github.kagkarlsson.scheduler.task.Task;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MembershipConfig {

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
