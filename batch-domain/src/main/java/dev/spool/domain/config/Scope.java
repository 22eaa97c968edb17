package dev.spool.domain.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

/** The learning objectives and concepts a batch covers; at least one id in all. */
public record Scope(List<UUID> sloIds, List<UUID> conceptIds) {
  public Scope {
    sloIds = List.copyOf(Objects.requireNonNull(sloIds, "sloIds"));
    conceptIds = List.copyOf(Objects.requireNonNull(conceptIds, "conceptIds"));
    if (sloIds.isEmpty() && conceptIds.isEmpty()) {
      throw new IllegalArgumentException("a scope names at least one SLO or concept");
    }
  }

  /** Every id, objectives first, in the order given. */
  public List<ScopeRef> refs() {
    return Stream.concat(
            sloIds.stream().map(id -> new ScopeRef(ScopeRef.Kind.SLO, id)),
            conceptIds.stream().map(id -> new ScopeRef(ScopeRef.Kind.CONCEPT, id)))
        .toList();
  }

  /**
   * Deals the ids round-robin over {@code itemCount} items. Item {@code i} gets every id whose
   * index is {@code i} modulo {@code itemCount}, so with more ids than items no id is left out;
   * with fewer, the ids repeat in order.
   */
  public List<List<ScopeRef>> spreadOver(int itemCount) {
    List<ScopeRef> refs = refs();
    List<List<ScopeRef>> spread = new ArrayList<>(itemCount);
    for (int item = 0; item < itemCount; item++) {
      List<ScopeRef> own = new ArrayList<>();
      for (int id = item; id < refs.size(); id += itemCount) {
        own.add(refs.get(id));
      }
      if (own.isEmpty()) {
        own.add(refs.get(item % refs.size()));
      }
      spread.add(List.copyOf(own));
    }
    return spread;
  }
}
