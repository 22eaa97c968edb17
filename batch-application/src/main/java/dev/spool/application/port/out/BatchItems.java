package dev.spool.application.port.out;

import dev.spool.application.model.Page;
import dev.spool.application.model.PageRequest;
import dev.spool.application.model.ResultRow;
import dev.spool.application.model.StoredQuestion;
import dev.spool.domain.batch.BatchId;
import dev.spool.domain.batch.BatchItem;
import dev.spool.domain.batch.ItemStatus;
import dev.spool.domain.question.QuestionId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads of a batch's items, and the bulk changes that control actions make to them. */
public interface BatchItems {

  /** Items of a batch in position order, optionally of one status. */
  Page<BatchItem> list(BatchId batch, Optional<ItemStatus> status, PageRequest page);

  /**
   * Cancels up to {@code max} pending items of the batch, lowest positions first, and counts them
   * as cancelled. Returns how many. A big batch's pending items are cancelled over several calls,
   * each a bounded transaction.
   */
  int cancelPending(BatchId batch, Instant now, int max);

  /** Up to {@code max} cancelled batches that still have pending items to cancel. */
  List<BatchId> cancelledWithPendingItems(int max);

  /**
   * Returns every failed item of the batch to pending with a fresh retry budget and takes them off
   * the failed count. Completed items are untouched. Returns how many.
   */
  int resetFailed(BatchId batch, Instant now);

  /** When the batch's latest {@code limit} completions happened, newest first. */
  List<Instant> recentCompletions(BatchId batch, int limit);

  /**
   * As {@link #recentCompletions(BatchId, int)} for several batches in one read, as a page of
   * batches needs; a batch without completions maps to an empty list.
   */
  Map<BatchId, List<Instant>> recentCompletions(Collection<BatchId> batches, int limit);

  /**
   * The first line of these questions' stems ({@link dev.spool.domain.event.StemPreview}), for
   * those of them the batch's items generated.
   */
  Map<QuestionId, String> stemPreviews(BatchId batch, Set<QuestionId> questions);

  /** A question a completed item generated. */
  Optional<StoredQuestion> question(QuestionId id);

  /**
   * Up to {@code limit} results of a batch after item index {@code afterIndex}, in item order: its
   * completed items with their questions, and its failed items if {@code includeFailed}.
   */
  List<ResultRow> results(BatchId batch, boolean includeFailed, int afterIndex, int limit);
}
