package dev.spool.domain.config;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Percentages of easy, medium and hard questions; whole numbers that sum to 100. */
public record DifficultyDistribution(int easy, int medium, int hard) {
  public DifficultyDistribution {
    if (easy < 0 || medium < 0 || hard < 0 || easy + medium + hard != 100) {
      throw new IllegalArgumentException(
          "difficulty percentages must be non-negative and sum to 100, were "
              + easy
              + "/"
              + medium
              + "/"
              + hard);
    }
  }

  public int percentOf(Difficulty difficulty) {
    return switch (difficulty) {
      case EASY -> easy;
      case MEDIUM -> medium;
      case HARD -> hard;
    };
  }

  /**
   * Splits {@code count} items by the largest-remainder method: each difficulty first gets the
   * whole part of its share, then the items left over go to the largest fractional parts (ties go
   * to the easier difficulty). 20 items at 30/50/20 give 6/10/4.
   */
  public Map<Difficulty, Integer> allocate(int count) {
    Map<Difficulty, Integer> allocation = new EnumMap<>(Difficulty.class);
    List<Difficulty> byRemainder = new ArrayList<>(List.of(Difficulty.values()));
    int given = 0;
    for (Difficulty d : Difficulty.values()) {
      int whole = count * percentOf(d) / 100;
      allocation.put(d, whole);
      given += whole;
    }
    byRemainder.sort(
        (a, b) -> Integer.compare(count * percentOf(b) % 100, count * percentOf(a) % 100));
    for (int i = 0; given < count; i++, given++) {
      allocation.merge(byRemainder.get(i), 1, Integer::sum);
    }
    return allocation;
  }

  /**
   * The difficulty of each of {@code count} items, interleaved so that every prefix of the batch is
   * as close to the distribution as whole items allow. A batch stopped half-way still has a fair
   * mix.
   */
  public List<Difficulty> sequence(int count) {
    Map<Difficulty, Integer> allocation = allocate(count);
    Map<Difficulty, Integer> used = new EnumMap<>(Difficulty.class);
    List<Difficulty> sequence = new ArrayList<>(count);
    for (int position = 1; position <= count; position++) {
      Difficulty pick = null;
      double largestDeficit = Double.NEGATIVE_INFINITY;
      for (Difficulty d : Difficulty.values()) {
        int share = allocation.get(d);
        int taken = used.getOrDefault(d, 0);
        double deficit = (double) share * position / count - taken;
        if (taken < share && deficit > largestDeficit) {
          largestDeficit = deficit;
          pick = d;
        }
      }
      used.merge(pick, 1, Integer::sum);
      sequence.add(pick);
    }
    return sequence;
  }
}
