package dev.taskmesh.realtime.relay;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs an action once what was written is visible to others: at once when no Spring transaction is in progress on
 * this thread (Axon's own transaction has committed), else right after the transaction in progress commits, and
 * never if it rolls back.
 */
final class AfterOuterCommit {

    private AfterOuterCommit() {}

    static void run(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
