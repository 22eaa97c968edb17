package dev.spool.domain.config;

/**
 * A batch configuration as a caller sent it: any field may be missing or out of range. {@link
 * #validate} turns it into a {@link BatchConfig} or lists everything wrong with it.
 */
public sealed interface BatchConfigDraft permits GenerationDraft, ItemListDraft {

  /**
   * @throws InvalidBatchConfig listing every field error
   */
  BatchConfig validate(ConfigLimits limits);
}
