package dev.spool.adapter.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DestinationsTest {
  /** Names a test controls: one resolves to loopback, one to public and private at once. */
  private static final Map<String, String[]> DNS =
      Map.of(
          "rebind.example", new String[] {"127.0.0.1"},
          "metadata.example", new String[] {"169.254.169.254"},
          "mixed.example", new String[] {"93.184.216.34", "10.1.2.3"},
          "v6-loopback.example", new String[] {"::1"},
          "hooks.example", new String[] {"93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"});

  private static InetAddress[] resolve(String host) throws UnknownHostException {
    String[] names = DNS.get(host);
    if (names == null) {
      // literals only: a name outside the table must not reach a real resolver
      if (!host.matches("[0-9a-fA-F.:]+")) {
        throw new UnknownHostException(host);
      }
      return InetAddress.getAllByName(host);
    }
    InetAddress[] addresses = new InetAddress[names.length];
    for (int i = 0; i < names.length; i++) {
      addresses[i] = InetAddress.getByName(names[i]);
    }
    return addresses;
  }

  private final Destinations strict = new Destinations(false, DestinationsTest::resolve);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1/hook",
        "http://127.1.2.3:8080/hook",
        "http://0.0.0.0/",
        "http://10.0.0.5/",
        "http://172.16.0.1/",
        "http://172.31.255.255/",
        "http://192.168.1.10/",
        "http://169.254.169.254/latest/meta-data",
        "http://100.64.0.1/",
        "http://224.0.0.1/",
        "http://255.255.255.255/",
        "http://[::1]/",
        "http://[::]/",
        "http://[fe80::1]/",
        "http://[fc00::1]/",
        "http://[fd12:3456::1]/",
        "http://[fec0::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:10.0.0.1]/",
        "http://[::127.0.0.1]/",
        "http://[64:ff9b::a9fe:a9fe]/",
        "http://[2002:7f00:1::]/",
        "http://[ff02::1]/",
        "https://rebind.example/hook",
        "https://metadata.example/",
        "https://mixed.example/",
        "https://v6-loopback.example/"
      })
  void every_private_loopback_or_link_local_destination_is_refused_by_default(String url) {
    assertThat(strict.refusal(URI.create(url))).isPresent();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://hooks.example/spool",
        "http://93.184.216.34:8080/hook",
        "https://[2606:4700:4700::1111]/hook",
        "http://8.8.8.8/"
      })
  void public_destinations_are_accepted(String url) {
    assertThat(strict.refusal(URI.create(url))).isEmpty();
  }

  @Test
  void the_refusal_names_the_address_and_the_setting_that_allows_it() {
    assertThat(strict.refusal(URI.create("https://rebind.example/")))
        .hasValueSatisfying(reason ->
            assertThat(reason).contains("127.0.0.1").contains("SPOOL_WEBHOOK_ALLOW_PRIVATE"));
  }

  @Test
  void only_http_and_https_schemes_are_accepted() {
    assertThat(strict.refusal(URI.create("ftp://hooks.example/"))).isPresent();
    assertThat(strict.refusal(URI.create("file:///etc/passwd"))).isPresent();
    assertThat(strict.refusal(URI.create("gopher://hooks.example/"))).isPresent();
  }

  @Test
  void a_host_that_does_not_resolve_is_refused() {
    assertThat(strict.refusal(URI.create("https://nowhere.example/")))
        .hasValueSatisfying(reason -> assertThat(reason).contains("cannot be resolved"));
  }

  @Test
  void the_setting_allows_private_addresses_for_tests_and_on_premises_receivers() {
    Destinations lenient = new Destinations(true, DestinationsTest::resolve);

    assertThat(lenient.refusal(URI.create("http://127.0.0.1:9000/hook"))).isEmpty();
    assertThat(lenient.refusal(URI.create("https://rebind.example/"))).isEmpty();
    assertThat(lenient.refusal(URI.create("ftp://127.0.0.1/"))).isPresent();
  }
}
