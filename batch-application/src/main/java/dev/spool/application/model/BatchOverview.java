package dev.spool.application.model;

import dev.spool.domain.batch.Batch;
import dev.spool.domain.progress.Progress;

/** A batch with its progress and ETA, as lists and detail views show it. */
public record BatchOverview(Batch batch, Progress progress) {}
