package dev.spool.bootstrap;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system's architecture rules. They live here because bootstrap sees every module but the
 * benchmarks, which run these same rules over the whole system with themselves included ({@code
 * BenchArchitectureTest}). They start with zero exceptions; code that breaks one is fixed, never
 * the rule.
 */
@AnalyzeClasses(
    packages = "dev.spool",
    importOptions = {
      ImportOption.DoNotIncludeTests.class,
      ArchitectureTest.DoNotIncludeTestJars.class
    })
public class ArchitectureTest {

  /**
   * Leaves out Maven test-jars (such as the application's shared fakes), which {@link
   * ImportOption.DoNotIncludeTests} does not recognise: the rules judge production code.
   */
  public static final class DoNotIncludeTestJars implements ImportOption {
    @Override
    public boolean includes(Location location) {
      return !location.matches(java.util.regex.Pattern.compile(".*-tests\\.jar.*"));
    }
  }

  @ArchTest
  static final ArchRule DOMAIN_DEPENDS_ONLY_ON_JAVA =
      classes()
          .that()
          .resideInAPackage("dev.spool.domain..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", "dev.spool.domain..")
          .because("the domain is pure Java: its rules must be testable and reusable anywhere");

  @ArchTest
  static final ArchRule APPLICATION_DEPENDS_ONLY_ON_DOMAIN_JAVA_AND_THE_LOGGING_API =
      classes()
          .that()
          .resideInAPackage("dev.spool.application..")
          .should()
          .onlyDependOnClassesThat(
              resideInAnyPackage("java..", "dev.spool.domain..", "dev.spool.application..")
                  .or(belongToAnyOf(Logger.class, LoggerFactory.class)))
          .because(
              "the application defines ports and leaves every technology to adapters; it logs"
                  + " through SLF4J's two API types, so the host's backend decides the format");

  @ArchTest
  static final ArchRule APPLICATION_USES_NO_ADAPTER_TECHNOLOGY =
      noClasses()
          .that()
          .resideInAPackage("dev.spool.application..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.javalin..",
              "org.jdbi..",
              "com.zaxxer..",
              "org.postgresql..",
              "com.fasterxml..",
              "org.flywaydb..",
              "ch.qos.logback..",
              "org.apache.logging..")
          .because("embedding services take the application jar without any of these");

  @ArchTest
  static final ArchRule NO_PACKAGE_CYCLES =
      slices()
          .matching("dev.spool.(**)")
          .should()
          .beFreeOfCycles()
          .because("each package can then be read, tested and changed from the inside out");

  @ArchTest
  static final ArchRule DRIVING_PORTS_DO_NOT_USE_DRIVEN_PORTS =
      noClasses()
          .that()
          .resideInAPackage("dev.spool.application.port.in..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.spool.application.port.out..")
          .because(
              "a caller of the use cases (the HTTP adapter, an embedding service) must not need"
                  + " the types that stores and generators implement; shared read models live in"
                  + " application.model");

  @ArchTest
  static final ArchRule ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER =
      slices()
          .matching("dev.spool.adapter.(*)..")
          .should()
          .notDependOnEachOther()
          .because("each adapter plugs into the ports alone, so any one can be replaced");

  @ArchTest
  static final ArchRule ONLY_BOOTSTRAP_AND_BENCH_DEPEND_ON_ADAPTERS =
      noClasses()
          .that()
          .resideOutsideOfPackages(
              "dev.spool.adapter..", "dev.spool.bootstrap..", "dev.spool.bench..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.spool.adapter..")
          .because(
              "dependencies point inward; only the wiring knows the adapters, and the benchmarks"
                  + " measure the product as it is wired");

  @ArchTest
  static final ArchRule NOTHING_DEPENDS_ON_BENCH =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.spool.bench..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.spool.bench..")
          .because("the benchmarks measure the product; the product never needs them");

  @ArchTest
  static final ArchRule NO_STANDARD_STREAMS =
      GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.because(
          "output goes through logging, where it can be filtered and shipped");

  @ArchTest
  static final ArchRule NO_GENERIC_EXCEPTIONS =
      GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS.because(
          "callers need a typed error they can handle or map to a clear response");

  @ArchTest
  static final ArchRule NO_JAVA_UTIL_LOGGING =
      GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.because(
          "one logging facade for the whole system");

  @ArchTest
  static final ArchRule NO_JODA_TIME =
      GeneralCodingRules.NO_CLASSES_SHOULD_USE_JODATIME.because("java.time is the clock API");
}
