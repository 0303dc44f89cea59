package dev.taskmesh.server.replica;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.UncategorizedSQLException;

/** Which failures of a read on a replica send it to the primary instead of to the user. */
class ReplicaWentAwayTest {

    @Test
    void aConnectionThatCouldNotBeHadOrBrokeAnywhereInTheChainCounts() {
        assertThat(ReplicaReads.replicaWentAway(
                        new CompletionException(new SQLTransientConnectionException("replica does not answer"))))
                .isTrue();
        assertThat(ReplicaReads.replicaWentAway(
                        new UncategorizedSQLException("read", "SELECT 1", new SQLException("I/O error", "08006"))))
                .isTrue();
        assertThat(ReplicaReads.replicaWentAway(new UncategorizedSQLException(
                        "read",
                        "SELECT 1",
                        new SQLException("terminating connection due to administrator command", "57P01"))))
                .isTrue();
    }

    @Test
    void aQueryThatIsWrongOrAResultThatIsRefusedDoesNot() {
        assertThat(ReplicaReads.replicaWentAway(
                        new BadSqlGrammarException("read", "SELEC 1", new SQLException("syntax", "42601"))))
                .isFalse();
        assertThat(ReplicaReads.replicaWentAway(new IllegalArgumentException("bad cursor")))
                .isFalse();
    }
}
