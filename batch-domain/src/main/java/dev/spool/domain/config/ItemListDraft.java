package dev.spool.domain.config;

import java.util.ArrayList;
import java.util.List;

/** The item-list form of a create-batch body before validation. */
public record ItemListDraft(List<Item> items, Integer concurrency, Integer maxRetries)
    implements BatchConfigDraft {

  public static final int MAX_NAME_LENGTH = 200;
  public static final int MAX_PROMPT_LENGTH = 20_000;

  /** One listed item as sent. */
  public record Item(String name, String prompt) {}

  @Override
  public ItemListConfig validate(ConfigLimits limits) {
    FieldChecks checks = new FieldChecks();
    List<Item> given = items == null ? List.of() : items;
    if (given.isEmpty() || given.size() > limits.maxItems()) {
      checks.add(FieldError.outOfRange("items", 1, limits.maxItems()));
    }
    for (int i = 0; i < given.size() && i < limits.maxItems(); i++) {
      Item item = given.get(i);
      checks.text("items[" + i + "].name", item == null ? null : item.name(), MAX_NAME_LENGTH);
      checks.text(
          "items[" + i + "].prompt", item == null ? null : item.prompt(), MAX_PROMPT_LENGTH);
    }
    ExecutionSettings execution = checks.execution(concurrency, maxRetries, limits);
    checks.throwIfAny();
    List<ItemSpec.Prompt> specs = new ArrayList<>(given.size());
    for (Item item : given) {
      specs.add(new ItemSpec.Prompt(item.name(), item.prompt()));
    }
    return new ItemListConfig(specs, execution);
  }
}
