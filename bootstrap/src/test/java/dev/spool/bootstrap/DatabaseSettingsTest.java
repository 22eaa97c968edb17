package dev.spool.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {

  @Test
  void with_nothing_set_the_embedded_database_lives_under_data() {
    DatabaseSettings settings = DatabaseSettings.fromEnvironment(Map.of());

    assertThat(settings.url()).isEmpty();
    assertThat(settings.dataDirectory()).isEqualTo(Path.of("data"));
    assertThat(settings.poolSize()).isEqualTo(10);
  }

  @Test
  void an_external_database_takes_its_url_credentials_and_pool_size() {
    DatabaseSettings settings =
        DatabaseSettings.fromEnvironment(
            Map.of(
                "SPOOL_DATABASE_URL",
                "jdbc:postgresql://db:5432/spool",
                "SPOOL_DATABASE_USER",
                "spool",
                "SPOOL_DATABASE_PASSWORD",
                "secret",
                "SPOOL_DATABASE_POOL_SIZE",
                "24",
                "SPOOL_DATA_DIR",
                "/var/lib/spool"));

    assertThat(settings.url()).contains("jdbc:postgresql://db:5432/spool");
    assertThat(settings.user()).contains("spool");
    assertThat(settings.password()).contains("secret");
    assertThat(settings.poolSize()).isEqualTo(24);
    assertThat(settings.dataDirectory()).isEqualTo(Path.of("/var/lib/spool"));
  }

  @Test
  void a_bad_value_is_refused_naming_its_variable() {
    assertThatThrownBy(
            () -> DatabaseSettings.fromEnvironment(Map.of("SPOOL_DATABASE_POOL_SIZE", "lots")))
        .isInstanceOf(ConfigurationError.class)
        .hasMessage("SPOOL_DATABASE_POOL_SIZE: must be a whole number from 2 to 200, was 'lots'");
    assertThatThrownBy(() ->
            DatabaseSettings.fromEnvironment(Map.of("SPOOL_DATABASE_URL", "mysql://db/spool")))
        .isInstanceOf(ConfigurationError.class)
        .hasMessageStartingWith("SPOOL_DATABASE_URL: must be a PostgreSQL JDBC URL");
    assertThatThrownBy(
            () -> DatabaseSettings.fromEnvironment(Map.of("SPOOL_DATABASE_POOL_SIZE", "1")))
        .hasMessageContaining("from 2 to 200, was '1'");
  }

  @Test
  void blank_values_count_as_unset() {
    assertThat(DatabaseSettings.fromEnvironment(Map.of("SPOOL_DATABASE_URL", "  ")).url())
        .isEmpty();
  }
}
