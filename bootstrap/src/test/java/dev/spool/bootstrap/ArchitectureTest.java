package dev.spool.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/**
 * The whole system's architecture rules. They live here because only bootstrap sees every module.
 * They start with zero exceptions; code that breaks one is fixed, never the rule.
 */
@AnalyzeClasses(
    packages = "dev.spool",
    importOptions = {
      ImportOption.DoNotIncludeTests.class,
      ArchitectureTest.DoNotIncludeTestJars.class
    })
class ArchitectureTest {

  /**
   * Leaves out Maven test-jars (such as the application's shared fakes), which {@link
   * ImportOption.DoNotIncludeTests} does not recognise: the rules judge production code.
   */
  static final class DoNotIncludeTestJars implements ImportOption {
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
  static final ArchRule APPLICATION_DEPENDS_ONLY_ON_DOMAIN_AND_JAVA =
      classes()
          .that()
          .resideInAPackage("dev.spool.application..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", "dev.spool.domain..", "dev.spool.application..")
          .because("the application defines ports and leaves every technology to adapters");

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
              "org.slf4j..")
          .because("embedding services take the application jar without any of these");

  @ArchTest
  static final ArchRule ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER =
      slices()
          .matching("dev.spool.adapter.(*)..")
          .should()
          .notDependOnEachOther()
          .because("each adapter plugs into the ports alone, so any one can be replaced");

  @ArchTest
  static final ArchRule ONLY_BOOTSTRAP_DEPENDS_ON_ADAPTERS =
      noClasses()
          .that()
          .resideOutsideOfPackages("dev.spool.adapter..", "dev.spool.bootstrap..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.spool.adapter..")
          .because("dependencies point inward; only the wiring knows the adapters");

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
