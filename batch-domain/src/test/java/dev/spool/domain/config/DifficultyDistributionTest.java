package dev.spool.domain.config;

import static dev.spool.domain.config.Difficulty.EASY;
import static dev.spool.domain.config.Difficulty.HARD;
import static dev.spool.domain.config.Difficulty.MEDIUM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DifficultyDistributionTest {

  @ParameterizedTest(name = "{0} items at {1}/{2}/{3} give {4}/{5}/{6}")
  @CsvSource({
    "20, 30, 50, 20, 6, 10, 4",
    "10, 33, 33, 34, 3, 3, 4",
    "1, 30, 50, 20, 0, 1, 0",
    "3, 34, 33, 33, 1, 1, 1",
    "7, 50, 50, 0, 4, 3, 0",
    "2, 33, 34, 33, 1, 1, 0",
    "10000, 1, 1, 98, 100, 100, 9800",
    "5, 0, 0, 100, 0, 0, 5",
  })
  void largest_remainder_allocation(
      int count, int easy, int medium, int hard, int wantEasy, int wantMedium, int wantHard) {
    Map<Difficulty, Integer> allocation =
        new DifficultyDistribution(easy, medium, hard).allocate(count);

    assertThat(allocation).containsEntry(EASY, wantEasy);
    assertThat(allocation).containsEntry(MEDIUM, wantMedium);
    assertThat(allocation).containsEntry(HARD, wantHard);
  }

  @Test
  void allocation_always_sums_to_the_count_and_stays_within_one_of_the_exact_share() {
    Random random = new Random(42);
    for (int run = 0; run < 2_000; run++) {
      int easy = random.nextInt(101);
      int medium = random.nextInt(101 - easy);
      DifficultyDistribution mix = new DifficultyDistribution(easy, medium, 100 - easy - medium);
      int count = 1 + random.nextInt(500);

      Map<Difficulty, Integer> allocation = mix.allocate(count);

      assertThat(allocation.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(count);
      for (Difficulty d : Difficulty.values()) {
        double exact = count * mix.percentOf(d) / 100.0;
        assertThat((double) allocation.get(d)).isBetween(Math.floor(exact), Math.ceil(exact));
      }
    }
  }

  @Test
  void the_sequence_interleaves_difficulties_and_matches_the_allocation() {
    List<Difficulty> sequence = new DifficultyDistribution(30, 50, 20).sequence(20);

    assertThat(sequence).hasSize(20);
    assertThat(sequence.stream().filter(EASY::equals)).hasSize(6);
    assertThat(sequence.stream().filter(MEDIUM::equals)).hasSize(10);
    assertThat(sequence.stream().filter(HARD::equals)).hasSize(4);
    assertThat(sequence.subList(0, 5)).contains(EASY, MEDIUM, HARD);
  }

  @Test
  void the_sequence_is_deterministic() {
    DifficultyDistribution mix = new DifficultyDistribution(25, 25, 50);

    assertThat(mix.sequence(101)).isEqualTo(mix.sequence(101));
  }

  @Test
  void percentages_must_sum_to_100() {
    assertThatThrownBy(() -> new DifficultyDistribution(30, 50, 21))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DifficultyDistribution(-10, 90, 20))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
