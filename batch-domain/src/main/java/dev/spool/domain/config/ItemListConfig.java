package dev.spool.domain.config;

import java.util.List;
import java.util.Objects;

/**
 * A batch whose items are listed one by one, each with a name and a prompt. A config read back from
 * a store may be a {@linkplain #summary summary}: its count and execution settings without the
 * listed items, which live with the batch's items. Reads of a batch then cost what they show, not
 * the megabytes of prompts the batch was created with.
 *
 * @param items the listed items, or empty in a summary
 * @param itemCount how many items the batch lists
 */
public record ItemListConfig(
    List<ItemSpec.Prompt> items, int itemCount, ExecutionSettings execution)
    implements BatchConfig {

  public ItemListConfig {
    items = List.copyOf(items);
    Objects.requireNonNull(execution, "execution");
    if (itemCount < 1) {
      throw new IllegalArgumentException("an item list has at least one item");
    }
    if (!items.isEmpty() && items.size() != itemCount) {
      throw new IllegalArgumentException(
          "itemCount " + itemCount + " does not match the " + items.size() + " items listed");
    }
  }

  public ItemListConfig(List<ItemSpec.Prompt> items, ExecutionSettings execution) {
    this(items, items.size(), execution);
  }

  /** A stored batch's config without its listed items. */
  public static ItemListConfig summary(int itemCount, ExecutionSettings execution) {
    return new ItemListConfig(List.of(), itemCount, execution);
  }

  @Override
  public ItemListConfig summary() {
    return isSummary() ? this : summary(itemCount, execution);
  }

  /** Whether this is a summary, without the listed items. */
  public boolean isSummary() {
    return items.isEmpty();
  }

  /**
   * @throws IllegalStateException for a summary: a stored batch's items are planned already
   */
  @Override
  public List<ItemSpec> planItems() {
    if (isSummary()) {
      throw new IllegalStateException(
          "a stored item list's items live with the batch's items; planning it again is a bug");
    }
    return List.copyOf(items);
  }
}
