package dev.taskmesh.realtime.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

class AfterOuterCommitTest {

    private final AtomicInteger woken = new AtomicInteger();

    @AfterEach
    void clearSynchronization() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    @Test
    void runsAtOnceWhenNoTransactionIsInProgress() {
        AfterOuterCommit.run(woken::incrementAndGet);

        assertThat(woken).hasValue(1);
    }

    @Test
    void waitsForTheOuterTransactionToCommit() {
        TransactionSynchronizationManager.initSynchronization();

        AfterOuterCommit.run(woken::incrementAndGet);
        assertThat(woken).hasValue(0);

        TransactionSynchronizationManager.getSynchronizations().forEach(TransactionSynchronization::afterCommit);
        assertThat(woken).hasValue(1);
    }

    @Test
    void neverRunsWhenTheOuterTransactionRollsBack() {
        TransactionSynchronizationManager.initSynchronization();

        AfterOuterCommit.run(woken::incrementAndGet);
        TransactionSynchronizationManager.getSynchronizations()
                .forEach(sync -> sync.afterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK));

        assertThat(woken).hasValue(0);
    }
}
