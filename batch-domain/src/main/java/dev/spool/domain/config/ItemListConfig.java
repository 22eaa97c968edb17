package dev.spool.domain.config;

import java.util.List;
import java.util.Objects;

/** A batch whose items are listed one by one, each with a name and a prompt. */
public record ItemListConfig(List<ItemSpec.Prompt> items, ExecutionSettings execution)
    implements BatchConfig {

  public ItemListConfig {
    items = List.copyOf(items);
    Objects.requireNonNull(execution, "execution");
    if (items.isEmpty()) {
      throw new IllegalArgumentException("an item list has at least one item");
    }
  }

  @Override
  public int itemCount() {
    return items.size();
  }

  @Override
  public List<ItemSpec> planItems() {
    return List.copyOf(items);
  }
}
