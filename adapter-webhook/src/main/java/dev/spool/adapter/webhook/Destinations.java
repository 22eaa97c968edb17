package dev.spool.adapter.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which addresses may receive webhooks. By default only public ones: a webhook URL is chosen by a
 * user, and a server that posts to whatever it is given can be aimed at its own network (cloud
 * metadata at 169.254.169.254, a database's admin port on 10.x). Every address a host resolves to
 * must be public, so a name that resolves to loopback is refused like {@code 127.0.0.1} itself.
 */
final class Destinations {
  /** Resolves a host name to its addresses; the JDK's resolver, or a test's. */
  @FunctionalInterface
  interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private final boolean allowPrivate;
  private final Resolver resolver;

  Destinations(boolean allowPrivate, Resolver resolver) {
    this.allowPrivate = allowPrivate;
    this.resolver = resolver;
  }

  /** Why {@code url} may not receive webhooks, or empty if it may. */
  Optional<String> refusal(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Optional.of("only http:// and https:// URLs can receive webhooks");
    }
    String host = url.getHost();
    if (host == null || host.isEmpty()) {
      return Optional.of("the URL names no host");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(host);
    } catch (UnknownHostException e) {
      return Optional.of("the host " + host + " cannot be resolved");
    }
    if (allowPrivate) {
      return Optional.empty();
    }
    for (InetAddress address : addresses) {
      if (!isPublic(address)) {
        return Optional.of(
            "the host "
                + host
                + " is or resolves to "
                + address.getHostAddress()
                + ", a loopback, link-local or private address; webhooks go to public addresses"
                + " only, unless the server allows private ones (SPOOL_WEBHOOK_ALLOW_PRIVATE)");
      }
    }
    return Optional.empty();
  }

  /** Whether an address is on the public internet: none of the special-purpose ranges. */
  static boolean isPublic(InetAddress address) {
    if (address.isAnyLocalAddress()
        || address.isLoopbackAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return false;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      return isPublicV4(b);
    }
    if (address instanceof Inet6Address) {
      // fc00::/7 unique local
      if ((b[0] & 0xfe) == 0xfc) {
        return false;
      }
      // fec0::/10 site-local (deprecated, but still routed inside some networks)
      if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
        return false;
      }
      // ::/96 (IPv4-compatible), ::ffff:0:0/96 (mapped), 64:ff9b::/96 (NAT64): judge the IPv4
      // inside
      if (zeros(b, 0, 12)
          || (zeros(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff)) {
        return isPublicV4(new byte[] {b[12], b[13], b[14], b[15]});
      }
      if ((b[0] & 0xff) == 0x00
          && (b[1] & 0xff) == 0x64
          && (b[2] & 0xff) == 0xff
          && (b[3] & 0xff) == 0x9b
          && zeros(b, 4, 12)) {
        return isPublicV4(new byte[] {b[12], b[13], b[14], b[15]});
      }
      // 2002::/16 (6to4): the IPv4 is in bytes 2-5
      if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
        return isPublicV4(new byte[] {b[2], b[3], b[4], b[5]});
      }
      // 2001:db8::/32 documentation
      return !((b[0] & 0xff) == 0x20
          && (b[1] & 0xff) == 0x01
          && (b[2] & 0xff) == 0x0d
          && (b[3] & 0xff) == 0xb8);
    }
    return false;
  }

  private static boolean isPublicV4(byte[] b) {
    int first = b[0] & 0xff;
    int second = b[1] & 0xff;
    return !(first == 0 // this network
        || first == 10 // private
        || first == 127 // loopback
        || (first == 100 && second >= 64 && second <= 127) // shared (carrier-grade NAT)
        || (first == 169 && second == 254) // link-local, cloud metadata
        || (first == 172 && second >= 16 && second <= 31) // private
        || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
        || (first == 192 && second == 0 && (b[2] & 0xff) == 2) // documentation
        || (first == 192 && second == 168) // private
        || (first == 198 && (second == 18 || second == 19)) // benchmarking
        || (first == 198 && second == 51 && (b[2] & 0xff) == 100) // documentation
        || (first == 203 && second == 0 && (b[2] & 0xff) == 113) // documentation
        || first >= 224); // multicast, reserved, broadcast
  }

  private static boolean zeros(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
