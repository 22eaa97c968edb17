package dev.spool.application.contract;

import dev.spool.application.port.out.BatchEventLog;
import dev.spool.application.port.out.BatchItems;
import dev.spool.application.port.out.BatchStore;
import dev.spool.application.port.out.Transactions;
import dev.spool.application.port.out.WorkQueue;

/** The storage-side ports a store adapter provides, all over one database. */
public record StorePorts(
    BatchStore batches,
    BatchItems items,
    WorkQueue queue,
    BatchEventLog events,
    Transactions transactions) {}
