package dev.spool.bootstrap;

import java.lang.reflect.InvocationTargetException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server jar's entry point. It is compiled for Java 8, apart from the rest of Spool, so that
 * {@code java -jar spool.jar} on an old JDK says what is needed instead of failing with an {@code
 * UnsupportedClassVersionError}; on Java 21 or newer it hands over to {@link Main}. It logs like
 * the rest of the server, through SLF4J and Logback, which run on Java 11 and newer.
 */
public final class Launcher {
  static final int NEEDED = 21;
  private static final Logger LOG = LoggerFactory.getLogger(Launcher.class);

  private Launcher() {}

  public static void main(String[] args) throws Throwable {
    String version = System.getProperty("java.specification.version", "0");
    if (major(version) < NEEDED) {
      LOG.error(
          "Spool needs Java {} or newer, but this is Java {} ({}).",
          NEEDED,
          version,
          System.getProperty("java.home"));
      LOG.error(
          "Run the jar with a newer java, for example"
              + " /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -jar spool.jar, or start it with"
              + " ./spool run, which finds a JDK 21+ in JAVA_HOME or under /usr/lib/jvm.");
      Runtime.getRuntime().exit(1);
      return;
    }
    try {
      Class.forName("dev.spool.bootstrap.Main")
          .getMethod("main", String[].class)
          .invoke(null, (Object) args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** 8 for "1.8", 17 for "17". */
  static int major(String specificationVersion) {
    String v =
        specificationVersion.startsWith("1.")
            ? specificationVersion.substring(2)
            : specificationVersion;
    int dot = v.indexOf('.');
    try {
      return Integer.parseInt(dot < 0 ? v : v.substring(0, dot));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
