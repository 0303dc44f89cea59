package dev.taskmesh.command.account;

import dev.taskmesh.api.account.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class JdbcAccountDirectory implements AccountDirectory {

    private final JdbcClient jdbc;

    JdbcAccountDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean exists(UserId userId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM user_account WHERE user_id = :userId)")
                .param("userId", userId.value())
                .query(Boolean.class)
                .single();
    }
}
