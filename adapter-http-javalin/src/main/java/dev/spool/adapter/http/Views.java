package dev.spool.adapter.http;

import dev.spool.application.model.BatchOverview;
import dev.spool.application.model.OwnerAccount;
import dev.spool.application.model.Page;
import dev.spool.application.model.Pricing;
import dev.spool.application.model.StoredQuestion;
import dev.spool.domain.batch.Batch;
import dev.spool.domain.batch.BatchItem;
import dev.spool.domain.batch.PauseReason;
import dev.spool.domain.config.BatchConfig;
import dev.spool.domain.config.GenerationConfig;
import dev.spool.domain.config.ItemListConfig;
import dev.spool.domain.config.ItemSpec;
import dev.spool.domain.fairness.OwnerPolicy;
import dev.spool.domain.money.Money;
import dev.spool.domain.money.Spend;
import dev.spool.domain.progress.Progress;
import dev.spool.domain.question.GeneratedQuestion;
import dev.spool.domain.question.QuestionId;
import dev.spool.domain.question.TokenUsage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of batches, items and questions, in the field names of seeds 001 and 002. */
final class Views {
  private Views() {}

  /** A batch as lists show it: counts, progress and times, and its course's catalogue title. */
  static Map<String, Object> summary(BatchOverview overview, String courseTitle) {
    Batch b = overview.batch();
    Progress p = overview.progress();
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", b.id().value());
    view.put("name", b.name().orElse(null));
    view.put("courseId", b.courseId().value());
    view.put("courseTitle", courseTitle);
    view.put("status", b.status().wireName());
    view.put("totalItems", p.total());
    view.put("completedItems", p.completed());
    view.put("failedItems", p.failed());
    view.put("cancelledItems", p.cancelled());
    view.put("inProgressItems", p.inProgress());
    view.put("pendingItems", p.pending());
    view.put("progress", p.progress());
    view.put("etaSeconds", p.etaSeconds().isPresent() ? p.etaSeconds().getAsLong() : null);
    view.put("throughput", p.throughput().isPresent() ? p.throughput().getAsDouble() : null);
    view.put("tokens", tokens(b.tokens()));
    view.put("failureReason", b.failureReason().orElse(null));
    view.put("pauseReason", b.pauseReason().map(PauseReason::wireName).orElse(null));
    view.put("approval", b.awaitsApproval() ? "required" : null);
    view.putAll(spend(p.spend()));
    view.put("createdAt", b.times().createdAt());
    view.put("startedAt", b.times().startedAt().orElse(null));
    view.put("pausedAt", b.times().pausedAt().orElse(null));
    view.put("completedAt", b.times().completedAt().orElse(null));
    return view;
  }

  /** Seed 002's batch detail: the summary, the config, and the first page of items. */
  static Map<String, Object> detail(
      BatchOverview overview,
      String courseTitle,
      Page<BatchItem> items,
      Map<QuestionId, String> previews) {
    Map<String, Object> view = summary(overview, courseTitle);
    Batch b = overview.batch();
    view.put("config", config(b.config()));
    view.put(
        "concurrency",
        fields("configured", b.concurrency().limit(), "effective", b.concurrency().effective()));
    view.put("items", items.items().stream().map(i -> item(i, previews)).toList());
    view.put("itemsNextCursor", items.nextCursor().orElse(null));
    return view;
  }

  static Map<String, Object> page(List<?> items, Page<?> page) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("items", items);
    view.put("nextCursor", page.nextCursor().orElse(null));
    return view;
  }

  /** An item, with the first line of its question's stem when it completed. */
  static Map<String, Object> item(BatchItem item, Map<QuestionId, String> previews) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", item.id().value());
    view.put("index", item.position());
    view.put("status", item.status().wireName());
    view.put("attempts", item.attempts());
    view.put(
        "error",
        item.lastError().map(e -> fields("code", e.code(), "message", e.message())).orElse(null));
    view.put("questionId", item.questionId().map(q -> q.value()).orElse(null));
    view.put("stemPreview", item.questionId().map(previews::get).orElse(null));
    switch (item.spec()) {
      case ItemSpec.Question q -> view.put("difficulty", q.difficulty().wireName());
      case ItemSpec.Prompt p -> view.put("name", p.name());
    }
    view.put("updatedAt", item.updatedAt());
    return view;
  }

  static Map<String, Object> config(BatchConfig config) {
    Map<String, Object> view = new LinkedHashMap<>();
    switch (config) {
      case GenerationConfig g -> {
        view.put("kind", "generation");
        view.put("targetCount", g.targetCount());
        view.put(
            "scope", fields("sloIds", g.scope().sloIds(), "conceptIds", g.scope().conceptIds()));
        view.put("questionType", g.questionType().wireName());
        var mix = g.difficultyDistribution();
        view.put(
            "difficultyDistribution",
            fields("easy", mix.easy(), "medium", mix.medium(), "hard", mix.hard()));
        view.put("templateId", g.templateId().orElse(null));
      }
      case ItemListConfig l -> {
        view.put("kind", "items");
        view.put("itemCount", l.itemCount());
      }
    }
    view.put("concurrency", config.execution().concurrency());
    view.put("maxRetries", config.execution().maxRetries());
    return view;
  }

  static Map<String, Object> question(StoredQuestion stored) {
    GeneratedQuestion q = stored.question();
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", stored.id().value());
    view.put("batchId", stored.batchId().value());
    view.put("questionType", q.type().wireName());
    view.put("difficulty", q.difficulty().wireName());
    view.put("stem", q.stem());
    view.put(
        "options",
        q.options().stream().map(o -> fields("label", o.label(), "text", o.text())).toList());
    view.put("correctLabel", q.correctLabel());
    view.put("explanation", q.explanation());
    view.put(
        "scope",
        q.scope().stream()
            .map(s ->
                fields("kind", s.kind().name().toLowerCase(java.util.Locale.ROOT), "id", s.id()))
            .toList());
    view.put("provider", q.provider());
    view.put("model", q.model());
    view.put("tokens", tokens(q.usage()));
    return view;
  }

  /** An ordered map of alternating keys and values; values may be null. */
  /** The money of a batch: spend, projected cost and budget, in dollars as exact decimals. */
  static Map<String, Object> spend(Spend spend) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("spentUsd", spend.spent().toUsd());
    view.put("projectedCostUsd", spend.projected().map(Money::toUsd).orElse(null));
    view.put("budgetUsd", spend.budget().map(Money::toUsd).orElse(null));
    return view;
  }

  /** The price table, and the model this node calls. */
  static Map<String, Object> prices(Pricing pricing) {
    List<Map<String, Object>> entries = new ArrayList<>();
    pricing
        .table()
        .entries()
        .forEach((model, price) -> {
          Map<String, Object> entry = new LinkedHashMap<>();
          entry.put("provider", model.provider());
          entry.put("model", model.model());
          entry.put("inputPerMillionUsd", price.input().toUsd());
          entry.put("cachedInputPerMillionUsd", price.cachedInput().toUsd());
          entry.put("outputPerMillionUsd", price.output().toUsd());
          entries.add(entry);
        });
    Map<String, Object> view = new LinkedHashMap<>();
    view.put(
        "activeModel",
        pricing
            .model()
            .map(m -> fields("provider", m.provider(), "model", m.model()))
            .orElse(null));
    view.put("firstCallEstimateUsd", pricing.firstEstimate().toUsd());
    view.put("prices", entries);
    return view;
  }

  /** An owner's weight, quotas, monthly budget and spend. */
  static Map<String, Object> account(OwnerAccount account) {
    OwnerPolicy policy = account.policy();
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("userId", account.owner().value());
    view.put("weight", policy.weight());
    view.put(
        "maxInFlight", policy.maxInFlight().isPresent() ? policy.maxInFlight().getAsInt() : null);
    view.put(
        "callsPerSecond",
        policy.callsPerSecond().isPresent() ? policy.callsPerSecond().getAsDouble() : null);
    view.put("monthlyBudgetUsd", policy.monthlyBudget().map(Money::toUsd).orElse(null));
    view.put("month", account.month().toString());
    view.put("monthSpentUsd", account.monthSpent().toUsd());
    view.put("reservedUsd", account.reserved().toUsd());
    view.put("monthLeftUsd", account.monthLeft().map(Money::toUsd).orElse(null));
    view.put("inFlight", account.inFlight());
    return view;
  }

  static Map<String, Object> fields(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  static Map<String, Object> tokens(TokenUsage usage) {
    return fields(
        "prompt", usage.promptTokens(),
        "completion", usage.completionTokens(),
        "total", usage.total());
  }
}
