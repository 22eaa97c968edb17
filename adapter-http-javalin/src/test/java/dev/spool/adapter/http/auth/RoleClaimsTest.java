package dev.spool.adapter.http.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoleClaimsTest {

  @Test
  void by_default_roles_come_from_a_role_string_and_a_roles_array() {
    assertThat(RoleClaims.DEFAULT.read(Map.of("role", "faculty", "roles", List.of("admin", 7))))
        .containsExactlyInAnyOrder("faculty", "admin");
  }

  @Test
  void a_nested_claim_path_reads_keycloaks_realm_roles() {
    RoleClaims keycloak = new RoleClaims(Optional.of("realm_access.roles"), "faculty");
    Map<String, Object> claims =
        Map.of("realm_access", Map.of("roles", List.of("offline_access", "Faculty")));

    assertThat(keycloak.read(claims)).containsExactlyInAnyOrder("offline_access", "faculty");
    assertThat(keycloak.read(Map.of("realm_access", "not an object"))).isEmpty();
    assertThat(keycloak.read(Map.of())).isEmpty();
  }

  @Test
  void a_claim_whose_name_holds_dots_is_read_whole_as_auth0_namespaces_them() {
    RoleClaims auth0 = new RoleClaims(Optional.of("https://spool.example.edu/roles"), "faculty");

    assertThat(auth0.read(Map.of("https://spool.example.edu/roles", List.of("Faculty"))))
        .containsExactly("faculty");
  }

  @Test
  void a_space_separated_string_is_several_roles() {
    RoleClaims scope = new RoleClaims(Optional.of("scp"), "faculty");

    assertThat(scope.read(Map.of("scp", " read  faculty write ")))
        .containsExactlyInAnyOrder("read", "faculty", "write");
  }

  @Test
  void the_providers_name_for_faculty_is_matched_without_regard_to_case() {
    RoleClaims entra = new RoleClaims(Optional.of("roles"), "Spool.Lecturer");

    assertThat(entra.read(Map.of("roles", List.of("SPOOL.LECTURER")))).containsExactly("faculty");
    assertThat(entra.read(Map.of("roles", List.of("faculty", "Reader"))))
        .as("the word faculty grants nothing unless it is the configured name")
        .containsExactly("reader");
  }

  @Test
  void the_catalogue_administrators_role_has_its_own_configurable_name() {
    RoleClaims keycloak =
        new RoleClaims(Optional.of("realm_access.roles"), "Lecturer", "Registrar");

    assertThat(
            keycloak.read(
                Map.of("realm_access", Map.of("roles", List.of("registrar", "lecturer")))))
        .containsExactlyInAnyOrder("catalogue-admin", "faculty");
    assertThat(keycloak.read(Map.of("realm_access", Map.of("roles", List.of("catalogue-admin")))))
        .as("Spool's own name grants nothing unless it is the configured one")
        .isEmpty();
    assertThat(RoleClaims.DEFAULT.read(Map.of("roles", List.of("Catalogue-Admin"))))
        .containsExactly("catalogue-admin");
  }
}
