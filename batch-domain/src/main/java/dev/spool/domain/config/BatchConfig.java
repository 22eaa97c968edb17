package dev.spool.domain.config;

import java.util.List;

/**
 * What a batch generates and how it runs. Either a {@link GenerationConfig}, which plans its
 * questions from a target count, a scope and a difficulty mix, or an {@link ItemListConfig}, which
 * lists its items.
 */
public sealed interface BatchConfig permits GenerationConfig, ItemListConfig {

  ExecutionSettings execution();

  /** How many items the batch has. */
  int itemCount();

  /** The batch's items, in order. Deterministic: the same config always plans the same items. */
  List<ItemSpec> planItems();

  /**
   * The config as a stored batch shows it: everything but an item list's listed items, which are
   * stored as the batch's items.
   */
  BatchConfig summary();
}
